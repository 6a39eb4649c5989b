package dev.zhuli.core.mentorship;

import static dev.zhuli.core.HostileChecks.assertNotEchoed;
import static dev.zhuli.core.TestTexts.show;
import static dev.zhuli.core.mentorship.SupervisionWorld.PRACTICES;
import static dev.zhuli.core.mentorship.SupervisionWorld.PREVIOUS;
import static dev.zhuli.core.mentorship.SupervisionWorld.SEASON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.quicktheories.QuickTheory.qt;

import dev.zhuli.core.AccessDeniedException;
import dev.zhuli.core.Actor;
import dev.zhuli.core.EntryId;
import dev.zhuli.core.HostileChecks.Expected;
import dev.zhuli.core.HouseholdId;
import dev.zhuli.core.MemberId;
import dev.zhuli.core.NotFoundException;
import dev.zhuli.core.ProgramId;
import dev.zhuli.core.RuleViolationException;
import dev.zhuli.core.TreeId;
import dev.zhuli.core.ValidationException;
import dev.zhuli.core.ZhuliException;
import dev.zhuli.core.access.Action;
import dev.zhuli.core.mentorship.SupervisionWorld.Shape;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Every supervision command, fed hostile input: null arguments and attributes, blank and
 * malformed text, notes of 2001 characters, 21 attachments or evidence references, practices
 * outside the plan, dates in the future, areas of 0 or less, negative yields and revenues, three
 * decimals, implausible yields, bad and unknown ids, entries of another program, voiding twice,
 * a household inspecting someone else's grower, experts of another tree, members of another
 * county, and requests for bonuses not computed or approved twice. Each attempt must fail with
 * the {@link ZhuliException} that names the field, rule, kind or action, without echoing the
 * text it was given, and must change nothing: the program's reports, entries and bonuses are
 * equal before and after, and the outbox receives nothing.
 */
class SupervisionHostileInputTest {
  private static final long SEED = 0x5EED_2026_0302L;
  private static final int EXAMPLES = 100;
  private static final Shape SHAPE = new Shape(List.of(List.of(3, 2), List.of(2)), true, 0);
  private static final LocalDate SOME_DAY = LocalDate.of(2025, 5, 20);

  private SupervisionWorld w;
  private Supervision sv;
  private ProgramId program;
  /** A visit, an inspection and a harvest, each voided already. */
  private List<EntryId> voided;
  /** A live visit, inspection and harvest of this program. */
  private List<EntryId> live;
  /** A live visit, inspection and harvest of another program. */
  private List<EntryId> elsewhere;
  /** A household registered in the other program only. */
  private HouseholdId stranger;
  private Snapshot lastSnapshot;

  @BeforeEach
  void setUp() {
    w = SupervisionWorld.build(SHAPE);
    sv = w.supervision;
    program = w.program.id();
    Actor professorA = Actor.member(w.professorA.id());
    Actor professorB = Actor.member(w.professorB.id());
    List<EntryId> visits = new ArrayList<>();
    for (int d = 0; d < w.demos.size(); d++) {
      visits.add(sv.recordVisit(d < 2 ? professorA : professorB, program, visit(w.demos.get(d))
          .build()).id());
    }
    List<EntryId> inspections = new ArrayList<>();
    List<EntryId> harvests = new ArrayList<>();
    for (int g = 0; g < w.growers.size(); g++) {
      HouseholdId grower = w.growers.get(g);
      inspections.add(sv.recordInspection(head(grower), program, inspection(grower).build())
          .id());
      harvests.add(sv.recordHarvest(w.owner(), program, harvest(grower, SEASON).build()).id());
      sv.recordHarvest(w.owner(), program, harvest(grower, PREVIOUS).build());
    }
    sv.voidEntry(professorA, program, visits.get(1), "重複錄入", null);
    sv.voidEntry(head(w.growers.get(1)), program, inspections.get(1), "重複錄入", null);
    sv.voidEntry(w.owner(), program, harvests.get(1), "重複錄入", null);
    voided = List.of(visits.get(1), inspections.get(1), harvests.get(1));
    live = List.of(visits.get(0), inspections.get(0), harvests.get(0));
    sv.computeBonuses(w.owner(), program, PREVIOUS, null, null);
    sv.approveBonuses(Actor.member(w.cadre.id()), program, PREVIOUS, "村民代表大會通過", null);

    Program other = w.mentorship.createProgram(Actor.member(w.coordinator.id()),
        new NewProgram.Builder().name("南溝花椒示範園").village(w.nangou.id()).crop("花椒")
            .season(SEASON).addPlan(Practice.of("修剪", 8, 9)).yieldTarget(new BigDecimal("300"))
            .owner(w.secretary.id()).policy(ProgramPolicy.of(10, 1, 20)).build());
    TreeId tree = w.mentorship.addExpert(w.owner(), other.id(), w.professorA.id(), null).id();
    HouseholdId demo = w.mentorship.registerHousehold(w.owner(), other.id(),
        new NewHousehold.Builder().head("花椒示範戶").build()).id();
    stranger = w.mentorship.registerHousehold(w.owner(), other.id(),
        new NewHousehold.Builder().head("花椒種植戶").build()).id();
    w.mentorship.appoint(w.owner(), tree, demo, null);
    w.mentorship.assign(w.owner(), other.id(), stranger, demo, null);
    elsewhere = List.of(
        sv.recordVisit(professorA, other.id(), new NewVisit.Builder().household(demo)
            .date(SOME_DAY).addPractices("修剪").build()).id(),
        sv.recordInspection(Actor.household(demo), other.id(), new NewInspection.Builder()
            .grower(stranger).practice("修剪").date(SOME_DAY).execution(Execution.LATE).build())
            .id(),
        sv.recordHarvest(w.owner(), other.id(), new NewHarvest.Builder().household(stranger)
            .season(SEASON).area(BigDecimal.ONE).yieldKg(new BigDecimal("250"))
            .revenue(new BigDecimal("15000")).build()).id());
    w.drainAll();
  }

