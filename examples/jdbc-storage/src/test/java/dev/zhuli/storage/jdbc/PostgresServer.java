package dev.zhuli.storage.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for the tests: a throw-away cluster in a temporary folder, started on
 * 127.0.0.1 on a free port with {@code fsync=off}, and stopped (and deleted) at the end, even when
 * the tests fail or the JVM is stopped. With {@code -Dzhuli.pg.url=...} (and
 * {@code zhuli.pg.user}, {@code zhuli.pg.password}) the tests use an existing server instead.
 *
 * <p>PostgreSQL refuses to run as root; when the build runs as root, the cluster belongs to the
 * {@code postgres} system user and every server command runs as that user through
 * {@code runuser}. When no binaries are found, the tests fail with the command that installs
 * them: they never skip silently.
 */
final class PostgresServer implements AutoCloseable {
  private static final String USER = "zhuli";
  private static final long COMMAND_SECONDS = 120;

  private final String host;
  private final int port;
  private final String database;
  private final String user;
  private final String password;
  private final Path folder;
  private final Path bin;
  private final boolean asPostgres;
  private final String options;
  private final Thread shutdownHook;
  private final AtomicInteger schemas = new AtomicInteger();
  private final List<String> created = new java.util.concurrent.CopyOnWriteArrayList<>();

  private PostgresServer(String host, int port, String database, String user, String password,
      Path folder, Path bin, boolean asPostgres, String options) {
    this.host = host;
    this.port = port;
    this.database = database;
    this.user = user;
    this.password = password;
    this.folder = folder;
    this.bin = bin;
    this.asPostgres = asPostgres;
    this.options = options;
    this.shutdownHook = folder == null ? null : new Thread(this::stopAndDelete, "stop-postgres");
    if (shutdownHook != null) {
      Runtime.getRuntime().addShutdownHook(shutdownHook);
    }
  }

  /** Uses the server of {@code -Dzhuli.pg.url}, or starts one. */
  static PostgresServer startOrConnect() {
    String url = System.getProperty("zhuli.pg.url");
    if (url != null && !url.isBlank()) {
      return external(url);
    }
    return start();
  }

  private static PostgresServer external(String url) {
    // jdbc:postgresql://host:port/database[?...]
    String rest = url.replaceFirst("^jdbc:postgresql://", "");
    String hostPort = rest.substring(0, rest.indexOf('/'));
    String database = rest.substring(rest.indexOf('/') + 1).replaceFirst("\\?.*$", "");
    String host = hostPort.contains(":") ? hostPort.substring(0, hostPort.indexOf(':'))
        : hostPort;
    int port = hostPort.contains(":") ? Integer.parseInt(hostPort.substring(hostPort.indexOf(':')
        + 1)) : 5432;
    return new PostgresServer(host, port, database, System.getProperty("zhuli.pg.user"),
        System.getProperty("zhuli.pg.password"), null, null, false, null);
  }

  private static PostgresServer start() {
    Path bin = findBinaries();
    boolean root = "root".equals(System.getProperty("user.name"));
    try {
      Path folder = Files.createTempDirectory("zhuli-pg-");
      if (root) {
        chown(folder, "postgres");
      }
      Path data = folder.resolve("data");
      run(root, bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER,
          "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--locale-provider=icu",
          "--icu-locale=en-US", "--no-sync");
      // Settings for tests, not durability benchmarks. They go in the configuration file, not
      // on the command line, so that ALTER SYSTEM (the crash test turns fsync on) overrides them.
      Files.writeString(data.resolve("postgresql.conf"), "\n# zhuli tests\nfsync = off\n"
              + "synchronous_commit = off\nfull_page_writes = off\nmax_connections = 200\n"
              + "shared_buffers = 64MB\n", StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.APPEND);
      int port = freePort();
      String options = "-p " + port + " -c listen_addresses=127.0.0.1"
          + " -c unix_socket_directories=" + folder;
      PostgresServer server = new PostgresServer("127.0.0.1", port, "postgres", USER, null,
          folder, bin, root, options);
      try {
        run(root, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-o", options, "-l",
            folder.resolve("server.log").toString(), "-w", "-t", "60", "start");
      } catch (RuntimeException e) {
        server.close();
        throw new IllegalStateException(e.getMessage() + "\nserver log:\n"
            + readQuietly(folder.resolve("server.log")), e);
      }
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make a folder for the test PostgreSQL cluster", e);
    }
  }

