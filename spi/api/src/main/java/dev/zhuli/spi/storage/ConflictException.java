package dev.zhuli.spi.storage;

/**
 * A write met a version other than the one it expected, or an outbox message id that already
 * exists. Nothing of the transaction is kept; the caller may load again, decide again and retry.
 *
 * <p>Stores raise it either at the conflicting call or when the transaction commits, and never
 * retry by themselves. Once a transaction has raised it, the transaction is doomed: even if the
 * unit of work catches it and returns normally, the store keeps nothing and raises it again
 * from {@link Storage#transact(UnitOfWork)}.
 *
 * @since 0.1.0
 */
public class ConflictException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String kind;
  private final String id;

  /**
   * Creates the exception.
   *
   * @param kind the kind of the record in conflict ({@code "outbox"} for an outbox message)
   * @param id the id of the record or message in conflict
   * @param message what conflicted, for example the expected and the stored version
   */
  public ConflictException(String kind, String id, String message) {
    super(message);
    this.kind = kind;
    this.id = id;
  }

  /**
   * The kind of the record in conflict, or {@code "outbox"} for an outbox message.
   *
   * @return the kind
   */
  public String kind() {
    return kind;
  }

  /**
   * The id of the record or message in conflict.
   *
   * @return the id
   */
  public String id() {
    return id;
  }
}
