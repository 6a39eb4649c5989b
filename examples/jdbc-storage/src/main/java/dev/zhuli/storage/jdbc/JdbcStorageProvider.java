package dev.zhuli.storage.jdbc;

import dev.zhuli.spi.storage.Storage;
import dev.zhuli.spi.storage.StorageProvider;
import java.util.Map;

/**
 * Opens {@link JdbcStorage JDBC stores} from settings, under the name {@code jdbc}.
 *
 * <p>Registered for {@link java.util.ServiceLoader}, so {@code Storages.named("jdbc")} finds it
 * whenever this jar is on the class path. The settings are those of
 * {@link JdbcStorage#open(Map)}: {@code url} (required), {@code user}, {@code password},
 * {@code dialect}, {@code migrate} and {@code poolSize}; any other is refused. Stateless and
 * thread-safe.
 *
 * @since 0.1.0
 */
public class JdbcStorageProvider implements StorageProvider {

  /**
   * Creates the provider; called by {@link java.util.ServiceLoader}.
   *
   * @since 0.1.0
   */
  public JdbcStorageProvider() {}

  /**
   * The name this provider is chosen by.
   *
   * @return {@code "jdbc"}
   * @since 0.1.0
   */
  @Override
  public String name() {
    return "jdbc";
  }

  /**
   * Opens a store with a connection pool of its own, as {@link JdbcStorage#open(Map)} does.
   *
   * @param settings the settings; never null
   * @return the open store, owned by the caller, who closes it
   * @throws IllegalArgumentException if a setting is unknown, missing or invalid
   * @throws IllegalStateException if the database or its schema does not fit
   * @throws dev.zhuli.spi.storage.StorageException if the database cannot be reached
   * @since 0.1.0
   */
  @Override
  public Storage open(Map<String, String> settings) {
    return JdbcStorage.open(settings);
  }
}
