package dev.zhuli.core.mentorship;

import static dev.zhuli.core.mentorship.SupervisionWorld.FIRST_DAY;
import static dev.zhuli.core.mentorship.SupervisionWorld.PREVIOUS;
import static dev.zhuli.core.mentorship.SupervisionWorld.SEASON;
import static dev.zhuli.core.mentorship.SupervisionWorld.START;
import static dev.zhuli.core.mentorship.SupervisionWorld.ZONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.zhuli.core.Actor;
import dev.zhuli.core.EntryId;
import dev.zhuli.core.HouseholdId;
import dev.zhuli.core.ProgramId;
import dev.zhuli.core.mentorship.SupervisionWorld.Entry;
import dev.zhuli.core.mentorship.SupervisionWorld.Harvest;
import dev.zhuli.core.mentorship.SupervisionWorld.Inspect;
import dev.zhuli.core.mentorship.SupervisionWorld.Plan;
import dev.zhuli.core.mentorship.SupervisionWorld.Reminder;
import dev.zhuli.core.mentorship.SupervisionWorld.Shape;
import dev.zhuli.spi.storage.OutboxMessage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Supervision's figures, bonuses and sweep, on small generated worlds
 * ({@link SupervisionWorld}: one or two trees, two to four demonstration households, two to five
 * growers each, a few inspections and harvests each, some voided). It proves that voided entries
 * count for nothing (the reports equal those of a world that never had them, and a recount from
 * the raw entries); that the disparity report is what its definitions give when recounted from
 * the raw records; that a season's bonuses are computed once, whatever is asked or recorded
 * later and however many owners ask at once, with one event; that a grower's better execution
 * or yield never lowers its household's award nor changes another's; and that the
 * overdue-inspection sweep, run any number of times at any instants, reminds once per grower
 * and due time, never before it, and again after a new inspection moved the due time.
 */
class SupervisionPropertiesTest {
  private static final int EXAMPLES = 40;
  /** Fewer for the properties that build two worlds per example. */
  private static final int TWIN_EXAMPLES = 30;
  private static final int SHRINKS = 10;
  private static final long WAIT_SECONDS = 20;
  private static ExecutorService pool;

  /** Starts the racers' threads; warms the store and codec so that each test is timed fairly. */
  @BeforeAll
  static void startPool() {
    pool = Executors.newFixedThreadPool(4);
    qt().withExamples(5).forAll(SupervisionWorld.plans()).checkAssert(plan -> {
      try (SupervisionWorld w = SupervisionWorld.build(plan.shape())) {
        w.record(plan.entries());
        w.supervision.disparity(w.program.id(), SEASON);
      }
    });
  }

