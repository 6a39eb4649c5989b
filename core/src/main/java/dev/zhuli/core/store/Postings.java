package dev.zhuli.core.store;

import dev.zhuli.spi.storage.IndexEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The postings of one index key of the in-memory store: (value, record id) pairs, kept sorted by
 * value in code-point order, then by id, without duplicates.
 *
 * <p>They sit in chunks of up to {@value #CHUNK} pairs, each chunk two arrays, found by binary
 * search over the chunks' first pairs. A posting costs two references, about 10 bytes with the
 * chunks' slack, where a tree set's node and its pair object cost 64: an order keeps eight
 * postings, so this is about 400 bytes an order. Adding or removing costs O(log n) comparisons
 * plus moving at most a chunk's references (and, when a chunk splits or empties, the list of
 * chunks: one reference per {@value #CHUNK} postings).
 *
 * <p>Index values share long prefixes (a group's id, then a time), so comparisons are most of
 * the cost: a chunk whose values are all below the surrogates, as ASCII is, compares them with
 * {@link String#compareTo}, which is code-point order there and much faster than comparing code
 * points one by one.
 *
 * <p>Not thread-safe: the store changes its postings under its write lock and reads them under
 * its read lock; an iterator is valid until the postings next change.
 */
final class Postings implements Iterable<Postings.Posting> {
  /** The most pairs a chunk holds. */
  static final int CHUNK = 64;
  private static final int FIRST_CAPACITY = 4;

  private final List<Chunk> chunks = new ArrayList<>();
  private int size;

  /** One index entry of one record, ordered by value in code-point order, then by record id. */
  record Posting(String value, String id) implements Comparable<Posting> {
    @Override
    public int compareTo(Posting other) {
      return compare(value, id, other.value, other.id);
    }
  }

  /**
   * How many postings there are.
   *
   * @return the count
   */
  int size() {
    return size;
  }

  /**
   * Whether there are none.
   *
   * @return true if empty
   */
  boolean isEmpty() {
    return size == 0;
  }

  /**
   * Adds a posting.
   *
   * @param value the index value
   * @param id the record id
   * @return false if it was there already
   */
  boolean add(String value, String id) {
    boolean plain = isPlain(value);
    if (chunks.isEmpty()) {
      Chunk first = new Chunk(FIRST_CAPACITY);
      first.insert(0, value, id, plain);
      chunks.add(first);
      size = 1;
      return true;
    }
    int ci = chunkFor(value, id, plain);
    Chunk c = chunks.get(ci);
    int at = c.search(value, id, plain);
    if (at >= 0) {
      return false;
    }
    at = -at - 1;
    if (c.n == CHUNK) {
      Chunk upper = c.splitUpperHalf();
      chunks.add(ci + 1, upper);
      if (at > c.n) {
        c = upper;
        at -= CHUNK - upper.n;
      }
    }
    c.insert(at, value, id, plain);
    size++;
    return true;
  }

  /**
   * Removes a posting.
   *
   * @param value the index value
   * @param id the record id
   * @return false if it was not there
   */
  boolean remove(String value, String id) {
    if (chunks.isEmpty()) {
      return false;
    }
    boolean plain = isPlain(value);
    int ci = chunkFor(value, id, plain);
    Chunk c = chunks.get(ci);
    int at = c.search(value, id, plain);
    if (at < 0) {
      return false;
    }
    c.delete(at);
    size--;
    if (c.n == 0) {
      chunks.remove(ci);
    } else if (c.n < CHUNK / 4 && ci + 1 < chunks.size()
        && c.n + chunks.get(ci + 1).n <= CHUNK) {
      // Keep chunks from thinning out under removals: take in the next one.
      c.append(chunks.remove(ci + 1));
    }
    return true;
  }

  /**
   * The postings in order, from a position on.
   *
   * @param from where to start; null for the first posting
   * @param inclusive whether a posting equal to {@code from} comes first
   * @return the postings from there
   */
  Iterator<Posting> from(Posting from, boolean inclusive) {
    int ci = 0;
    int at = 0;
    if (from != null && !chunks.isEmpty()) {
      boolean plain = isPlain(from.value);
      ci = chunkFor(from.value, from.id, plain);
      Chunk c = chunks.get(ci);
      at = c.search(from.value, from.id, plain);
      if (at >= 0) {
        at = inclusive ? at : at + 1;
      } else {
        at = -at - 1;
      }
    }
    int startChunk = ci;
    int startAt = at;
    return new Iterator<>() {
      int chunk = startChunk;
      int index = startAt;

      @Override
      public boolean hasNext() {
        while (chunk < chunks.size() && index >= chunks.get(chunk).n) {
          chunk++;
          index = 0;
        }
        return chunk < chunks.size();
      }

      @Override
      public Posting next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Chunk c = chunks.get(chunk);
        Posting p = new Posting(c.values[index], c.ids[index]);
        index++;
        return p;
      }
    };
  }

  @Override
  public Iterator<Posting> iterator() {
    return from(null, true);
  }

  /** The chunk a pair belongs in: the last whose first pair is not greater, else the first. */
  private int chunkFor(String value, String id, boolean plain) {
    int lo = 0;
    int hi = chunks.size() - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      Chunk c = chunks.get(mid);
      if (c.compareAt(0, value, id, plain) <= 0) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  private static int compare(String value, String id, String otherValue, String otherId) {
    int byValue = IndexEntry.CODE_POINT_ORDER.compare(value, otherValue);
    return byValue != 0 ? byValue : id.compareTo(otherId);
  }

  /**
   * Whether every char of a value lies below the surrogates. Between two such values, UTF-16
   * order is code-point order, and {@link String#compareTo} (which the JVM compiles to vector
   * instructions) gives it; index values are mostly ASCII.
   */
  static boolean isPlain(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) >= Character.MIN_SURROGATE) {
        return false;
      }
    }
    return true;
  }

  /** Up to {@value #CHUNK} sorted pairs in two arrays that grow as needed. */
  private static final class Chunk {
    String[] values;
    String[] ids;
    int n;
    /** True while every value held is {@linkplain #isPlain plain}; may stay false after. */
    boolean plain = true;

    Chunk(int capacity) {
      values = new String[capacity];
      ids = new String[capacity];
    }

    /** The pair at an index against a pair: negative, zero or positive. */
    int compareAt(int i, String value, String id, boolean valuePlain) {
      if (valuePlain && plain) {
        int byValue = values[i].compareTo(value);
        return byValue != 0 ? byValue : ids[i].compareTo(id);
      }
      return compare(values[i], ids[i], value, id);
    }

    /** The index of a pair, or (-(insertion point) - 1). */
    int search(String value, String id, boolean valuePlain) {
      int lo = 0;
      int hi = n - 1;
      while (lo <= hi) {
        int mid = (lo + hi) >>> 1;
        int c = compareAt(mid, value, id, valuePlain);
        if (c < 0) {
          lo = mid + 1;
        } else if (c > 0) {
          hi = mid - 1;
        } else {
          return mid;
        }
      }
      return -(lo + 1);
    }

    void insert(int at, String value, String id, boolean valuePlain) {
      plain &= valuePlain;
      if (n == values.length) {
        int capacity = Math.min(CHUNK, values.length * 2);
        values = Arrays.copyOf(values, capacity);
        ids = Arrays.copyOf(ids, capacity);
      }
      System.arraycopy(values, at, values, at + 1, n - at);
      System.arraycopy(ids, at, ids, at + 1, n - at);
      values[at] = value;
      ids[at] = id;
      n++;
    }

    void delete(int at) {
      System.arraycopy(values, at + 1, values, at, n - at - 1);
      System.arraycopy(ids, at + 1, ids, at, n - at - 1);
      n--;
      values[n] = null;
      ids[n] = null;
    }

    /** Moves the upper half into a new chunk, which it returns. */
    Chunk splitUpperHalf() {
      int keep = n / 2;
      Chunk upper = new Chunk(CHUNK);
      upper.plain = plain;
      upper.n = n - keep;
      System.arraycopy(values, keep, upper.values, 0, upper.n);
      System.arraycopy(ids, keep, upper.ids, 0, upper.n);
      Arrays.fill(values, keep, n, null);
      Arrays.fill(ids, keep, n, null);
      n = keep;
      return upper;
    }

    /** Appends every pair of a chunk whose pairs all come after this one's. */
    void append(Chunk next) {
      if (values.length < n + next.n) {
        values = Arrays.copyOf(values, CHUNK);
        ids = Arrays.copyOf(ids, CHUNK);
      }
      System.arraycopy(next.values, 0, values, n, next.n);
      System.arraycopy(next.ids, 0, ids, n, next.n);
      n += next.n;
      plain &= next.plain;
    }
  }
}
