package campfire.db;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.function.Function;

/**
 * Values read from the database, kept while nothing has been written since: each remembers the
 * {@link Database#version()} it was read at and is read again once the version has moved. Where
 * the database does not keep reads (PostgreSQL: other instances write too), every call reads.
 */
public final class Memo<K, V> {
  private final Database database;
  private final Cache<K, Kept<V>> kept;

  private record Kept<V>(long version, V value) {}

  public Memo(Database database, long maximumEntries) {
    this.database = database;
    this.kept = Caffeine.newBuilder().maximumSize(maximumEntries).build();
  }

  /** The value for the key as of now: kept, or read by {@code read} (which must only read). */
  public V get(K key, Function<K, V> read) {
    if (!database.keepsReads()) return read.apply(key);
    long version = database.version();
    Kept<V> earlier = kept.getIfPresent(key);
    if (earlier != null && earlier.version() == version) return earlier.value();
    V value = read.apply(key);
    kept.put(key, new Kept<>(version, value));
    return value;
  }
}
