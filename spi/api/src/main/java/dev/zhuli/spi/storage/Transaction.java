package dev.zhuli.spi.storage;

import java.util.Optional;

/**
 * The reads and writes of one unit of work; see {@link Storage#transact(UnitOfWork)}.
 *
 * <p>Reads see what was committed before them (read committed) and this transaction's own
 * writes; they are not validated at commit. Writes name the version they expect: an absent record
 * has version 0, {@code put} stores expected + 1, and a mismatch is a {@link ConflictException},
 * raised at the call or at commit. Once a conflict is raised the transaction keeps nothing, even
 * if the unit of work catches it.
 *
 * <p>A transaction belongs to the thread running its unit of work and is valid only until the
 * unit of work returns or throws; later calls throw {@link IllegalStateException}.
 *
 * @since 0.1.0
 */
public interface Transaction {

  /**
   * Reads a record, seeing this transaction's own writes.
   *
   * @param kind the kind
   * @param id the id
   * @return the record with its stored version, or empty if absent (version 0)
   * @throws IllegalArgumentException if the kind or id is invalid
   * @throws StorageException if the store fails
   */
  Optional<StoredRecord> get(String kind, String id);

  /**
   * Creates or replaces a record, if its stored version is the expected one.
   *
   * @param record the record; its own version is ignored
   * @param expectedVersion 0 to create, else the version last read
   * @return the new version, {@code expectedVersion + 1}
   * @throws IllegalArgumentException if expectedVersion is negative or the record null
   * @throws ConflictException if the stored version differs (now or at commit)
   * @throws StorageException if the store fails
   */
  long put(StoredRecord record, long expectedVersion);

  /**
   * Deletes a record, if its stored version is the expected one. The record is then absent, with
   * version 0, and may be created again.
   *
   * @param kind the kind
   * @param id the id
   * @param expectedVersion the version last read, at least 1
   * @throws IllegalArgumentException if the kind or id is invalid or expectedVersion below 1
   * @throws ConflictException if the record is absent or its version differs (now or at commit)
   * @throws StorageException if the store fails
   */
  void delete(String kind, String id, long expectedVersion);

  /**
   * Finds records of one kind by an index key, ordered by (value, id) in code-point order, one
   * page at a time; see {@link FindRequest}.
   *
   * <p>A record with several values in range appears once, at its least matching value
   * ({@link FindRequest#leastMatch}). Every record that matched throughout an iteration over
   * pages is returned exactly once; one that was written, created or deleted during it may be
   * missed, or returned again if its value moved past the cursor, so callers that page while
   * others write de-duplicate by id. The page sees this transaction's own writes.
   *
   * @param request what to find
   * @return a page of records with their stored versions
   * @throws IllegalArgumentException if the request is null or its cursor unreadable
   * @throws StorageException if the store fails
   */
  Page<StoredRecord> find(FindRequest request);

  /**
   * Adds a message to the outbox, committed with this transaction's records or not at all.
   *
   * @param message the message
   * @throws IllegalArgumentException if the message is null
   * @throws ConflictException if a message with that id is already in the outbox, live or dead
   *     (now or at commit)
   * @throws StorageException if the store fails
   */
  void enqueue(OutboxMessage message);
}
