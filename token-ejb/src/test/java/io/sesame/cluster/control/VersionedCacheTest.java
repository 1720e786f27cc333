package io.sesame.cluster.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class VersionedCacheTest {

    private final Map<String, String> database = new HashMap<>(Map.of("k1", "active", "k2", "active"));
    private final AtomicInteger loads = new AtomicInteger();
    private final VersionedCache<String> cache = new VersionedCache<>();

    private String load(String key) {
        loads.incrementAndGet();
        return database.get(key);
    }

    @Test
    void serves_the_cached_value_while_the_versions_are_unchanged() {
        assertThat(cache.get("k1", 0, 0, this::load)).isEqualTo("active");
        assertThat(cache.get("k1", 0, 0, this::load)).isEqualTo("active");
        assertThat(loads).hasValue(1);
    }

    @Test
    void another_instance_changing_the_key_makes_this_one_reload_it_and_only_it() {
        cache.get("k1", 0, 0, this::load);
        cache.get("k2", 0, 0, this::load);
        database.put("k1", "revoked"); // committed elsewhere, then the key's version bumped
        assertThat(cache.get("k1", 7, 0, this::load)).isEqualTo("revoked");
        assertThat(cache.get("k2", 0, 0, this::load)).isEqualTo("active");
        assertThat(loads).hasValue(3);
    }

    @Test
    void a_shared_version_change_reloads_every_key() {
        cache.get("k1", 0, 0, this::load);
        cache.get("k2", 0, 0, this::load);
        database.replaceAll((k, v) -> "application suspended");
        assertThat(cache.get("k1", 0, 3, this::load)).isEqualTo("application suspended");
        assertThat(cache.get("k2", 0, 3, this::load)).isEqualTo("application suspended");
    }

    @Test
    void a_change_committed_during_a_load_is_picked_up_by_the_next_request() {
        // The request read version 0, then loaded; meanwhile the change committed and bumped the version to 1 after.
        assertThat(cache.get("k1", 0, 0, key -> "active (read before the commit)")).startsWith("active");
        database.put("k1", "revoked");
        assertThat(cache.get("k1", 1, 0, this::load)).as("the next request sees version 1: reload").isEqualTo("revoked");
    }

    @Test
    void unknown_keys_are_not_cached_and_removal_works_by_key_and_by_value() {
        assertThat(cache.get("nope", 0, 0, this::load)).isNull();
        assertThat(cache.get("nope", 0, 0, this::load)).isNull();
        assertThat(loads).as("a missing key is looked up again").hasValue(2);
        cache.get("k1", 0, 0, this::load);
        cache.get("k2", 0, 0, this::load);
        cache.remove("k1");
        cache.removeIf(v -> v.equals("active"));
        cache.get("k1", 0, 0, this::load);
        cache.get("k2", 0, 0, this::load);
        assertThat(loads).hasValue(6);
    }
}
