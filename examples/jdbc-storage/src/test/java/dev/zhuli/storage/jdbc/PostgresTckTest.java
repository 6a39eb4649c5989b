package dev.zhuli.storage.jdbc;

import dev.zhuli.spi.storage.Storage;
import dev.zhuli.spi.tck.DurableStorageRules;
import dev.zhuli.spi.tck.SharedStorageRules;
import dev.zhuli.spi.tck.StorageTck;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole conformance suite against a real PostgreSQL: a new schema for each store, a second
 * pool on the same schema for the SHARED rules, and the same schema opened again after closing
 * for the DURABLE rules.
 */
@ExtendWith(PostgresExtension.class)
class PostgresTckTest extends StorageTck implements SharedStorageRules, DurableStorageRules {
  private static PostgresServer server;
  private final Map<Storage, String> schemas = new ConcurrentHashMap<>();

  @BeforeAll
  static void server(PostgresServer pg) {
    server = pg;
  }

  @Override
  protected Storage newStorage() {
    return open(server.newSchema("tck"));
  }

  @Override
  public Storage openSecondHandle(Storage first) {
    return open(schemas.get(first));
  }

  @Override
  public Storage reopen(Storage closed) {
    return open(schemas.get(closed));
  }

  private Storage open(String schema) {
    Storage s = JdbcStorage.open(server.settings(schema, "migrate", "true", "poolSize", "4"));
    schemas.put(s, schema);
    return s;
  }
}
