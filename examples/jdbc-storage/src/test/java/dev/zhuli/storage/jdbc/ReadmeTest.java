package dev.zhuli.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.zhuli.core.Actor;
import dev.zhuli.core.Zhuli;
import dev.zhuli.core.roster.NewRegion;
import dev.zhuli.core.roster.RegionLevel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The README's section on this plugin, compiled and run: each snippet marked
 * {@code // --- README <name> begin ---} here appears in the README word for word (less the
 * indentation).
 */
@ExtendWith(PostgresExtension.class)
class ReadmeTest {
  private static final Pattern SNIPPET = Pattern.compile(
      "// --- README (\\S+) begins? ---\\n(.*?)\\n[ \\t]*// --- README \\1 ends? ---",
      Pattern.DOTALL);
  private static PostgresServer server;

  @TempDir
  Path dataFolder;

  @BeforeAll
  static void server(PostgresServer pg) {
    server = pg;
  }

  @Test
  void onTheHostsDataSource() {
    try (HikariDataSource dataSource = new HikariDataSource()) {
      dataSource.setJdbcUrl(H2.fileUrl(dataFolder.resolve("host")));
      // --- README jdbc-datasource begin ---
      JdbcStorage storage = JdbcStorage.builder(dataSource)   // dialect detected
          .migrateOnOpen(true)                                // create or migrate; off by default
          .build();
      try (Zhuli zhuli = Zhuli.builder().storage(storage).build()) {
        // ...
      } finally {
        storage.close();                                      // whoever opened it closes it
      }
      // --- README jdbc-datasource end ---
      assertThat(dataSource.isClosed()).isFalse();
    }
  }

  @Test
  void fromSettings() {
    // --- README jdbc-settings begin ---
    Zhuli county = Zhuli.builder().storage("jdbc", Map.of(
        "url", "jdbc:h2:file:" + dataFolder.resolve("heyang"),   // one office PC
        "migrate", "true")).build();
    // --- README jdbc-settings end ---
    try (county) {
      county.roster().createRegion(Actor.system("setup"),
          new NewRegion.Builder().name("渭南市").level(RegionLevel.CITY).build());
      assertThat(county.storage()).isInstanceOf(JdbcStorage.class);
    }
  }

  @Test
  void movingACountyToPostgres() {
    JdbcDataSource countyDataSource = new JdbcDataSource();
    countyDataSource.setURL(H2.fileUrl(dataFolder.resolve("county")));
    try (JdbcStorage county = JdbcStorage.builder(countyDataSource).migrateOnOpen(true).build()) {
      county.transact(t -> t.put(dev.zhuli.spi.storage.StoredRecord.of("order", "o-1",
          new byte[] {1, 2, 3}), 0));
    }
    PGSimpleDataSource cityDataSource = new PGSimpleDataSource();
    Map<String, String> settings = server.settings(server.newSchema("readme"));
    cityDataSource.setURL(settings.get("url"));
    cityDataSource.setUser(settings.get("user"));
    cityDataSource.setPassword(settings.get("password"));
    move(countyDataSource, cityDataSource);
  }

  private static void move(DataSource countyDataSource, DataSource cityDataSource) {
    // --- README jdbc-copy begin ---
    try (JdbcStorage county = JdbcStorage.using(countyDataSource);
         JdbcStorage city = JdbcStorage.builder(cityDataSource).migrateOnOpen(true).build()) {
      StorageCopy.Summary moved = StorageCopy.copy(county, city);
      System.out.println(moved.records() + " records, " + moved.messages() + " messages, checksums "
          + moved.recordChecksum() + " " + moved.outboxChecksum());
    }
    // --- README jdbc-copy end ---
  }

  @Test
  void everyMarkedSnippetIsInTheReadmeWordForWord() throws IOException {
    String readme = Files.readString(Path.of("..", "..", "README.md"));
    List<String> found = new ArrayList<>();
    List<Path> sources;
    try (Stream<Path> files = Files.walk(Path.of("src", "test", "java"))) {
      sources = files.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList());
    }
    for (Path source : sources) {
      Matcher m = SNIPPET.matcher(Files.readString(source));
      while (m.find()) {
        found.add(m.group(1));
        assertThat(readme).as("README holds the %s snippet of %s", m.group(1),
            source.getFileName()).contains(dedent(m.group(2)));
      }
    }
    assertThat(found).containsExactlyInAnyOrder("jdbc-datasource", "jdbc-settings", "jdbc-copy");
  }

  private static String dedent(String block) {
    String[] lines = block.split("\n", -1);
    int indent = Integer.MAX_VALUE;
    for (String line : lines) {
      if (!line.isBlank()) {
        indent = Math.min(indent, line.length() - line.stripLeading().length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String line : lines) {
      out.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
    }
    return out.toString();
  }
}
