package dev.zhuli.spi.storage;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Base of the test providers: a fixed name, and an {@link #open} that counts its calls and
 * refuses, so tests can check that discovery never opens a store.
 */
public abstract class TestProvider implements StorageProvider {
  /** How often {@link #open} was called on any test provider. */
  static final AtomicInteger OPENED = new AtomicInteger();

  private final String name;

  protected TestProvider(String name) {
    this.name = name;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final Storage open(Map<String, String> settings) {
    OPENED.incrementAndGet();
    throw new UnsupportedOperationException("test provider " + name + " opens no store");
  }
}
