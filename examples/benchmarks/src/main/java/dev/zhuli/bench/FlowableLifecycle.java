package dev.zhuli.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.flowable.engine.HistoryService;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.flowable.task.api.Task;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The order lifecycle on Flowable 7.2, embedded on the same kind of database as Zhuli, as a
 * Flowable user would write it: the BPMN process {@code dev/zhuli/bench/order-lifecycle.bpmn20.xml}
 * (start, then the user tasks accept with the squad as candidate group, resolve assigned to the
 * accepter, confirm assigned to the village's cadre, then end), the engine's own schema
 * ({@code databaseSchemaUpdate=true}) and default history level (audit), its default id
 * generator, and no async executor (the process has no asynchronous step). A lifecycle starts an
 * instance with the order's village, category, title, squad and cadre as variables; finds the
 * accept task by candidate group, claims and completes it naming the accepter; finds and
 * completes resolve with a report; finds and completes confirm with a rating. Every service call
 * is its own transaction, Flowable's default. The pool is HikariCP with 8 connections, as for
 * the JDBC store and the floor, left in auto-commit: Flowable's MyBatis transactions turn it off
 * for each command themselves.
 *
 * @since 0.1.0
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class FlowableLifecycle {
  /** The key of the deployed process. */
  public static final String PROCESS = "orderLifecycle";

  private static final String SQUAD = "squad-0";
  private static final String LEAD = "lead-0";

  /** The database: H2 or POSTGRESQL. */
  @Param({"H2"})
  public Database database;

  private Database.Location location;
  private HikariDataSource pool;
  private ProcessEngine engine;
  private RuntimeService runtime;
  private TaskService tasks;
  private final AtomicLong numbers = new AtomicLong();

  /** Builds the engine on a fresh database, which creates Flowable's tables, and deploys. */
  @Setup(Level.Trial)
  public void open() {
    location = database.fresh("flowable");
    String url = database == Database.POSTGRESQL
        ? Store.inNewSchema(location, "zhuli_flowable_") : location.url();
    // left in auto-commit: MyBatis turns it off for each command
    pool = location.pool(url, "zhuli-flowable", true);
    StandaloneProcessEngineConfiguration flowable = new StandaloneProcessEngineConfiguration();
    flowable.setEngineName("zhuli-bench-" + Long.toHexString(System.nanoTime()));
    flowable.setDataSource(pool);
    flowable.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
    flowable.setAsyncExecutorActivate(false);
    if (database == Database.POSTGRESQL) {
      // Flowable looks for its tables through the JDBC metadata; without a schema it would find
      // those of an earlier run in another schema of the same database and skip creating them.
      flowable.setDatabaseSchema(url.substring(url.lastIndexOf("currentSchema=")
          + "currentSchema=".length()));
    }
    engine = flowable.buildProcessEngine();
    engine.getRepositoryService().createDeployment()
        .addClasspathResource("dev/zhuli/bench/order-lifecycle.bpmn20.xml").deploy();
    runtime = engine.getRuntimeService();
    tasks = engine.getTaskService();
  }

  /** Closes the engine and the pool, and deletes the database. */
  @TearDown(Level.Trial)
  public void close() {
    engine.close();
    pool.close();
    location.delete();
  }

  /**
   * Flowable's history, to check what a lifecycle left.
   *
   * @return the engine's history service
   */
  public HistoryService history() {
    return engine.getHistoryService();
  }

  /**
   * One lifecycle: start, then find, claim and complete accept, find and complete resolve, find
   * and complete confirm; eight service calls, each its own transaction.
   *
   * @return the finished process instance's id
   */
  @Benchmark
  public String lifecycle() {
    long n = numbers.incrementAndGet();
    int village = (int) (n % Village.VILLAGES);
    String cadre = "cadre-" + village;
    String id = runtime.startProcessInstanceByKey(PROCESS, "order-" + n, Map.of(
        "village", "village-" + village, "category", "MARKETING",
        "title", "蜂蜜產品如何網上銷售 " + n, "squad", SQUAD, "cadre", cadre)).getId();
    Task accept = tasks.createTaskQuery().taskCandidateGroup(SQUAD).processInstanceId(id)
        .singleResult();
    tasks.claim(accept.getId(), LEAD);
    tasks.complete(accept.getId(), Map.of("accepter", LEAD));
    Task resolve = tasks.createTaskQuery().taskAssignee(LEAD).processInstanceId(id)
        .singleResult();
    tasks.complete(resolve.getId(), Map.of("report", "培訓50餘人，蜂蜜開始線上銷售"));
    Task confirm = tasks.createTaskQuery().taskAssignee(cadre).processInstanceId(id)
        .singleResult();
    tasks.complete(confirm.getId(), Map.of("rating", 5));
    return id;
  }
}