  @AfterEach
  void tearDown() {
    w.close();
  }

  // ---- the properties ---------------------------------------------------------------------

  @Test
  void recordVisitRefusesHostileInputAndChangesNothing() {
    Gen<HouseholdId> demosOfA = Generate.pick(w.demos.subList(0, 2));
    Actor professorA = Actor.member(w.professorA.id());
    check(cases(
        hostileTexts(SupervisionService.MAX_TEXT).zip(demosOfA, (notes, d) -> attempt(
            "recordVisit notes " + show(notes),
            () -> sv.recordVisit(professorA, program, visit(d).notes(notes).build()),
            Expected.invalid("visit.notes"), notes)),
        Generate.range(21, 30).zip(demosOfA, (n, d) -> attempt(
            "recordVisit " + n + " attachments",
            () -> sv.recordVisit(professorA, program, visit(d).attachments(refs(n)).build()),
            Expected.invalid("visit.attachments"))),
        hostileTexts(SupervisionService.MAX_REF).zip(Generate.range(0, 3), demosOfA,
            (ref, at, d) -> attempt("recordVisit attachment " + show(ref),
                () -> sv.recordVisit(professorA, program, visit(d)
                    .attachments(with(refs(3), at, ref)).build()),
                Expected.invalidPrefix("visit.attachments["), ref)),
        Generate.range(21, 25).zip(demosOfA, (n, d) -> attempt("recordVisit " + n
            + " practices", () -> sv.recordVisit(professorA, program, visit(d)
                .practices(Collections.nCopies(n, PRACTICES.get(0))).build()),
            Expected.invalid("visit.practices"))),
        foreignPractices().zip(demosOfA, (name, d) -> attempt(
            "recordVisit practice " + show(name),
            () -> sv.recordVisit(professorA, program, visit(d).addPractices(name).build()),
            Expected.invalid("visit.practices"), name)),
        hostileTexts(Practice.MAX_NAME).zip(demosOfA, (name, d) -> attempt(
            "recordVisit practice " + show(name),
            () -> sv.recordVisit(professorA, program, visit(d).addPractices(name).build()),
            Expected.invalidPrefix("visit.practices["), name)),
        futureDays().zip(demosOfA, (days, d) -> attempt("recordVisit " + days
            + " days ahead", () -> sv.recordVisit(professorA, program, visit(d)
                .date(w.today().plusDays(days)).build()), Expected.invalid("visit.date"))),
        demosOfA.map(d -> attempt("recordVisit without household",
            () -> sv.recordVisit(professorA, program, new NewVisit.Builder().date(SOME_DAY)
                .build()), Expected.invalid("visit.household"))),
        demosOfA.map(d -> attempt("recordVisit without date",
            () -> sv.recordVisit(professorA, program, new NewVisit.Builder().household(d)
                .build()), Expected.invalid("visit.date"))),
        Generate.constant(attempt("recordVisit(null)",
            () -> sv.recordVisit(professorA, program, null), Expected.invalid("visit"))),
        demosOfA.map(d -> attempt("recordVisit null program",
            () -> sv.recordVisit(professorA, null, visit(d).build()),
            Expected.invalid("program"))),
        demosOfA.map(d -> attempt("recordVisit by null actor",
            () -> sv.recordVisit(null, program, visit(d).build()), Expected.invalid("actor"))),
        unknownIds().zip(demosOfA, (id, d) -> attempt("recordVisit in program " + id,
            () -> sv.recordVisit(professorA, ProgramId.of(id), visit(d).build()),
            Expected.notFound("program"))),
        unknownIds().map(id -> attempt("recordVisit to unknown " + id,
            () -> sv.recordVisit(professorA, program, visit(HouseholdId.of(id)).build()),
            Expected.notFound("household"))),
        badIds().map(id -> attempt("recordVisit to malformed " + show(id),
            () -> sv.recordVisit(professorA, program, visit(HouseholdId.of(id)).build()),
            Expected.invalid("householdId"))),
        Generate.constant(attempt("recordVisit to a household of another program",
            () -> sv.recordVisit(professorA, program, visit(stranger).build()),
            Expected.rule("registered-in-program"))),
        Generate.pick(w.growers).map(g -> attempt("recordVisit to grower " + g,
            () -> sv.recordVisit(professorA, program, visit(g).build()),
            Expected.rule("demonstration-household"))),
        Generate.pick(List.of(Actor.member(w.professorB.id()), Actor.member(w.outsider.id()),
            Actor.member(w.coordinator.id()), Actor.member(w.cadre.id()),
            Actor.household(w.demos.get(0)), Actor.member(MemberId.of("unknown-1"))))
            .zip(demosOfA, (actor, d) -> attempt("recordVisit by " + actor,
                () -> sv.recordVisit(actor, program, visit(d).build()),
                Expected.denied(Action.RECORD_VISIT))),
        hostileRequestKeys().zip(demosOfA, (key, d) -> attempt("recordVisit key " + show(key),
            () -> sv.recordVisit(professorA, program, visit(d).requestKey(key).build()),
            Expected.invalid("requestKey")))));
  }