  /** The PostgreSQL binaries: {@code pg_config --bindir}, or the newest Debian install. */
  static Path findBinaries() {
    try {
      Process p = new ProcessBuilder("pg_config", "--bindir").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0
          && Files.isExecutable(Path.of(out, "initdb"))) {
        return Path.of(out);
      }
    } catch (IOException e) {
      // No pg_config on the PATH: look where Debian installs the server.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Path debian = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(debian)) {
      try (Stream<Path> versions = Files.list(debian)) {
        Path found = versions.map(v -> v.resolve("bin"))
            .filter(b -> Files.isExecutable(b.resolve("initdb")))
            .max(Comparator.comparing(PostgresServer::majorVersion)).orElse(null);
        if (found != null) {
          return found;
        }
      } catch (IOException e) {
        // Reported below.
      }
    }
    throw new IllegalStateException("PostgreSQL server binaries not found (no 'pg_config"
        + " --bindir' with initdb, nothing in /usr/lib/postgresql/*/bin). The JDBC storage tests"
        + " run against a real PostgreSQL: install it with 'apt-get install -y postgresql'"
        + " (Debian, Ubuntu), or point the build at a server with"
        + " -Dzhuli.pg.url=jdbc:postgresql://host:5432/db -Dzhuli.pg.user=... "
        + "-Dzhuli.pg.password=...");
  }

  private static int majorVersion(Path bin) {
    try {
      return Integer.parseInt(bin.getParent().getFileName().toString());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Whether this server was started by the tests (and so may be reconfigured or crashed). */
  boolean owned() {
    return folder != null;
  }

  /** The URL of the server's database, with extra parameters. */
  String url(String parameters) {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database
        + (parameters.isEmpty() ? "" : "?" + parameters);
  }

  /** The settings of {@link JdbcStorage#open(Map)} for a schema, with the given extras. */
  Map<String, String> settings(String schema, String... extra) {
    Map<String, String> s = new java.util.HashMap<>();
    s.put("url", url("currentSchema=" + schema));
    if (user != null) {
      s.put("user", user);
    }
    if (password != null) {
      s.put("password", password);
    }
    for (int i = 0; i + 1 < extra.length; i += 2) {
      s.put(extra[i], extra[i + 1]);
    }
    return s;
  }

  /**
   * A new, empty schema of a unique name, for one store; dropped at the end on a server the tests
   * did not start (a throw-away cluster goes as a whole).
   */
  String newSchema(String prefix) {
    String name = prefix + "_" + ProcessHandle.current().pid() + "_" + schemas.incrementAndGet();
    execute("CREATE SCHEMA " + name);
    created.add(name);
    return name;
  }

  /** Runs statements on the server, outside any store. */
  void execute(String... statements) {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("statement failed on the test PostgreSQL: "
          + e.getMessage(), e);
    }
  }

  /** Waits, boundedly, until new sessions see a setting at a value (after a reload). */
  String awaitSetting(String name, String expected) {
    String value = null;
    for (int i = 0; i < 200 && !expected.equals(value); i++) {
      try (Connection c = connect(); Statement s = c.createStatement();
           java.sql.ResultSet rs = s.executeQuery("SHOW " + name)) {
        rs.next();
        value = rs.getString(1);
      } catch (SQLException e) {
        throw new IllegalStateException("cannot read setting " + name, e);
      }
    }
    return value;
  }

  /** A plain connection to the server's database. */
  Connection connect() throws SQLException {
    return DriverManager.getConnection(url(""), user, password);
  }

  /** Crashes the server as a power cut would for the server: an immediate stop, then a start. */
  void crashAndRestart() {
    if (!owned()) {
      throw new IllegalStateException("only a server the tests started can be crashed");
    }
    Path data = folder.resolve("data");
    run(asPostgres, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate",
        "-w", "stop");
    run(asPostgres, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-o", options,
        "-l", folder.resolve("server.log").toString(), "-w", "-t", "60", "start");
  }

  @Override
  public void close() {
    if (!owned()) {
      for (String schema : created) {
        try {
          execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (IllegalStateException e) {
          System.err.println("could not drop test schema " + schema + ": " + e.getMessage());
        }
      }
    }
    if (shutdownHook != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException e) {
        // Already shutting down: the hook runs anyway.
      }
      stopAndDelete();
    }
  }

  private synchronized void stopAndDelete() {
    if (folder == null || !Files.exists(folder)) {
      return;
    }
    try {
      if (Files.exists(folder.resolve("data").resolve("postmaster.pid"))) {
        run(asPostgres, bin.resolve("pg_ctl").toString(), "-D", folder.resolve("data").toString(),
            "-m", "immediate", "-w", "stop");
      }
    } catch (RuntimeException e) {
      System.err.println("could not stop the test PostgreSQL: " + e.getMessage());
    } finally {
      deleteQuietly(folder);
    }
  }

  private static void run(boolean asPostgres, String... command) {
    List<String> full = new ArrayList<>();
    if (asPostgres) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(List.of(command));
    try {
      Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("timed out: " + String.join(" ", full));
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException("failed (exit " + p.exitValue() + "): "
            + String.join(" ", full) + "\n" + new String(out, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + String.join(" ", full), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + String.join(" ", full), e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  private static void chown(Path folder, String owner) throws IOException {
    UserPrincipalLookupService lookup = folder.getFileSystem().getUserPrincipalLookupService();
    UserPrincipal user = lookup.lookupPrincipalByName(owner);
    GroupPrincipal group = lookup.lookupPrincipalByGroupName(owner);
    PosixFileAttributeView view = Files.getFileAttributeView(folder,
        PosixFileAttributeView.class);
    view.setOwner(user);
    view.setGroup(group);
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(none)";
    }
  }

  private static void deleteQuietly(Path folder) {
    try (Stream<Path> all = Files.walk(folder)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A temporary folder left behind is all that is lost.
    }
  }
}
