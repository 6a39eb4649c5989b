package dev.zhuli.spi.storage;

/**
 * An optional ability a {@link Storage} declares through {@link Storage#capabilities()}.
 *
 * <p>The conformance suite reads the declared capabilities: it runs the rules of each declared
 * capability, and reports the rules of an undeclared one as skipped with the reason. A store
 * declares everything it does, and nothing it does not.
 *
 * @since 0.1.0
 */
public enum Capability {
  /**
   * What was committed survives closing the store and opening it again (a restart of the process,
   * or of the machine). The in-memory store is not durable.
   */
  DURABLE,

  /**
   * Several handles, in one process or in several, may use the same store at once: versions,
   * claims and fencing tokens hold across them.
   */
  SHARED
}
