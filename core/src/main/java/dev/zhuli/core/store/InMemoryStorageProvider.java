package dev.zhuli.core.store;

import dev.zhuli.spi.storage.Storage;
import dev.zhuli.spi.storage.StorageProvider;
import java.util.Map;
import java.util.TreeSet;

/**
 * Opens {@link InMemoryStorage in-memory stores}, under the name {@code memory}.
 *
 * <p>Registered for {@link java.util.ServiceLoader}, so {@code Storages.named("memory")} finds it
 * whenever the core is on the class path. The in-memory store takes no settings. Stateless and
 * thread-safe: every {@link #open(Map)} returns a new, empty store.
 *
 * @since 0.1.0
 */
public class InMemoryStorageProvider implements StorageProvider {

  /**
   * Creates the provider; called by {@link java.util.ServiceLoader}.
   *
   * @since 0.1.0
   */
  public InMemoryStorageProvider() {}

  /**
   * The name this provider is chosen by.
   *
   * @return {@code "memory"}
   * @since 0.1.0
   */
  @Override
  public String name() {
    return "memory";
  }

  /**
   * Opens a new, empty in-memory store.
   *
   * @param settings must be empty: the in-memory store has no settings
   * @return a new store, owned by the caller, who closes it
   * @throws IllegalArgumentException if settings is null or holds any setting; the message names
   *     the unknown keys
   * @since 0.1.0
   */
  @Override
  public Storage open(Map<String, String> settings) {
    if (settings == null) {
      throw new IllegalArgumentException("settings must not be null (pass an empty map)");
    }
    if (!settings.isEmpty()) {
      throw new IllegalArgumentException(
          "unknown settings for storage 'memory': " + new TreeSet<>(settings.keySet())
              + "; the in-memory store takes no settings");
    }
    return InMemoryStorage.create();
  }
}