  @Test
  void recordInspectionRefusesHostileInputAndChangesNothing() {
    Gen<HouseholdId> growers = Generate.pick(w.growers);
    check(cases(
        hostileTexts(SupervisionService.MAX_TEXT).zip(growers, (notes, g) -> attempt(
            "recordInspection notes " + show(notes),
            () -> sv.recordInspection(head(g), program, inspection(g).notes(notes).build()),
            Expected.invalid("inspection.notes"), notes)),
        Generate.range(21, 30).zip(growers, (n, g) -> attempt(
            "recordInspection " + n + " evidence",
            () -> sv.recordInspection(head(g), program, inspection(g).evidence(refs(n))
                .build()), Expected.invalid("inspection.evidence"))),
        hostileTexts(SupervisionService.MAX_REF).zip(Generate.range(0, 3), growers,
            (ref, at, g) -> attempt("recordInspection evidence " + show(ref),
                () -> sv.recordInspection(head(g), program, inspection(g)
                    .evidence(with(refs(2), at, ref)).build()),
                Expected.invalidPrefix("inspection.evidence["), ref)),
        foreignPractices().zip(growers, (name, g) -> attempt(
            "recordInspection practice " + show(name),
            () -> sv.recordInspection(head(g), program, inspection(g).practice(name).build()),
            Expected.invalid("inspection.practice"), name)),
        hostileTexts(Practice.MAX_NAME).zip(growers, (name, g) -> attempt(
            "recordInspection practice " + show(name),
            () -> sv.recordInspection(head(g), program, inspection(g).practice(name).build()),
            Expected.invalid("inspection.practice"), name)),
        futureDays().zip(growers, (days, g) -> attempt("recordInspection " + days
            + " days ahead", () -> sv.recordInspection(head(g), program, inspection(g)
                .date(w.today().plusDays(days)).build()), Expected.invalid("inspection.date"))),
        growers.zip(Generate.range(0, 3), (g, missing) -> attempt(
            "recordInspection without " + List.of("grower", "practice", "date", "execution")
                .get(missing), () -> sv.recordInspection(head(g), program,
                    without(g, missing)), Expected.invalid("inspection." + List.of("grower",
                        "practice", "date", "execution").get(missing)))),
        Generate.constant(attempt("recordInspection(null)",
            () -> sv.recordInspection(head(w.growers.get(0)), program, null),
            Expected.invalid("inspection"))),
        growers.map(g -> attempt("recordInspection null program",
            () -> sv.recordInspection(head(g), null, inspection(g).build()),
            Expected.invalid("program"))),
        growers.map(g -> attempt("recordInspection by null actor",
            () -> sv.recordInspection(null, program, inspection(g).build()),
            Expected.invalid("actor"))),
        unknownIds().zip(growers, (id, g) -> attempt("recordInspection in program " + id,
            () -> sv.recordInspection(head(g), ProgramId.of(id), inspection(g).build()),
            Expected.notFound("program"))),
        unknownIds().map(id -> attempt("recordInspection of unknown " + id,
            () -> sv.recordInspection(head(w.growers.get(0)), program,
                inspection(HouseholdId.of(id)).build()), Expected.notFound("household"))),
        Generate.constant(attempt("recordInspection of a household of another program",
            () -> sv.recordInspection(head(w.growers.get(0)), program,
                inspection(stranger).build()), Expected.rule("registered-in-program"))),
        Generate.pick(List.of(w.loner, w.demos.get(0), w.demos.get(2))).map(h -> attempt(
            "recordInspection of " + h + ", with no demonstration household",
            () -> sv.recordInspection(Actor.household(w.demos.get(0)), program,
                inspection(h).build()), Expected.rule("grower-assigned"))),
        growers.zip(Generate.pick(w.demos), (g, d) -> attempt("recordInspection of " + g
            + " by " + d, () -> sv.recordInspection(Actor.household(d), program,
                inspection(g).build()), d.equals(w.mentorOf.get(g)) ? null
                    : Expected.denied(Action.RECORD_INSPECTION))).assuming(a -> a != null),
        growers.zip(Generate.pick(List.of(w.owner(), Actor.member(w.professorA.id()),
            Actor.member(w.outsider.id()), Actor.member(w.cadre.id()))), (g, actor) ->
            attempt("recordInspection by " + actor, () -> sv.recordInspection(actor, program,
                inspection(g).build()), Expected.denied(Action.RECORD_INSPECTION))),
        growers.zip(growers, (g, by) -> attempt("recordInspection of " + g + " by grower "
            + by, () -> sv.recordInspection(Actor.household(by), program,
                inspection(g).build()), Expected.denied(Action.RECORD_INSPECTION))),
        hostileRequestKeys().zip(growers, (key, g) -> attempt(
            "recordInspection key " + show(key), () -> sv.recordInspection(head(g), program,
                inspection(g).requestKey(key).build()), Expected.invalid("requestKey")))));
  }

