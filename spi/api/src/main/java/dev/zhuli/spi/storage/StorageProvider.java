package dev.zhuli.spi.storage;

import java.util.Map;

/**
 * Opens {@link Storage} instances of one plugin; the entry point a plugin registers for
 * {@link java.util.ServiceLoader} in
 * {@code META-INF/services/dev.zhuli.spi.storage.StorageProvider}.
 *
 * <p>A host chooses a provider by name through {@link Storages#named(String)}, or bypasses
 * discovery by handing a store it opened itself (for example {@code JdbcStorage.using(dataSource)})
 * to Zhuli's builder. Zhuli closes only the stores it opened.
 *
 * <p>Implementations must have a public no-argument constructor and be thread-safe.
 *
 * @since 0.1.0
 */
public interface StorageProvider {

  /**
   * The provider's name, used to choose it: short, lower case, stable across releases
   * (for example {@code memory} or {@code jdbc}).
   *
   * @return the name; never null or blank
   */
  String name();

  /**
   * Opens a store.
   *
   * @param settings provider-specific settings (for example a JDBC URL); never null, may be
   *     empty. Unknown settings must be refused with an {@link IllegalArgumentException} naming
   *     them, so a typo never goes unnoticed.
   * @return an open store, owned by the caller, who closes it
   * @throws IllegalArgumentException if a setting is unknown or invalid
   * @throws StorageException if the store cannot be opened
   */
  Storage open(Map<String, String> settings);
}
