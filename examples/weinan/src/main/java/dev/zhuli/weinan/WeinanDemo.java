package dev.zhuli.weinan;

import dev.zhuli.core.Zhuli;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The Weinan demo: tells the source article's story through Zhuli (Weinan's 11 county-level
 * divisions and their help groups, the article's orders, the Nangou spider-web program and its
 * season), stores it in an embedded H2 file by default, and prints what happened. Running it
 * twice on the same database replays the story instead of adding a second one.
 *
 * <p>Run {@code java -jar zhuli-weinan.jar --help} for the options. Bad options exit with 2.
 */
@Command(name = "zhuli-weinan", mixinStandardHelpOptions = true, version = "zhuli-weinan 0.1.0",
    sortOptions = false,
    description = "Tells the story of Weinan's Red Assistance Groups through Zhuli and reports"
        + " the year: orders per county and squad, the Nangou mentorship tree, yields and"
        + " bonuses.")
public final class WeinanDemo implements Callable<Integer> {

  /** Where the story is stored: exactly one of these, or the default H2 file. */
  static final class Store {
    @Option(names = "--memory", description = "Keep everything in memory; write no database.")
    boolean memory;

    @Option(names = "--jdbc-url", paramLabel = "URL",
        description = "A JDBC URL to store the story in, e.g."
            + " jdbc:postgresql://localhost/zhuli (user and password in the URL).")
    String jdbcUrl;

    @Option(names = "--db", paramLabel = "PATH",
        description = "The embedded H2 database file (without .mv.db)."
            + " Default: weinan-demo/weinan in the current directory.")
    Path db;
  }

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Store store = new Store();

  @Option(names = "--lang", paramLabel = "LANG", defaultValue = "zh-Hant",
      converter = LangConverter.class,
      description = "Language of the report's labels: zh-Hant, zh-Hans or en."
          + " Default: ${DEFAULT-VALUE}.")
  Labels lang;

  /** Reads {@code --lang}, refusing languages the demo does not speak. */
  static final class LangConverter implements CommandLine.ITypeConverter<Labels> {
    @Override
    public Labels convert(String value) {
      Labels l = Labels.of(value);
      if (l == null) {
        throw new CommandLine.TypeConversionException(
            "'" + value + "' is not zh-Hant, zh-Hans or en");
      }
      return l;
    }
  }

  @Option(names = "--html", paramLabel = "PATH",
      description = "Where to write the HTML report. Default: report.html next to the H2"
          + " database; with --memory, none unless this option is given.")
  Path html;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  int villages;
  int orders;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "2025",
      description = "Seed of the generated year: the same seed makes the same year, and a rerun"
          + " with it replays. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--villages", paramLabel = "N", defaultValue = "0",
      description = "Generate N more villages (0 to 100000), spread over the counties."
          + " Default: ${DEFAULT-VALUE}.")
  void villages(int n) {
    villages = bounded("--villages", n, 100_000);
  }

  @Option(names = "--orders", paramLabel = "M", defaultValue = "0",
      description = "Generate M orders (0 to 1000000) placed by those villages through 2025,"
          + " with a progress bar on the terminal. Needs --villages. Default: ${DEFAULT-VALUE}.")
  void orders(int m) {
    orders = bounded("--orders", m, 1_000_000);
  }

  private int bounded(String option, int value, int max) {
    if (value < 0 || value > max) {
      throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value for option '"
          + option + "': " + value + " is not between 0 and " + max);
    }
    return value;
  }

  private final PrintWriter out;

  /** The demo writing to standard output. */
  public WeinanDemo() {
    this(new PrintWriter(System.out, true));
  }

  WeinanDemo(PrintWriter out) {
    this.out = out;
  }

  /** The URL of the embedded H2 file in use, or null with memory or another database. */
  private String h2Url;

  /**
   * Compacts the H2 file: every command commits on its own and H2 appends each commit, so
   * without this a run leaves a file a hundred times larger than its data.
   */
  private static void compact(String url) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
         Statement s = c.createStatement()) {
      s.execute("SHUTDOWN COMPACT");
    }
  }

  /** The default H2 file. */
  static final Path DEFAULT_DB = Path.of("weinan-demo", "weinan");

  /**
   * Runs the demo.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  /** Runs the demo with the given streams, returning the exit code. */
  static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = new CommandLine(new WeinanDemo(out));
    cl.setOut(out);
    cl.setErr(err);
    return cl.execute(args);
  }

  /**
   * What a run made.
   *
   * @param figures the figures
   * @param text the terminal report
   * @param html the HTML report
   * @param htmlPath where the HTML report was written, or null
   */
  record Outcome(Figures figures, String text, String html, Path htmlPath) {}

  @Override
  public Integer call() throws Exception {
    if (orders > 0 && villages == 0) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--orders needs --villages: generated orders are placed by generated villages");
    }
    Outcome o = runStory(lang);
    out.print(o.text());
    out.println();
    out.println(o.htmlPath() == null ? "HTML report: not written (give --html PATH)"
        : "HTML report: " + o.htmlPath());
    out.flush();
    return 0;
  }

  Outcome runStory(Labels labels) throws Exception {
    DemoClock clock = new DemoClock(Scenario.START);
    Zhuli.Builder b = Zhuli.builder().clock(clock);
    String where;
    Path htmlPath = html;
    if (store != null && store.memory) {
      where = "memory";
    } else {
      Map<String, String> settings = new HashMap<>();
      if (store != null && store.jdbcUrl != null) {
        settings.put("url", store.jdbcUrl);
        where = store.jdbcUrl;
      } else {
        Path db = (store == null || store.db == null ? DEFAULT_DB : store.db).toAbsolutePath();
        Files.createDirectories(db.getParent());
        h2Url = "jdbc:h2:file:" + db;
        settings.put("url", h2Url);
        where = db + ".mv.db";
        if (htmlPath == null) {
          htmlPath = db.resolveSibling("report.html");
        }
      }
      settings.put("migrate", "true");
      b.storage("jdbc", settings);
    }
    out.println("Zhuli Weinan demo: storing the story in " + where);
    out.flush();
    if (htmlPath == null && store != null && store.jdbcUrl != null) {
      htmlPath = Path.of("weinan-report.html");
    }
    Figures f;
    String h2 = h2Url;
    try (Zhuli zhuli = b.build()) {
      Scenario.Story story = new Scenario(zhuli, clock).tell();
      if (villages > 0) {
        GeneratedYear year = new GeneratedYear(zhuli, clock, seed);
        Progress bar = new Progress(year.steps(villages, orders));
        year.run(story.counties(), villages, orders, bar);
        bar.finish();
      }
      f = Figures.of(zhuli, story);
    }
    if (h2 != null) {
      compact(h2);
    }
    String page = new HtmlReport(labels).render(f);
    if (htmlPath != null) {
      htmlPath = htmlPath.toAbsolutePath();
      if (htmlPath.getParent() != null) {
        Files.createDirectories(htmlPath.getParent());
      }
      Files.writeString(htmlPath, page, StandardCharsets.UTF_8);
    }
    return new Outcome(f, new TextReport(labels).render(f), page, htmlPath);
  }
}