  @Test
  void recordHarvestRefusesHostileInputAndChangesNothing() {
    Gen<HouseholdId> growers = Generate.pick(w.growers);
    Gen<String> bad3 = Generate.pick(List.of("1.001", "0.005", "2.0001", "12.345"));
    check(cases(
        hostileTexts(MentorshipService.MAX_LABEL).zip(growers, (season, g) -> attempt(
            "recordHarvest season " + show(season),
            () -> sv.recordHarvest(w.owner(), program, harvest(g, season).build()),
            Expected.invalid("harvest.season"), season)),
        Generate.pick(List.of("0", "0.00", "-1", "-0.01", "100000", "100000.00", "1e6"))
            .mix(bad3).zip(growers, (area, g) -> attempt("recordHarvest area " + area,
                () -> sv.recordHarvest(w.owner(), program, harvest(g, SEASON)
                    .area(new BigDecimal(area)).build()), Expected.invalid("harvest.area"))),
        Generate.pick(List.of("-1", "-0.01", "1000000000000", "1E+13")).mix(bad3)
            .zip(growers, (kg, g) -> attempt("recordHarvest yield " + kg,
                () -> sv.recordHarvest(w.owner(), program, harvest(g, SEASON)
                    .yieldKg(new BigDecimal(kg)).build()), Expected.invalid("harvest.yieldKg"))),
        Generate.pick(List.of("-1", "-0.01", "1000000000000")).mix(bad3)
            .zip(growers, (yuan, g) -> attempt("recordHarvest revenue " + yuan,
                () -> sv.recordHarvest(w.owner(), program, harvest(g, SEASON)
                    .revenue(new BigDecimal(yuan)).build()), Expected.invalid("harvest.revenue"))),
        Generate.range(20_001, 40_000).zip(growers, (kg, g) -> attempt(
            "recordHarvest " + kg + " kg on 1 mu", () -> sv.recordHarvest(w.owner(), program,
                harvest(g, SEASON).area(BigDecimal.ONE).yieldKg(BigDecimal.valueOf(kg))
                    .build()), Expected.invalid("harvest.yieldKg"))),
        Generate.range(1_000_001, 9_000_000).zip(growers, (yuan, g) -> attempt(
            "recordHarvest " + yuan + " yuan on 1 mu", () -> sv.recordHarvest(w.owner(),
                program, harvest(g, SEASON).area(BigDecimal.ONE).revenue(BigDecimal.valueOf(yuan))
                    .build()), Expected.invalid("harvest.revenue"))),
        growers.zip(Generate.range(0, 4), (g, missing) -> attempt("recordHarvest without "
            + HARVEST_FIELDS.get(missing), () -> sv.recordHarvest(w.owner(), program,
                harvestWithout(g, missing)), Expected.invalid("harvest."
                    + HARVEST_FIELDS.get(missing)))),
        Generate.constant(attempt("recordHarvest(null)",
            () -> sv.recordHarvest(w.owner(), program, null), Expected.invalid("harvest"))),
        growers.map(g -> attempt("recordHarvest null program",
            () -> sv.recordHarvest(w.owner(), null, harvest(g, SEASON).build()),
            Expected.invalid("program"))),
        growers.map(g -> attempt("recordHarvest by null actor",
            () -> sv.recordHarvest(null, program, harvest(g, SEASON).build()),
            Expected.invalid("actor"))),
        unknownIds().zip(growers, (id, g) -> attempt("recordHarvest in program " + id,
            () -> sv.recordHarvest(w.owner(), ProgramId.of(id), harvest(g, SEASON).build()),
            Expected.notFound("program"))),
        unknownIds().map(id -> attempt("recordHarvest of unknown " + id,
            () -> sv.recordHarvest(w.owner(), program, harvest(HouseholdId.of(id), SEASON)
                .build()), Expected.notFound("household"))),
        Generate.constant(attempt("recordHarvest of a household of another program",
            () -> sv.recordHarvest(w.owner(), program, harvest(stranger, SEASON).build()),
            Expected.rule("registered-in-program"))),
        growers.zip(Generate.pick(w.demos), (g, d) -> attempt("recordHarvest of " + g
            + " by " + d, () -> sv.recordHarvest(Actor.household(d), program,
                harvest(g, SEASON).build()), d.equals(w.mentorOf.get(g)) ? null
                    : Expected.denied(Action.RECORD_HARVEST))).assuming(a -> a != null),
        growers.zip(growers, (g, by) -> attempt("recordHarvest of " + g + " by grower " + by,
            () -> sv.recordHarvest(Actor.household(by), program, harvest(g, SEASON).build()),
            g.equals(by) ? null : Expected.denied(Action.RECORD_HARVEST)))
            .assuming(a -> a != null),
        growers.zip(Generate.pick(List.of(Actor.member(w.outsider.id()),
            Actor.member(w.cadre.id()), Actor.member(w.coordinator.id()))), (g, actor) ->
            attempt("recordHarvest by " + actor, () -> sv.recordHarvest(actor, program,
                harvest(g, SEASON).build()), Expected.denied(Action.RECORD_HARVEST))),
        Generate.pick(w.growers.subList(0, 5)).map(g -> attempt(
            "recordHarvest of tree A's " + g + " by tree B's expert",
            () -> sv.recordHarvest(Actor.member(w.professorB.id()), program,
                harvest(g, SEASON).build()), Expected.denied(Action.RECORD_HARVEST))),
        hostileRequestKeys().zip(growers, (key, g) -> attempt(
            "recordHarvest key " + show(key), () -> sv.recordHarvest(w.owner(), program,
                harvest(g, SEASON).requestKey(key).build()), Expected.invalid("requestKey")))));
  }