  @AfterAll
  static void stopPool() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
  }

  // ---- voided entries -----------------------------------------------------------------------

  @Test
  void voidedEntriesCountForNothingInAnyFigure() {
    qt().withExamples(TWIN_EXAMPLES).withShrinkCycles(SHRINKS)
        .forAll(SupervisionWorld.plans(), windows())
        .checkAssert((plan, window) -> {
          try (SupervisionWorld w = SupervisionWorld.build(plan.shape());
              SupervisionWorld fresh = SupervisionWorld.build(plan.shape())) {
            w.record(plan.entries());
            fresh.record(plan.live());
            ProgramId p = w.program.id();
            String about = plan + "\n  " + window;
            assertThat(fresh.program.id()).as("twin worlds").isEqualTo(p);
            List<Inspection> raw = SupervisionRecount.inspections(w);

            ComplianceReport compliance = w.supervision.compliance(p, window.from(),
                window.to());
            assertThat(compliance).as(about + "\n  against a world without the voided")
                .isEqualTo(fresh.supervision.compliance(p, window.from(), window.to()));
            assertThat(compliance).as(about + "\n  against a recount").isEqualTo(
                SupervisionRecount.compliance(p, raw, window.from(), window.to()));

            Coverage coverage = w.supervision.coverage(p, window.asOf(), window.days());
            assertThat(coverage).as(about + "\n  against a world without the voided")
                .isEqualTo(fresh.supervision.coverage(p, window.asOf(), window.days()));
            assertThat(coverage).as(about + "\n  against a recount").isEqualTo(
                SupervisionRecount.coverage(p, SupervisionRecount.structure(w), raw,
                    window.asOf(), window.days()));

            for (String season : List.of(SEASON, PREVIOUS)) {
              SupervisionRecount.assertClose(w.supervision.disparity(p, season),
                  fresh.supervision.disparity(p, season),
                  about + "\n  " + season + " against a world without the voided");
            }
          }
        });
  }

  // ---- the disparity report -----------------------------------------------------------------

  @Test
  void theDisparityReportIsWhatTheRawRecordsGive() {
    qt().withExamples(EXAMPLES).withShrinkCycles(SHRINKS).forAll(SupervisionWorld.plans())
        .checkAssert(plan -> {
          try (SupervisionWorld w = SupervisionWorld.build(plan.shape())) {
            List<EntryId> ids = w.record(plan.entries());
            ProgramId p = w.program.id();
            List<Inspection> inspections = SupervisionRecount.inspections(w);
            assertRawEntries(w, plan, ids, inspections);
            for (String season : List.of(SEASON, PREVIOUS)) {
              DisparityReport report = w.supervision.disparity(p, season);
              DisparityReport recount = SupervisionRecount.disparity(p, season,
                  SupervisionWorld.TARGET, SupervisionRecount.structure(w),
                  w.supervision.harvests(p, season), inspections);
              SupervisionRecount.assertClose(report, recount, plan + "\n  " + season
                  + "\n  report  " + report + "\n  recount " + recount);
            }
          }
        });
  }

  /** The raw lists show every entry recorded, voided ones marked, and nothing else. */
  private static void assertRawEntries(SupervisionWorld w, Plan plan, List<EntryId> ids,
      List<Inspection> inspections) {
    Map<EntryId, Boolean> voided = new HashMap<>();
    for (Inspection i : inspections) {
      voided.put(i.id(), i.voided());
    }
    for (String season : List.of(SEASON, PREVIOUS)) {
      for (HarvestRecord h : w.supervision.harvests(w.program.id(), season)) {
        assertThat(h.season()).isEqualTo(season);
        voided.put(h.id(), h.voided());
      }
    }
    Map<EntryId, Boolean> expected = new HashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      expected.put(ids.get(i), plan.entries().get(i).voided());
    }
    assertThat(voided).as(plan + "\n  the raw entries, voided or not").isEqualTo(expected);
  }

  // ---- bonuses ------------------------------------------------------------------------------

  @Test
  void aSeasonsBonusesAreComputedOnceWhateverFollows() {
    Gen<String> previous = Generate.pick(List.of("", PREVIOUS, "2023"));
    qt().withExamples(EXAMPLES).withShrinkCycles(SHRINKS)
        .forAll(SupervisionWorld.plans(), BonusGenerators.terms(), previous, previous)
        .checkAssert((plan, terms, first, second) -> {
          try (SupervisionWorld w = SupervisionWorld.build(plan.shape(), settings(terms))) {
            w.record(plan.entries());
            w.drainAll();
            ProgramId p = w.program.id();
            String about = plan + "\n  " + terms + ", against " + first + " then " + second;
            BonusRound round = w.supervision.computeBonuses(w.owner(), p, SEASON,
                blankToNull(first), null);
            assertThat(round.awards()).as(about).hasSize(w.demos.size());
            w.clock.advance(Duration.ofDays(3));
            assertThat(w.supervision.computeBonuses(w.owner(), p, SEASON, blankToNull(second),
                null)).as(about + ": asked again").isEqualTo(round);
            // a new inspection and a new harvest change the figures, never the round
            w.record(new Inspect(0, 2, w.today(), Execution.ON_TIME, false));
            w.record(new Harvest(0, SEASON, new BigDecimal("1.5"), new BigDecimal("5000"),
                new BigDecimal("90000"), false));
            assertThat(w.supervision.computeBonuses(w.owner(), p, SEASON, blankToNull(second),
                "asked-again")).as(about + ": after new entries").isEqualTo(round);
            assertThat(w.supervision.bonuses(p, SEASON)).as(about).contains(round);
            assertThat(SupervisionWorld.events(w.drainAll(), "mentorship.bonuses.computed"))
                .as(about + ": computed events").isEqualTo(1);
          }
        });
  }

  @Test
  void concurrentComputationsAllReturnTheOneRound() {
    qt().withExamples(EXAMPLES).withShrinkCycles(SHRINKS)
        .forAll(SupervisionWorld.plans(), Generate.range(2, 4))
        .checkAssert((plan, threads) -> {
          try (SupervisionWorld w = SupervisionWorld.build(plan.shape())) {
            w.record(plan.entries());
            w.drainAll();
            ProgramId p = w.program.id();
            List<BonusRound> rounds = race(threads, () ->
                w.supervision.computeBonuses(w.owner(), p, SEASON, PREVIOUS, null));
            String about = plan + "\n  " + threads + " owners at once";
            assertThat(rounds).as(about).hasSize(threads).containsOnly(rounds.get(0));
            assertThat(w.supervision.bonuses(p, SEASON)).as(about).contains(rounds.get(0));
            assertThat(SupervisionWorld.events(w.drainAll(), "mentorship.bonuses.computed"))
                .as(about + ": computed events").isEqualTo(1);
          }
        });
  }

  @Test
  void aGrowersBetterExecutionOrYieldNeverLowersItsHouseholdsAward() {
    qt().withExamples(TWIN_EXAMPLES).withShrinkCycles(SHRINKS)
        .forAll(SupervisionWorld.plans(), BonusGenerators.terms(), betters(),
            Generate.booleans())
        .checkAssert((plan, terms, better, withPrevious) -> {
          try (SupervisionWorld worse = SupervisionWorld.build(plan.shape(), settings(terms));
              SupervisionWorld best = SupervisionWorld.build(plan.shape(), settings(terms))) {
            int g = better.grower() % plan.shape().growerCount();
            worse.record(plan.entries());
            best.record(plan.entries());
            worse.record(better.worse(g));
            best.record(better.best(g));
            String previous = withPrevious ? PREVIOUS : null;
            List<BonusAward> low = worse.supervision.computeBonuses(worse.owner(),
                worse.program.id(), SEASON, previous, null).awards();
            List<BonusAward> high = best.supervision.computeBonuses(best.owner(),
                best.program.id(), SEASON, previous, null).awards();
            HouseholdId demo = best.mentorOf.get(best.growers.get(g));
            String about = plan + "\n  " + terms + "\n  " + better + " for g" + g + " of "
                + demo + (withPrevious ? ", against " + PREVIOUS : "");
            assertThat(high).as(about).extracting(BonusAward::household)
                .containsExactlyElementsOf(low.stream().map(BonusAward::household).toList());
            for (int i = 0; i < low.size(); i++) {
              if (low.get(i).household().equals(demo)) {
                assertThat(high.get(i).amount()).as(about + "\n  " + low.get(i) + "\n  "
                    + high.get(i)).isGreaterThanOrEqualTo(low.get(i).amount());
              } else {
                assertThat(high.get(i)).as(about).isEqualTo(low.get(i));
              }
            }
          }
        });
  }

  // ---- the overdue-inspection sweep ---------------------------------------------------------

  @Test
  void theSweepRemindsOncePerGrowerAndDueTimeNeverBefore() {
    Gen<Shape> shapes = SupervisionWorld.shapes().zip(Generate.range(0, 600),
        (s, gap) -> new Shape(s.growers(), s.loner(), gap));
    Gen<Duration> intervals = Generate.range(1, 40).zip(Generate.range(0, 23),
        (d, h) -> Duration.ofDays(d).plusHours(h));
    qt().withExamples(EXAMPLES).withShrinkCycles(SHRINKS)
        .forAll(shapes, intervals, steps())
        .checkAssert((shape, interval, steps) -> {
          try (SupervisionWorld w = SupervisionWorld.build(shape,
              MentorshipSettings.defaults().withInspectionInterval(interval))) {
            new SweepModel(w, interval, shape + ", inspected every " + interval + "\n  "
                + steps).run(steps);
          }
        });
  }

  /** What the sweep must do, grower by grower: its due time and the due time reminded for. */
  private static final class SweepModel {
    private final SupervisionWorld w;
    private final Duration interval;
    private final String about;
    private final Map<HouseholdId, Instant> due = new LinkedHashMap<>();
    private final Map<HouseholdId, Instant> remindedFor = new HashMap<>();
    private final List<String> log = new ArrayList<>();

    SweepModel(SupervisionWorld w, Duration interval, String about) {
      this.w = w;
      this.interval = interval;
      this.about = about;
      w.assignedAt.forEach((g, at) -> due.put(g, at.plus(interval)));
    }

    void run(List<Step> steps) {
      for (Step s : steps) {
        if (s instanceof Later l) {
          w.clock.advance(Duration.ofMinutes(l.minutes()));
        } else if (s instanceof Check c) {
          HouseholdId g = w.growers.get(c.grower() % w.growers.size());
          LocalDate date = w.today().minusDays(c.daysBack());
          w.supervision.recordInspection(Actor.household(w.mentorOf.get(g)), w.program.id(),
              new NewInspection.Builder().grower(g).practice(SupervisionWorld.PRACTICES.get(0))
                  .date(date).execution(Execution.LATE).build());
          Instant next = date.atStartOfDay(ZONE).toInstant().plus(interval);
          if (next.isAfter(due.get(g))) {
            due.put(g, next);
          }
          w.drainAll();
        } else if (s instanceof Sweep sw) {
          sweep(sw.at(this), 1);
        } else if (s instanceof Race r) {
          sweep(r.at(), r.threads());
        }
      }
    }

    Instant dueOf(int grower) {
      return due.get(w.growers.get(grower % w.growers.size()));
    }

    private void sweep(Instant at, int threads) {
      Set<HouseholdId> expected = new TreeSet<>();
      due.forEach((g, d) -> {
        if (!at.isBefore(d) && !d.equals(remindedFor.get(g))) {
          expected.add(g);
        }
      });
      List<Integer> raised = threads == 1 ? List.of(w.supervision.sweep(at))
          : race(threads, () -> w.supervision.sweep(at));
      List<OutboxMessage> out = w.drainAll();
      List<Reminder> reminders = SupervisionWorld.reminders(out);
      log.add(at + " ×" + threads + " → " + reminders);
      String which = about + "\n  due " + due + "\n  reminded for " + remindedFor
          + "\n  sweeps " + String.join("\n         ", log);
      assertThat(raised.stream().mapToInt(Integer::intValue).sum()).as(which)
          .isEqualTo(expected.size());
      assertThat(reminders.stream().map(Reminder::grower).collect(Collectors.toList()))
          .as(which).containsExactlyInAnyOrderElementsOf(expected);
      for (Reminder r : reminders) {
        Instant d = due.get(r.grower());
        assertThat(r.raisedAt()).as(which).isEqualTo(at).isAfterOrEqualTo(d);
        assertThat(r.recipients()).as(which)
            .containsExactly(w.mentorOf.get(r.grower()).value());
        assertThat(r.since()).as(which).isEqualTo(d.toString().substring(0, 10));
        remindedFor.put(r.grower(), d);
      }
      assertThat(SupervisionWorld.events(out, "mentorship.inspection.overdue")).as(which)
          .isEqualTo(expected.size());
    }
  }

  /** A step of a sweep history. */
  sealed interface Step permits Later, Check, Sweep, Race {}

  /** The clock moves on. */
  record Later(int minutes) implements Step {
    @Override
    public String toString() {
      return "later +" + Duration.ofMinutes(minutes);
    }
  }

  /** The grower at an index is inspected, the inspection dated some days back from today. */
  record Check(int grower, int daysBack) implements Step {
    @Override
    public String toString() {
      return "inspect g" + grower + " dated " + daysBack + "d back";
    }
  }

  /**
   * A sweep at an instant: minutes from the start, or, when {@code grower} is not negative,
   * minutes from that grower's due time (to hit it exactly).
   */
  record Sweep(int grower, long minutes) implements Step {
    Instant at(SweepModel m) {
      return grower < 0 ? START.plus(Duration.ofMinutes(minutes))
          : m.dueOf(grower).plus(Duration.ofMinutes(minutes));
    }

    @Override
    public String toString() {
      return grower < 0 ? "sweep at start+" + Duration.ofMinutes(minutes)
          : "sweep at g" + grower + "'s due " + (minutes >= 0 ? "+" : "") + minutes + "min";
    }
  }

  /** Sweeps on several threads at once, at one instant. */
  record Race(Instant at, int threads) implements Step {
    @Override
    public String toString() {
      return threads + " sweeps at " + at;
    }
  }

  private static Gen<List<Step>> steps() {
    Gen<Step> later = Generate.range(0, 20 * 24 * 60).map(m -> (Step) new Later(m));
    Gen<Step> check = Generate.range(0, 19).zip(Generate.range(0, 45),
        (g, d) -> (Step) new Check(g, d));
    Gen<Step> sweep = Generate.range(-3 * 24 * 60, 150 * 24 * 60)
        .map(m -> (Step) new Sweep(-1, m));
    Gen<Step> atDue = Generate.range(0, 19).zip(Generate.pick(List.of(-1, 0, 0, 1, 60)),
        (g, m) -> (Step) new Sweep(g, m));
    Gen<Step> race = Generate.range(0, 150 * 24 * 60).zip(Generate.range(2, 3),
        (m, t) -> (Step) new Race(START.plus(Duration.ofMinutes(m)), t));
    Gen<Step> step = Generate.frequency(List.of(Pair.of(3, later), Pair.of(3, check),
        Pair.of(4, sweep), Pair.of(3, atDue), Pair.of(1, race)));
    return in -> {
      int n = Generate.range(4, 20).generate(in);
      List<Step> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        out.add(step.generate(in));
      }
      return List.copyOf(out);
    };
  }

  // ---- generators and helpers ---------------------------------------------------------------

  /** A period for compliance and a window for coverage. */
  record Window(LocalDate from, LocalDate to, LocalDate asOf, int days) {
    @Override
    public String toString() {
      return "compliance " + from + ".." + to + ", coverage " + days + "d to " + asOf;
    }
  }

  private static Gen<Window> windows() {
    Gen<Integer> days = Generate.pick(List.of(1, 30, 60, 90, 366)).mix(Generate.range(1, 366),
        50);
    return Generate.range(-10, 440).zip(Generate.range(0, 450), Generate.range(-10, 440), days,
        (from, length, asOf, d) -> new Window(FIRST_DAY.plusDays(from),
            FIRST_DAY.plusDays(from + length), FIRST_DAY.plusDays(asOf), d));
  }

  /**
   * One grower's entry that differs between two worlds: an inspection found ON_TIME rather than
   * NOT_DONE, or a harvest of the same area with more kg.
   */
  record Better(int grower, boolean inspection, int practice, int daysBack, BigDecimal area,
      int perMu, int more) {
    Entry worse(int g) {
      return inspection ? new Inspect(g, practice, day(), Execution.NOT_DONE, false)
          : harvest(g, perMu);
    }

    Entry best(int g) {
      return inspection ? new Inspect(g, practice, day(), Execution.ON_TIME, false)
          : harvest(g, perMu + more);
    }

    private LocalDate day() {
      return SupervisionWorld.LAST_DAY.minusDays(daysBack);
    }

    private Harvest harvest(int g, int kgPerMu) {
      BigDecimal kg = area.multiply(BigDecimal.valueOf(kgPerMu)).setScale(2,
          RoundingMode.HALF_UP);
      return new Harvest(g, SEASON, area, kg, kg.multiply(BigDecimal.TEN), false);
    }

    @Override
    public String toString() {
      return inspection ? "an inspection ON_TIME rather than NOT_DONE, p" + practice + " "
          + day() : "a harvest of " + area + " mu at " + (perMu + more) + " rather than "
          + perMu + " kg/mu";
    }
  }

  private static Gen<Better> betters() {
    return Generate.range(0, 19).zip(Generate.booleans(), Generate.range(0, 2),
        Generate.range(0, 400), (g, i, p, d) -> new Better(g, i, p, d, BigDecimal.ONE, 0, 0))
        .zip(Generate.range(1, 500), Generate.range(0, 6000), Generate.range(1, 3000),
            (b, area, perMu, more) -> new Better(b.grower(), b.inspection(), b.practice(),
                b.daysBack(), BigDecimal.valueOf(area, 2), perMu, more));
  }

  private static MentorshipSettings settings(BonusTerms terms) {
    return MentorshipSettings.defaults().withBonusPolicy(BonusPolicy.standard(terms));
  }

  private static String blankToNull(String s) {
    return s.isEmpty() ? null : s;
  }

  /** Runs a task on several threads released together; every result, each within the bound. */
  private static <T> List<T> race(int threads, Callable<T> task) {
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    Callable<T> racer = () -> {
      ready.countDown();
      if (!go.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the race never started");
      }
      return task.call();
    };
    List<Future<T>> futures = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      futures.add(pool.submit(racer));
    }
    try {
      assertThat(ready.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("racers ready").isTrue();
      go.countDown();
      List<T> out = new ArrayList<>();
      for (Future<T> f : futures) {
        out.add(f.get(WAIT_SECONDS, TimeUnit.SECONDS));
      }
      return out;
    } catch (Exception e) {
      throw new AssertionError("a racer failed: " + e, e);
    }
  }
}
