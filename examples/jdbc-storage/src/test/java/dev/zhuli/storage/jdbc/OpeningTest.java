package dev.zhuli.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zhuli.core.Actor;
import dev.zhuli.core.Zhuli;
import dev.zhuli.core.roster.NewRegion;
import dev.zhuli.core.roster.RegionLevel;
import dev.zhuli.spi.storage.Capability;
import dev.zhuli.spi.storage.Storage;
import dev.zhuli.spi.storage.StoredRecord;
import dev.zhuli.spi.storage.Storages;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Opening a store: discovery by name, settings, dialect detection, and the schema check that
 * refuses a missing, older or unknown schema unless asked to migrate.
 */
@ExtendWith(PostgresExtension.class)
class OpeningTest {
  private static PostgresServer server;

  @TempDir
  Path folder;

  @BeforeAll
  static void server(PostgresServer pg) {
    server = pg;
  }

  private DataSource h2(String name) {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL(H2.fileUrl(folder.resolve(name)));
    return ds;
  }

  private static DataSource postgres(String schema) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(server.url("currentSchema=" + schema));
    Map<String, String> s = server.settings(schema);
    if (s.get("user") != null) {
      ds.setUser(s.get("user"));
    }
    if (s.get("password") != null) {
      ds.setPassword(s.get("password"));
    }
    return ds;
  }

  @Test
  void theProviderIsFoundByNameAndOpensFromSettings() {
    Map<String, String> settings = Map.of("url", H2.fileUrl(folder.resolve("named")),
        "migrate", "true");
    try (Storage store = Storages.named("jdbc").open(settings)) {
      assertThat(store).isInstanceOf(JdbcStorage.class);
      assertThat(((JdbcStorage) store).dialect()).isEqualTo(Dialect.H2);
      assertThat(store.capabilities()).containsExactlyInAnyOrder(Capability.DURABLE,
          Capability.SHARED);
    }
  }

  @Test
  void settingsThatAreUnknownMissingOrWrongAreRefusedByName() {
    assertThatThrownBy(() -> JdbcStorage.open(Map.of("url", "jdbc:h2:mem:x", "pool", "3")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[pool]");
    assertThatThrownBy(() -> JdbcStorage.open(Map.of("user", "sa")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'url'");
    assertThatThrownBy(() -> JdbcStorage.open(Map.of("url", "jdbc:h2:mem:x", "migrate", "yes")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'migrate'");
    assertThatThrownBy(() -> JdbcStorage.open(Map.of("url", "jdbc:h2:mem:x", "poolSize", "0")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'poolSize'");
    assertThatThrownBy(() -> JdbcStorage.open(Map.of("url", "jdbc:h2:mem:x", "dialect",
        "oracle"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'dialect'");
  }

  @Test
  void onH2BodiesUpTo64KibStayInTheirRowsAndReadBackByteForByte() throws Exception {
    DataSource ds = h2("inline");
    byte[] body = new byte[H2InlineBodies.INLINE_BYTES];
    new java.util.Random(7).nextBytes(body);
    byte[] longer = new byte[H2InlineBodies.INLINE_BYTES + 1];
    new java.util.Random(8).nextBytes(longer);
    try (JdbcStorage store = JdbcStorage.builder(ds).migrateOnOpen(true).build()) {
      store.transact(t -> t.put(StoredRecord.of("k", "inline", body), 0));
      store.transact(t -> t.put(StoredRecord.of("k", "lob", longer), 0));
      assertThat(store.transact(t -> t.get("k", "inline")).orElseThrow().body()).isEqualTo(body);
      assertThat(store.transact(t -> t.get("k", "lob")).orElseThrow().body()).isEqualTo(longer);
    }
    try (java.sql.Connection c = ds.getConnection();
         java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT SETTING_VALUE FROM"
             + " INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'MAX_LENGTH_INPLACE_LOB'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1).strip()).isEqualTo(String.valueOf(H2InlineBodies.INLINE_BYTES));
    }
  }

  @Test
  void anEmptyDatabaseIsRefusedUnlessAskedToCreateTheSchema() {
    DataSource ds = h2("empty");
    assertThatThrownBy(() -> JdbcStorage.using(ds)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no Zhuli tables").hasMessageContaining("V1__zhuli_storage.sql")
        .hasMessageContaining("migrate");
    try (JdbcStorage store = JdbcStorage.builder(ds).migrateOnOpen(true).build()) {
      store.transact(t -> t.put(StoredRecord.of("k", "a", new byte[] {1}), 0));
    }
    try (JdbcStorage again = JdbcStorage.using(ds)) {
      java.util.Optional<StoredRecord> kept = again.transact(t -> t.get("k", "a"));
      assertThat(kept).isPresent();
    }
  }

  @Test
  void aSchemaVersionItDoesNotKnowIsRefused() throws SQLException {
    DataSource ds = h2("newer");
    JdbcStorage.builder(ds).migrateOnOpen(true).build().close();
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO zhuli_schema_version VALUES (2, 'from a newer Zhuli')");
    }
    assertThatThrownBy(() -> JdbcStorage.builder(ds).migrateOnOpen(true).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("version 2").hasMessageContaining("does not know");
  }

  @Test
  void theScriptsInTheJarAreWhatAMigrationToolRuns() throws SQLException {
    DataSource h2 = h2("flyway");
    String schema = server.newSchema("flyway");
    DataSource pg = postgres(schema);
    for (Dialect dialect : Dialect.values()) {
      List<String> scripts = JdbcStorage.schemaScripts(dialect);
      assertThat(scripts).containsExactly("dev/zhuli/storage/jdbc/schema/"
          + dialect.name().toLowerCase(java.util.Locale.ROOT) + "/V1__zhuli_storage.sql");
      // As a host's migration tool would: run the script, then open without migrating.
      DataSource ds = dialect == Dialect.H2 ? h2 : pg;
      try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
        for (String statement : Schema.statements(scripts.get(0))) {
          s.execute(statement);
        }
      }
      try (JdbcStorage store = JdbcStorage.using(ds)) {
        assertThat(store.dialect()).isEqualTo(dialect);
        long version = store.transact(t -> t.put(StoredRecord.of("k", "a", new byte[0]), 0));
        assertThat(version).isEqualTo(1);
      }
    }
  }

  @Test
  void theDialectIsDetectedOrNamedAndAnInMemoryH2IsNotDurable() {
    JdbcDataSource mem = new JdbcDataSource();
    mem.setURL("jdbc:h2:mem:opening;DB_CLOSE_DELAY=-1");
    try (JdbcStorage store = JdbcStorage.builder(mem).dialect(Dialect.H2).migrateOnOpen(true)
        .build()) {
      assertThat(store.dialect()).isEqualTo(Dialect.H2);
      assertThat(store.capabilities()).containsExactly(Capability.SHARED);
    }
    String schema = server.newSchema("detect");
    try (JdbcStorage store = JdbcStorage.builder(postgres(schema)).migrateOnOpen(true).build()) {
      assertThat(store.dialect()).isEqualTo(Dialect.POSTGRESQL);
    }
  }

  @Test
  void closingTheStoreLeavesTheHostsDataSourceOpen() throws Exception {
    try (com.zaxxer.hikari.HikariDataSource pool = new com.zaxxer.hikari.HikariDataSource()) {
      pool.setJdbcUrl(H2.fileUrl(folder.resolve("host")));
      JdbcStorage.builder(pool).migrateOnOpen(true).build().close();
      assertThat(pool.isClosed()).isFalse();
      try (Connection c = pool.getConnection()) {
        assertThat(c.isValid(5)).isTrue();
      }
    }
  }

  @Test
  void instancesOpeningAtOnceCreateTheSchemaOnce() throws Exception {
    Map<String, String> settings = server.settings(server.newSchema("race"), "migrate", "true",
        "poolSize", "1");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<JdbcStorage> opened = new ArrayList<>();
    try {
      List<Future<JdbcStorage>> racers = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        racers.add(pool.submit(() -> JdbcStorage.open(settings)));
      }
      for (Future<JdbcStorage> f : racers) {
        opened.add(f.get(60, TimeUnit.SECONDS));
      }
      assertThat(opened).hasSize(4);
    } finally {
      opened.forEach(JdbcStorage::close);
      pool.shutdownNow();
    }
  }

  @Test
  void zhuliRunsOnTheStoreItOpensByName() {
    Map<String, String> settings = new HashMap<>();
    settings.put("url", H2.fileUrl(folder.resolve("zhuli")));
    settings.put("migrate", "true");
    try (Zhuli zhuli = Zhuli.builder().storage("jdbc", settings).build()) {
      zhuli.roster().createRegion(Actor.system("setup"),
          new NewRegion.Builder().name("渭南市").level(RegionLevel.CITY).build());
      assertThat(zhuli.storage()).isInstanceOf(JdbcStorage.class);
    }
  }
}