  @Test
  void voidEntryRefusesHostileInputAndChangesNothing() {
    Gen<Integer> kinds = Generate.range(0, 2);
    check(cases(
        kinds.map(k -> attempt("voidEntry twice, " + KINDS.get(k),
            () -> sv.voidEntry(voider(k), program, voided.get(k), "再作廢", null),
            Expected.rule("void-once"))),
        hostileTexts(MentorshipService.MAX_REASON).zip(kinds, (reason, k) -> attempt(
            "voidEntry reason " + show(reason),
            () -> sv.voidEntry(voider(k), program, live.get(k), reason, null),
            Expected.invalid("reason"), reason)),
        kinds.map(k -> attempt("voidEntry null reason",
            () -> sv.voidEntry(voider(k), program, live.get(k), null, null),
            Expected.invalid("reason"))),
        kinds.map(k -> attempt("voidEntry null entry",
            () -> sv.voidEntry(voider(k), program, null, "錄錯了", null),
            Expected.invalid("entry"))),
        kinds.map(k -> attempt("voidEntry null program",
            () -> sv.voidEntry(voider(k), null, live.get(k), "錄錯了", null),
            Expected.invalid("program"))),
        kinds.map(k -> attempt("voidEntry by null actor",
            () -> sv.voidEntry(null, program, live.get(k), "錄錯了", null),
            Expected.invalid("actor"))),
        unknownIds().map(id -> attempt("voidEntry unknown " + id,
            () -> sv.voidEntry(w.owner(), program, EntryId.of(id), "錄錯了", null),
            Expected.notFound("entry"))),
        badIds().map(id -> attempt("voidEntry malformed " + show(id),
            () -> sv.voidEntry(w.owner(), program, EntryId.of(id), "錄錯了", null),
            Expected.invalid("entryId"))),
        kinds.map(k -> attempt("voidEntry a " + KINDS.get(k) + " of another program",
            () -> sv.voidEntry(w.system, program, elsewhere.get(k), "錄錯了", null),
            Expected.notFound("entry"))),
        Generate.pick(List.of(w.program.id().value(), w.growers.get(0).value(),
            w.trees.get(0).value())).map(id -> attempt("voidEntry the id of a non-entry " + id,
                () -> sv.voidEntry(w.system, program, EntryId.of(id), "錄錯了", null),
                Expected.notFound("entry"))),
        unknownIds().zip(kinds, (id, k) -> attempt("voidEntry in program " + id,
            () -> sv.voidEntry(voider(k), ProgramId.of(id), live.get(k), "錄錯了", null),
            Expected.notFound("program"))),
        Generate.pick(List.of(Actor.member(w.professorB.id()), Actor.member(w.outsider.id()),
            Actor.household(w.demos.get(0)), Actor.member(w.cadre.id()))).map(actor -> attempt(
                "voidEntry a visit of tree A by " + actor,
                () -> sv.voidEntry(actor, program, live.get(0), "錄錯了", null),
                Expected.denied(Action.RECORD_VISIT))),
        Generate.pick(List.of(Actor.household(w.demos.get(1)), Actor.household(w.demos.get(2)),
            Actor.household(w.growers.get(0)), w.owner(), Actor.member(w.professorA.id()),
            Actor.member(w.outsider.id()))).map(actor -> attempt(
                "voidEntry an inspection of " + w.demos.get(0) + " by " + actor,
                () -> sv.voidEntry(actor, program, live.get(1), "錄錯了", null),
                Expected.denied(Action.RECORD_INSPECTION))),
        Generate.pick(List.of(Actor.household(w.demos.get(1)), Actor.household(w.growers.get(2)),
            Actor.member(w.professorB.id()), Actor.member(w.outsider.id()),
            Actor.member(w.cadre.id()))).map(actor -> attempt(
                "voidEntry a harvest of " + w.growers.get(0) + " by " + actor,
                () -> sv.voidEntry(actor, program, live.get(2), "錄錯了", null),
                Expected.denied(Action.RECORD_HARVEST))),
        hostileRequestKeys().zip(kinds, (key, k) -> attempt("voidEntry key " + show(key),
            () -> sv.voidEntry(voider(k), program, live.get(k), "錄錯了", key),
            Expected.invalid("requestKey")))));
  }

