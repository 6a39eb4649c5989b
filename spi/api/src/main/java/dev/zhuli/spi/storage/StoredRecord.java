package dev.zhuli.spi.storage;

import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One stored record: kind, id, version, an opaque body and the index entries it is found by.
 *
 * <p>The body is opaque bytes (the core writes its own encoding), at most
 * {@value Limits#MAX_BODY_BYTES} bytes, and must read back byte for byte, so stores keep it as a
 * binary column, never as a text or JSON type. A record carries at most
 * {@value Limits#MAX_INDEX_ENTRIES} {@link IndexEntry index entries}; the same key may appear with
 * different values.
 *
 * <p>The version is the one stored: 0 for a record not yet written, then 1, 2, … The version of a
 * record passed to {@link Transaction#put(StoredRecord, long)} is ignored; the expected version is the
 * second argument.
 *
 * <p>Immutable and thread-safe: the body is copied in and out.
 *
 * @since 0.1.0
 */
public final class StoredRecord {
  private final String kind;
  private final String id;
  private final long version;
  private final byte[] body;
  private final Set<IndexEntry> index;

  private StoredRecord(String kind, String id, long version, byte[] body, Set<IndexEntry> index) {
    this.kind = kind;
    this.id = id;
    this.version = version;
    this.body = body;
    this.index = index;
  }

  /**
   * Creates a record to write, with version 0.
   *
   * @param kind the kind, 1 to {@value Limits#MAX_KIND_LENGTH} printable ASCII characters
   * @param id the id, 1 to {@value Limits#MAX_ID_LENGTH} printable ASCII characters
   * @param body the body, at most {@value Limits#MAX_BODY_BYTES} bytes; copied
   * @param index the index entries, at most {@value Limits#MAX_INDEX_ENTRIES}; duplicates collapse
   * @return the record
   * @throws IllegalArgumentException if any part breaks a limit
   */
  public static StoredRecord of(String kind, String id, byte[] body, Collection<IndexEntry> index) {
    Limits.checkKind(kind);
    Limits.checkId("id", id);
    byte[] copy = Limits.checkBytes("body", body).clone();
    if (index == null) {
      throw new IllegalArgumentException("index must not be null (use an empty set)");
    }
    TreeSet<IndexEntry> sorted = new TreeSet<>();
    for (IndexEntry entry : index) {
      if (entry == null) {
        throw new IllegalArgumentException("index must not contain null entries");
      }
      sorted.add(entry);
    }
    if (sorted.size() > Limits.MAX_INDEX_ENTRIES) {
      throw new IllegalArgumentException(
          "index must have at most " + Limits.MAX_INDEX_ENTRIES + " entries, had "
              + sorted.size() + " on " + kind + "/" + id);
    }
    return new StoredRecord(kind, id, 0, copy,
        new SortedEntries(sorted.toArray(new IndexEntry[0])));
  }

  /**
   * The entries as an unmodifiable set over a sorted array: a store keeps one per record, and a
   * tree set would cost several objects per entry.
   */
  private static final class SortedEntries extends AbstractSet<IndexEntry> {
    private final IndexEntry[] sorted;

    SortedEntries(IndexEntry[] sorted) {
      this.sorted = sorted;
    }

    @Override
    public Iterator<IndexEntry> iterator() {
      return Collections.unmodifiableList(Arrays.asList(sorted)).iterator();
    }

    @Override
    public int size() {
      return sorted.length;
    }

    @Override
    public boolean contains(Object o) {
      return o instanceof IndexEntry && Arrays.binarySearch(sorted, (IndexEntry) o) >= 0;
    }
  }

  /**
   * Creates a record to write, with version 0, from index entries given inline.
   *
   * @param kind the kind
   * @param id the id
   * @param body the body; copied
   * @param index the index entries
   * @return the record
   * @throws IllegalArgumentException if any part breaks a limit
   */
  public static StoredRecord of(String kind, String id, byte[] body, IndexEntry... index) {
    if (index == null) {
      throw new IllegalArgumentException("index must not be null (give no entries instead)");
    }
    return of(kind, id, body, Arrays.asList(index));
  }

  /**
   * The same record with another version; what a store returns when it reads a record back.
   *
   * @param version the stored version, at least 1
   * @return the record with that version
   * @throws IllegalArgumentException if the version is below 1
   */
  public StoredRecord withVersion(long version) {
    if (version < 1) {
      throw new IllegalArgumentException("a stored version is at least 1, was " + version);
    }
    return new StoredRecord(kind, id, version, body, index);
  }

  /**
   * The kind, for example {@code "order"}.
   *
   * @return the kind
   */
  public String kind() {
    return kind;
  }

  /**
   * The id, unique within the kind.
   *
   * @return the id
   */
  public String id() {
    return id;
  }

  /**
   * The version: 0 before it is written, then the stored version.
   *
   * @return the version
   */
  public long version() {
    return version;
  }

  /**
   * A copy of the body.
   *
   * @return the body bytes
   */
  public byte[] body() {
    return body.clone();
  }

  /**
   * The body's length in bytes, without copying it.
   *
   * @return the length
   */
  public int bodyLength() {
    return body.length;
  }

  /**
   * The index entries, sorted by key and then value.
   *
   * @return an unmodifiable set
   */
  public Set<IndexEntry> index() {
    return index;
  }

  /**
   * The values of the index entries under one key, in code-point order.
   *
   * @param key the key
   * @return the values, possibly none
   */
  public List<String> indexValues(String key) {
    List<String> values = new ArrayList<>();
    for (IndexEntry entry : index) {
      if (entry.key().equals(key)) {
        values.add(entry.value());
      }
    }
    return values;
  }

  /**
   * Two records are equal when kind, id, version, body bytes and index entries are.
   *
   * @param o the other object
   * @return whether they are equal
   */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof StoredRecord)) {
      return false;
    }
    StoredRecord r = (StoredRecord) o;
    return r.kind.equals(kind)
        && r.id.equals(id)
        && r.version == version
        && Arrays.equals(r.body, body)
        && r.index.equals(index);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, id, version, Arrays.hashCode(body), index);
  }

  /** Names the record and sizes its body; never prints the body, which may hold personal data. */
  @Override
  public String toString() {
    return kind + "/" + id + "@" + version + " (" + body.length + " bytes, " + index.size()
        + " index entries)";
  }
}
