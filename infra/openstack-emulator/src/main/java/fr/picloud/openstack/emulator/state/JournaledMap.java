package fr.picloud.openstack.emulator.state;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JavaType;

/**
 * A table of the cloud's state: an insertion-ordered map whose every change (put, remove, clear,
 * removal through an iterator) is handed to the {@link CloudState} it belongs to, so the journal
 * holds what memory holds. Values must be immutable: a change replaces the value, never edits it.
 */
final class JournaledMap<K, V> extends AbstractMap<K, V> {

    final String name;
    final JavaType keyType;
    final JavaType valueType;
    private final CloudState state;
    private final Map<K, V> entries = new LinkedHashMap<>();

    JournaledMap(String name, JavaType keyType, JavaType valueType, CloudState state) {
        this.name = name;
        this.keyType = keyType;
        this.valueType = valueType;
        this.state = state;
    }

    @Override
    public V get(Object key) {
        return entries.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    @Override
    public int size() {
        return entries.size();
    }

    @Override
    public V put(K key, V value) {
        V previous = entries.put(key, value);
        state.recordPut(this, key, value);
        return previous;
    }

    @Override
    public V remove(Object key) {
        if (!entries.containsKey(key)) {
            return null;
        }
        V previous = entries.remove(key);
        state.recordRemove(this, key);
        return previous;
    }

    @Override
    public void clear() {
        entries.clear();
        state.recordClear(this);
    }

    @Override
    public Set<Entry<K, V>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<K, V>> iterator() {
                Iterator<Entry<K, V>> delegate = entries.entrySet().iterator();
                return new Iterator<>() {
                    private K last;

                    @Override
                    public boolean hasNext() {
                        return delegate.hasNext();
                    }

                    @Override
                    public Entry<K, V> next() {
                        Entry<K, V> entry = delegate.next();
                        last = entry.getKey();
                        return new SimpleImmutableEntry<>(entry);
                    }

                    @Override
                    public void remove() {
                        delegate.remove();
                        state.recordRemove(JournaledMap.this, last);
                    }
                };
            }

            @Override
            public int size() {
                return entries.size();
            }
        };
    }

    /** Applies a change read back from disk, without journaling it again. */
    void restorePut(K key, V value) {
        entries.put(key, value);
    }

    void restoreRemove(K key) {
        entries.remove(key);
    }

    void restoreClear() {
        entries.clear();
    }
}