  @Test
  void bonusesAndQueriesRefuseHostileInputAndChangeNothing() {
    Actor cadre = Actor.member(w.cadre.id());
    check(cases(
        hostileTexts(MentorshipService.MAX_LABEL).map(season -> attempt(
            "computeBonuses season " + show(season),
            () -> sv.computeBonuses(w.owner(), program, season, null, null),
            Expected.invalid("season"), season)),
        hostileTexts(MentorshipService.MAX_LABEL).map(season -> attempt(
            "computeBonuses previous season " + show(season),
            () -> sv.computeBonuses(w.owner(), program, SEASON, season, null),
            Expected.invalid("previousSeason"), season)),
        Generate.pick(List.of(SEASON, " " + SEASON + "\u3000")).map(s -> attempt(
            "computeBonuses against itself " + show(s),
            () -> sv.computeBonuses(w.owner(), program, SEASON, s, null),
            Expected.invalid("previousSeason"))),
        Generate.pick(List.of(Actor.member(w.professorA.id()), Actor.member(w.outsider.id()),
            cadre, Actor.member(w.coordinator.id()), Actor.household(w.demos.get(0))))
            .map(actor -> attempt("computeBonuses by " + actor,
                () -> sv.computeBonuses(actor, program, SEASON, PREVIOUS, null),
                Expected.denied(Action.MANAGE_PROGRAM))),
        unknownIds().map(id -> attempt("computeBonuses of program " + id,
            () -> sv.computeBonuses(w.owner(), ProgramId.of(id), SEASON, null, null),
            Expected.notFound("program"))),
        Generate.constant(attempt("computeBonuses by null actor",
            () -> sv.computeBonuses(null, program, SEASON, null, null),
            Expected.invalid("actor"))),
        Generate.pick(List.of(SEASON, "2030")).map(s -> attempt("approveBonuses of " + s
            + ", not computed", () -> sv.approveBonuses(cadre, program, s, "通過", null),
            Expected.rule("bonuses-computed"))),
        Generate.constant(attempt("approveBonuses twice",
            () -> sv.approveBonuses(cadre, program, PREVIOUS, "再通過", null),
            Expected.rule("approved-once"))),
        hostileTexts(MentorshipService.MAX_REASON).map(note -> attempt(
            "approveBonuses note " + show(note),
            () -> sv.approveBonuses(cadre, program, SEASON, note, null),
            Expected.invalid("note"), note)),
        Generate.pick(List.of(w.owner(), Actor.member(w.professorA.id()),
            Actor.member(w.outsider.id()), Actor.household(w.demos.get(0)),
            Actor.member(w.coordinator.id()))).map(actor -> attempt("approveBonuses by "
                + actor, () -> sv.approveBonuses(actor, program, PREVIOUS, "通過", null),
                Expected.denied(Action.APPROVE_BONUS))),
        Generate.range(1, 400).map(d -> attempt("compliance to before from by " + d + " days",
            () -> sv.compliance(program, SOME_DAY, SOME_DAY.minusDays(d)),
            Expected.invalid("to"))),
        Generate.pick(List.of(0, -1, 367, 1000, Integer.MIN_VALUE)).map(d -> attempt(
            "coverage of " + d + " days", () -> sv.coverage(program, SOME_DAY, d),
            Expected.invalid("days"))),
        Generate.pick(List.of(Instant.MIN, Instant.MAX, Instant.parse("9999-01-01T00:00:00Z"),
            Instant.parse("0000-12-31T23:59:59Z"))).map(t -> attempt("sweep at " + t,
                () -> sv.sweep(t), Expected.invalid("now"))),
        Generate.constant(attempt("sweep(null)", () -> sv.sweep(null),
            Expected.invalid("now"))),
        unknownIds().map(id -> attempt("compliance of program " + id,
            () -> sv.compliance(ProgramId.of(id), SOME_DAY, SOME_DAY),
            Expected.notFound("program"))),
        hostileTexts(MentorshipService.MAX_LABEL).map(season -> attempt(
            "disparity season " + show(season), () -> sv.disparity(program, season),
            Expected.invalid("season"), season))));
  }

