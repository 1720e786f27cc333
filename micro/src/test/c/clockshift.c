/*
 * Test only: steps this process's wall clock by the whole seconds written in the file named by CLOCKSHIFT_FILE (re-read
 * at most every 100 ms), as an NTP step or a restored VM would. Loaded with LD_PRELOAD into the Payara Micro process of
 * ClockJumpIT; CLOCK_REALTIME and its coarse variant, gettimeofday and time are shifted, the monotonic clocks are not
 * (an NTP step leaves them alone too). The JVM reads the wall clock through libc's clock_gettime, so this reaches
 * System.currentTimeMillis and Instant.now.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/time.h>
#include <time.h>

typedef int (*clock_gettime_fn)(clockid_t, struct timespec *);

static _Atomic(clock_gettime_fn) real_clock_gettime;
static _Atomic long shift_seconds;
static _Atomic long next_read_ns;

static clock_gettime_fn real(void) {
    clock_gettime_fn fn = atomic_load(&real_clock_gettime);
    if (fn == NULL) {
        fn = (clock_gettime_fn) dlsym(RTLD_NEXT, "clock_gettime");
        atomic_store(&real_clock_gettime, fn);
    }
    return fn;
}

static long current_shift(void) {
    struct timespec mono;
    real()(CLOCK_MONOTONIC, &mono);
    long now = mono.tv_sec * 1000000000L + mono.tv_nsec;
    if (now >= atomic_load(&next_read_ns)) {
        atomic_store(&next_read_ns, now + 100000000L);
        const char *file = getenv("CLOCKSHIFT_FILE");
        if (file != NULL) {
            FILE *in = fopen(file, "r");
            if (in != NULL) {
                long seconds;
                if (fscanf(in, "%ld", &seconds) == 1) {
                    atomic_store(&shift_seconds, seconds);
                }
                fclose(in);
            }
        }
    }
    return atomic_load(&shift_seconds);
}

int clock_gettime(clockid_t id, struct timespec *ts) {
    int rc = real()(id, ts);
    if (rc == 0 && (id == CLOCK_REALTIME || id == CLOCK_REALTIME_COARSE)) {
        ts->tv_sec += current_shift();
    }
    return rc;
}

int gettimeofday(struct timeval *restrict tv, void *restrict tz) {
    (void) tz;
    struct timespec ts;
    int rc = clock_gettime(CLOCK_REALTIME, &ts);
    if (rc == 0) {
        tv->tv_sec = ts.tv_sec;
        tv->tv_usec = ts.tv_nsec / 1000;
    }
    return rc;
}

time_t time(time_t *out) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    if (out != NULL) {
        *out = ts.tv_sec;
    }
    return ts.tv_sec;
}
