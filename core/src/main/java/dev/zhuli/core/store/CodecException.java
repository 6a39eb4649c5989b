package dev.zhuli.core.store;

/**
 * A value could not be encoded, or a body could not be decoded: the body is not JSON, has no
 * schema version, was written by a newer version of Zhuli, does not match its type, or an upcaster
 * failed.
 *
 * <p>Stored bodies may hold personal data, so neither the message nor the causes quote them: the
 * message names the kind or type, the schema versions and where in the value the problem is (field
 * names and list indexes; map keys are shown as {@code [*]}), and a cause that came from the JSON
 * library or from an upcaster is replaced by a stand-in that keeps its class name and stack trace
 * but withholds its message.
 *
 * @since 0.1.0
 */
public class CodecException extends RuntimeException {

  /**
   * Creates an exception.
   *
   * @param message what went wrong, without any of the data
   * @param cause the cause, or null
   * @since 0.1.0
   */
  public CodecException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates an exception without a cause.
   *
   * @param message what went wrong, without any of the data
   * @since 0.1.0
   */
  public CodecException(String message) {
    super(message);
  }
}