  // ---- checking ---------------------------------------------------------------------------

  private void check(Gen<Attempt> attempts) {
    qt().withFixedSeed(SEED).withExamples(EXAMPLES).withShrinkCycles(30).forAll(attempts)
        .checkAssert(this::check);
  }

  private void check(Attempt a) {
    // Refused attempts change nothing, so the last example's "after" is this one's "before";
    // it is only reused when that example passed.
    Snapshot before = lastSnapshot != null ? lastSnapshot : snapshot();
    lastSnapshot = null;
    w.drainAll(); // what an earlier, failed example may have left

    Throwable thrown = catchThrowable(a.call());

    Expected x = a.expected();
    assertThat(thrown).as(a.label()).isInstanceOf(x.type());
    ZhuliException e = (ZhuliException) thrown;
    assertThat(e.code()).as(a.label() + ": " + e.getMessage()).isEqualTo(x.code());
    String detail = detailOf(e);
    if (x.prefix()) {
      assertThat(detail).as(a.label() + ": " + e.getMessage()).startsWith(x.detail());
    } else {
      assertThat(detail).as(a.label() + ": " + e.getMessage()).isEqualTo(x.detail());
    }
    for (String text : a.texts()) {
      assertNotEchoed(a.label(), e.getMessage(), text);
    }
    assertThat(w.drainAll()).as(a.label() + ": nothing sent").isEmpty();
    Snapshot after = snapshot();
    assertThat(after).as(a.label() + ": nothing changed").isEqualTo(before);
    lastSnapshot = after;
  }

  private static String detailOf(ZhuliException e) {
    if (e instanceof ValidationException v) {
      return v.field();
    } else if (e instanceof RuleViolationException r) {
      return r.rule();
    } else if (e instanceof NotFoundException n) {
      return n.kind();
    } else if (e instanceof AccessDeniedException d) {
      return d.action();
    }
    return e.code().name();
  }

  /** What a refused attempt must leave as it was: the program's entries, reports and bonuses. */
  record Snapshot(List<List<Inspection>> inspections, List<List<GuidanceVisit>> visits,
      List<HarvestRecord> harvests, List<HarvestRecord> previousHarvests,
      ComplianceReport compliance, Coverage coverage, DisparityReport disparity,
      DisparityReport previousDisparity, Optional<BonusRound> bonuses,
      Optional<BonusRound> previousBonuses, List<MentorshipTree> trees) {}

  private Snapshot snapshot() {
    List<List<Inspection>> inspections = new ArrayList<>();
    for (HouseholdId g : w.growers) {
      inspections.add(sv.inspections(program, g));
    }
    inspections.add(sv.inspections(program, w.loner));
    List<List<GuidanceVisit>> visits = new ArrayList<>();
    for (HouseholdId d : w.demos) {
      visits.add(sv.visits(program, d));
    }
    return new Snapshot(inspections, visits, sv.harvests(program, SEASON),
        sv.harvests(program, PREVIOUS),
        sv.compliance(program, LocalDate.of(1900, 1, 1), LocalDate.of(2100, 12, 31)),
        sv.coverage(program, w.today(), 366), sv.disparity(program, SEASON),
        sv.disparity(program, PREVIOUS), sv.bonuses(program, SEASON),
        sv.bonuses(program, PREVIOUS), w.mentorship.trees(program));
  }

  // ---- attempts ---------------------------------------------------------------------------

  /** One hostile call, what it must fail with, and the texts it must not echo. */
  record Attempt(String label, ThrowingCallable call, Expected expected, List<String> texts) {
    @Override
    public String toString() {
      return label + " ⇒ " + expected;
    }
  }

  private static Attempt attempt(String label, ThrowingCallable call, Expected expected,
      String... texts) {
    if (expected == null) {
      return null;
    }
    List<String> t = new ArrayList<>();
    for (String s : texts) {
      if (s != null) {
        t.add(s);
      }
    }
    return new Attempt(label, call, expected, t);
  }

  @SafeVarargs
  private static Gen<Attempt> cases(Gen<Attempt>... gens) {
    List<Pair<Integer, Gen<Attempt>>> weighted = new ArrayList<>();
    for (Gen<Attempt> g : gens) {
      weighted.add(Pair.of(1, g));
    }
    return Generate.frequency(weighted);
  }

  // ---- inputs -----------------------------------------------------------------------------

  private static final List<String> KINDS = List.of("visit", "inspection", "harvest");
  private static final List<String> HARVEST_FIELDS = List.of("household", "season", "area",
      "yieldKg", "revenue");

