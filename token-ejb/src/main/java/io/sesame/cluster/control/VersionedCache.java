package io.sesame.cluster.control;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A per-instance cache whose entries remember the shared versions they were loaded under: the subject's own version
 * and one version shared by all subjects (e.g. "some application changed"). An entry is served only while both
 * versions are unchanged; otherwise it is loaded again. The caller reads the versions <em>before</em> calling, so that
 * a change committed while the value loads (whose version is bumped after its commit) makes the next call reload.
 * Without a cluster every version stays 0 and the cache relies on explicit removal.
 */
public final class VersionedCache<V> {

    private record Entry<V>(V value, long subjectVersion, long sharedVersion) {
    }

    private final Map<String, Entry<V>> entries = new ConcurrentHashMap<>();

    /** The value for the versions given: cached, or loaded (a null load is not cached). */
    public V get(String key, long subjectVersion, long sharedVersion, Function<String, V> loader) {
        Entry<V> cached = entries.get(key);
        if (cached != null && cached.subjectVersion() == subjectVersion && cached.sharedVersion() == sharedVersion) {
            return cached.value();
        }
        V loaded = loader.apply(key);
        if (loaded != null) {
            entries.put(key, new Entry<>(loaded, subjectVersion, sharedVersion));
        } else {
            entries.remove(key);
        }
        return loaded;
    }

    public void remove(String key) {
        entries.remove(key);
    }

    public void removeIf(Predicate<V> condition) {
        entries.values().removeIf(e -> condition.test(e.value()));
    }

    public void clear() {
        entries.clear();
    }
}