  /** Who may void the live entry of a kind. */
  private Actor voider(int kind) {
    return switch (kind) {
      case 0 -> Actor.member(w.professorA.id());
      case 1 -> head(w.growers.get(0));
      default -> w.owner();
    };
  }

  private Actor head(HouseholdId grower) {
    return Actor.household(w.mentorOf.get(grower));
  }

  private static NewVisit.Builder visit(HouseholdId demo) {
    NewVisit.Builder b = new NewVisit.Builder().date(SOME_DAY).addPractices(PRACTICES.get(2))
        .notes("疏果留兩穗").addAttachments("photo-1.jpg");
    if (demo != null) {
      b.household(demo);
    }
    return b;
  }

  private static NewInspection.Builder inspection(HouseholdId grower) {
    return new NewInspection.Builder().grower(grower).practice(PRACTICES.get(1))
        .date(SOME_DAY).execution(Execution.ON_TIME).addEvidence("photo-2.jpg");
  }

  private static NewInspection without(HouseholdId grower, int missing) {
    NewInspection.Builder b = new NewInspection.Builder();
    if (missing != 0) {
      b.grower(grower);
    }
    if (missing != 1) {
      b.practice(PRACTICES.get(0));
    }
    if (missing != 2) {
      b.date(SOME_DAY);
    }
    if (missing != 3) {
      b.execution(Execution.LATE);
    }
    return b.build();
  }

  private static NewHarvest.Builder harvest(HouseholdId household, String season) {
    return new NewHarvest.Builder().household(household).season(season)
        .area(new BigDecimal("1.50")).yieldKg(new BigDecimal("3375.00"))
        .revenue(new BigDecimal("60750"));
  }

  private static NewHarvest harvestWithout(HouseholdId household, int missing) {
    NewHarvest.Builder b = new NewHarvest.Builder();
    if (missing != 0) {
      b.household(household);
    }
    if (missing != 1) {
      b.season(SEASON);
    }
    if (missing != 2) {
      b.area(BigDecimal.ONE);
    }
    if (missing != 3) {
      b.yieldKg(BigDecimal.TEN);
    }
    if (missing != 4) {
      b.revenue(BigDecimal.TEN);
    }
    return b.build();
  }

  /** n valid references. */
  private static List<String> refs(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add("photo-" + i + ".jpg");
    }
    return out;
  }

  private static List<String> with(List<String> values, int at, String hostile) {
    List<String> out = new ArrayList<>(values);
    out.add(Math.min(at, out.size()), hostile);
    return out;
  }

  /** Practice names that are not in the plan, though some look alike. */
  private static Gen<String> foreignPractices() {
    return Generate.pick(List.of("整形修剪", "疏花", "石硫合劑清園 二次", "銅制劑防病",
        "疏 花疏果", "ｓｈｕｇｕｏ", "pruning", "石硫合剂清园"));
  }

  private static Gen<Integer> futureDays() {
    return Generate.pick(List.of(1, 2, 30, 365, 3000)).mix(Generate.range(1, 400), 50);
  }

  /** Ids of the right shape that name nothing. */
  private static Gen<String> unknownIds() {
    return Generate.pick(List.of("unknown-1", "Z", "0190f3c2-0000-7000-8000-000000000000",
        "x.y_z-0", "9".repeat(64)));
  }

  /** Ids of the wrong shape: blank, spaced, too long, starting with a sign, non-ASCII. */
  private static Gen<String> badIds() {
    return Generate.pick(List.of("", " ", "a b", "-a", ".a", "a".repeat(65), "戶1", "a/b",
        "a\u0000", "a\n"));
  }

  private static Gen<String> hostileRequestKeys() {
    return Generate.pick(List.of("", " ", "key with spaces", "k".repeat(65), "鍵", "a\tb",
        "a\u0000b"));
  }

  /**
   * Hostile text for a field of at most {@code max} code points: blank, over-long, control and
   * invisible formatting characters, line separators, unpaired surrogates, non-characters.
   */
  static Gen<String> hostileTexts(int max) {
    Gen<String> fixed = Generate.pick(List.of("", " ", "\t\n", "\u3000", "\u2003\u00A0",
        "疏果\u0000留穗", "疏果\u0007", "\u202E疏花疏果", "疏\u200B花", "疏花\uD800",
        "\uDC00疏花", "疏花\uFFFF", "疏花\u2028疏果", "疏\u2029花", "\u0085", "疏\uFDD0花",
        "\uFEFF疏花", "疏花\u001B[31m"));
    Gen<String> overLong = Generate.range(max + 1, max + 20).zip(
        Generate.pick(List.of("疏", "a", "🍇", "e\u0301", "田")), (n, c) -> c.repeat(n));
    Gen<String> paddedOverLong = Generate.range(max + 1, max + 5).map(n ->
        "\u3000 " + "花".repeat(n) + " \t");
    return Generate.frequency(List.of(Pair.of(3, fixed), Pair.of(2, overLong),
        Pair.of(1, paddedOverLong)));
  }
}
