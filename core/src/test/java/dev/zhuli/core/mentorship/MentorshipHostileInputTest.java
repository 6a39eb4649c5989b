package dev.zhuli.core.mentorship;

import static dev.zhuli.core.HostileChecks.assertNotEchoed;
import static dev.zhuli.core.TestTexts.show;
import static dev.zhuli.core.mentorship.MentorshipGenerators.UNKNOWN_ID_VALUES;
import static dev.zhuli.core.mentorship.MentorshipGenerators.badIds;
import static dev.zhuli.core.mentorship.MentorshipGenerators.hostilePhones;
import static dev.zhuli.core.mentorship.MentorshipGenerators.hostileRequestKeys;
import static dev.zhuli.core.mentorship.MentorshipGenerators.hostileTargets;
import static dev.zhuli.core.mentorship.MentorshipGenerators.hostileTexts;
import static dev.zhuli.core.mentorship.MentorshipGenerators.hostileWeeks;
import static dev.zhuli.core.mentorship.MentorshipGenerators.limitsOutOfRange;
import static dev.zhuli.core.mentorship.MentorshipGenerators.oneOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.zhuli.core.AccessDeniedException;
import dev.zhuli.core.Actor;
import dev.zhuli.core.HostileChecks.Expected;
import dev.zhuli.core.HouseholdId;
import dev.zhuli.core.MemberId;
import dev.zhuli.core.NotFoundException;
import dev.zhuli.core.ProgramId;
import dev.zhuli.core.RuleViolationException;
import dev.zhuli.core.TreeId;
import dev.zhuli.core.ValidationException;
import dev.zhuli.core.VillageId;
import dev.zhuli.core.ZhuliException;
import dev.zhuli.core.access.Action;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Every mentorship command, fed hostile input: null, blank, over-long and malformed text,
 * malformed phones, ids of the wrong shape, unknown ids and ids of another kind, policy numbers
 * out of range and a minimum above the maximum, practice weeks out of order, yield targets not
 * above zero, too large or with more than two decimals, hostile request keys, a null actor and
 * actors without the right, and requests the rules refuse. Each attempt must fail with the
 * {@link ZhuliException} that names the field, rule, kind or action, must not echo the personal
 * text it was given, and must leave every record byte for byte as it was and send nothing.
 *
 * <p>The world: the grape program (at most 3 households per tree, 1 to 2 growers each) with
 * professor A's tree, whose demonstration household d0 guides g0 and g1 (full) and d1 guides
 * g2; a free household f0; a household o0 of the apple program only.
 */
class MentorshipHostileInputTest {
  private static final long SEED = 0x5EED_2026_0302L;
  private static final int EXAMPLES = 100;

  private MentorshipFixtures w;
  private Mentorship m;
  private Program grapes;
  private TreeId tree;
  private HouseholdId d0;
  private HouseholdId d1;
  private HouseholdId g0;
  private HouseholdId f0;
  private HouseholdId o0;
  private Map<String, String> lastSnapshot;

  @BeforeEach
  void setUp() {
    w = MentorshipFixtures.nangou();
    m = w.mentorship;
    grapes = w.grapes(ProgramPolicy.of(3, 1, 2));
    tree = m.addExpert(w.owner(), grapes.id(), w.professorA.id(), null).id();
    List<HouseholdId> hs = w.households(grapes, "戶", 6);
    d0 = hs.get(0);
    d1 = hs.get(1);
    g0 = hs.get(2);
    f0 = hs.get(5);
    m.appoint(w.owner(), tree, d0, null);
    m.appoint(w.owner(), tree, d1, null);
    m.assign(w.owner(), grapes.id(), g0, d0, null);
    m.assign(w.owner(), grapes.id(), hs.get(3), d0, null);
    m.assign(w.owner(), grapes.id(), hs.get(4), d1, null);
    o0 = w.households(w.apples(ProgramPolicy.defaults()), "外", 1).get(0);
    w.drainAll();
  }

  @AfterEach
  void tearDown() {
    w.close();
  }

  // ---- programs ---------------------------------------------------------------------------

  @Test
  void createProgramRefusesHostileInputAndChangesNothing() {
    Actor coordinator = Actor.member(w.coordinator.id());
    check(oneOf(
        texts(64, t -> attempt("program name " + show(t),
            () -> m.createProgram(coordinator, program().name(t).build()),
            Expected.invalid("program.name"), t)),
        texts(32, t -> attempt("crop " + show(t),
            () -> m.createProgram(coordinator, program().crop(t).build()),
            Expected.invalid("program.crop"), t)),
        texts(32, t -> attempt("season " + show(t),
            () -> m.createProgram(coordinator, program().season(t).build()),
            Expected.invalid("program.season"), t)),
        texts(Practice.MAX_NAME, t -> attempt("practice name " + show(t),
            () -> m.createProgram(coordinator, program().addPlan(Practice.of(t, 10, 11))
                .build()), Expected.invalid("practice.name"), t)),
        hostileWeeks().map(p -> attempt("practice weeks " + Arrays.toString(p._1),
            () -> m.createProgram(coordinator, program()
                .addPlan(Practice.of("疏花疏果", p._1[0], p._1[1])).build()),
            Expected.invalid(p._2))),
        Generate.constant(attempt("101 practices", () -> {
          NewProgram.Builder b = program();
          for (int i = 0; i < 101; i++) {
            b.addPlan(Practice.of("巡園" + i, 1 + i % 53, 53));
          }
          m.createProgram(coordinator, b.build());
        }, Expected.invalid("program.plan"))),
        hostileTargets().map(t -> attempt("yield target " + t.toPlainString(),
            () -> m.createProgram(coordinator, program().yieldTarget(t).build()),
            Expected.invalid("program.yieldTarget"))),
        policies("createProgram", policy -> () -> m.createProgram(coordinator,
            program().policy(policy.get()).build())),
        hostileRequestKeys().map(k -> attempt("request key " + show(k),
            () -> m.createProgram(coordinator, program().requestKey(k).build()),
            Expected.invalid("requestKey")))));
    checkAll(List.of(
        attempt("no input", () -> m.createProgram(coordinator, null),
            Expected.invalid("program")),
        attempt("no name", () -> m.createProgram(coordinator, program().name(null).build()),
            Expected.invalid("program.name")),
        attempt("no village", () -> m.createProgram(coordinator,
            program().village(null).build()), Expected.invalid("program.village")),
        attempt("no target", () -> m.createProgram(coordinator,
            program().yieldTarget(null).build()), Expected.invalid("program.yieldTarget")),
        attempt("no owner", () -> m.createProgram(coordinator,
            program().owner(null).build()), Expected.invalid("program.owner")),
        attempt("a null practice", () -> m.createProgram(coordinator,
            program().addPlan((Practice) null).build()),
            Expected.invalid("program.plan[1]")),
        attempt("no actor", () -> m.createProgram(null, program().build()),
            Expected.invalid("actor")),
        attempt("unknown village", () -> m.createProgram(coordinator,
            program().village(VillageId.of("unknown-1")).build()),
            Expected.notFound("village")),
        attempt("a household's id as village", () -> m.createProgram(coordinator,
            program().village(VillageId.of(d0.value())).build()),
            Expected.notFound("village")),
        attempt("unknown owner", () -> m.createProgram(coordinator,
            program().owner(MemberId.of("unknown-1")).build()),
            Expected.notFound("member")),
        attempt("an owner of another county's group", () -> m.createProgram(coordinator,
            program().owner(w.outsider.id()).build()),
            Expected.rule("program-owner-in-group")),
        attempt("by the owner, not the coordinator", () -> m.createProgram(w.owner(),
            program().build()), Expected.denied(Action.CREATE_PROGRAM)),
        attempt("by an expert", () -> m.createProgram(Actor.member(w.professorA.id()),
            program().build()), Expected.denied(Action.CREATE_PROGRAM)),
        attempt("by another county's administrator", () -> m.createProgram(
            w.otherCountyAdmin, program().build()), Expected.denied(Action.CREATE_PROGRAM)),
        attempt("by a household", () -> m.createProgram(Actor.household(d0),
            program().build()), Expected.denied(Action.CREATE_PROGRAM))));
  }

  @Test
  void changePolicyAndAddExpertRefuseHostileInputAndChangeNothing() {
    ProgramId p = grapes.id();
    ProgramPolicy ok = ProgramPolicy.of(5, 1, 5);
    check(oneOf(
        policies("changePolicy", policy -> () -> m.changePolicy(w.owner(), p, policy.get(),
            null)),
        badIds().map(v -> attempt("policy of program id " + show(v),
            () -> m.changePolicy(w.owner(), ProgramId.of(v), ok, null),
            Expected.invalid("programId"))),
        unknownIds(v -> attempt("policy of unknown program " + v,
            () -> m.changePolicy(w.owner(), ProgramId.of(v), ok, null),
            Expected.notFound("program"))),
        badIds().map(v -> attempt("expert id " + show(v),
            () -> m.addExpert(w.owner(), p, MemberId.of(v), null), Expected.invalid("memberId"))),
        unknownIds(v -> attempt("unknown expert " + v,
            () -> m.addExpert(w.owner(), p, MemberId.of(v), null), Expected.notFound("member"))),
        hostileRequestKeys().map(k -> attempt("policy request key " + show(k),
            () -> m.changePolicy(w.owner(), p, ok, k), Expected.invalid("requestKey"))),
        hostileRequestKeys().map(k -> attempt("expert request key " + show(k),
            () -> m.addExpert(w.owner(), p, w.professorB.id(), k),
            Expected.invalid("requestKey")))));
    checkAll(List.of(
        attempt("no program", () -> m.changePolicy(w.owner(), null, ok, null),
            Expected.invalid("program")),
        attempt("no policy", () -> m.changePolicy(w.owner(), p, null, null),
            Expected.invalid("policy")),
        attempt("no actor", () -> m.changePolicy(null, p, ok, null),
            Expected.invalid("actor")),
        attempt("maxGrowers below a full household", () -> m.changePolicy(w.owner(), p,
            ProgramPolicy.of(3, 1, 1), null), Expected.rule("policy-below-current")),
        attempt("maxHouseholds below the tree", () -> m.changePolicy(w.owner(), p,
            ProgramPolicy.of(1, 1, 2), null), Expected.rule("policy-below-current")),
        attempt("policy by the coordinator", () -> m.changePolicy(
            Actor.member(w.coordinator.id()), p, ok, null),
            Expected.denied(Action.MANAGE_PROGRAM)),
        attempt("policy by the tree's expert", () -> m.changePolicy(
            Actor.member(w.professorA.id()), p, ok, null),
            Expected.denied(Action.MANAGE_PROGRAM)),
        attempt("policy by a household", () -> m.changePolicy(Actor.household(d0), p, ok,
            null), Expected.denied(Action.MANAGE_PROGRAM)),
        attempt("policy by another county's administrator", () -> m.changePolicy(
            w.otherCountyAdmin, p, ok, null), Expected.denied(Action.MANAGE_PROGRAM)),
        attempt("no expert", () -> m.addExpert(w.owner(), p, null, null),
            Expected.invalid("expert")),
        attempt("expert for no program", () -> m.addExpert(w.owner(), null,
            w.professorB.id(), null), Expected.invalid("program")),
        attempt("expert of another county's group", () -> m.addExpert(w.owner(), p,
            w.outsider.id(), null), Expected.rule("expert-in-group")),
        attempt("a second tree for A", () -> m.addExpert(w.owner(), p, w.professorA.id(),
            null), Expected.rule("one-tree-per-expert")),
        attempt("expert added by an expert", () -> m.addExpert(
            Actor.member(w.professorA.id()), p, w.professorB.id(), null),
            Expected.denied(Action.MANAGE_PROGRAM)),
        attempt("expert added by the outsider", () -> m.addExpert(
            Actor.member(w.outsider.id()), p, w.professorB.id(), null),
            Expected.denied(Action.MANAGE_PROGRAM))));
  }

  // ---- households -------------------------------------------------------------------------

  @Test
  void registerHouseholdRefusesHostileInputAndChangesNothing() {
    ProgramId p = grapes.id();
    check(oneOf(
        texts(64, t -> attempt("head " + show(t),
            () -> m.registerHousehold(w.owner(), p, new NewHousehold.Builder().head(t).build()),
            Expected.invalid("household.head"), t)),
        hostilePhones().map(ph -> attempt("phone " + show(ph),
            () -> m.registerHousehold(w.owner(), p, new NewHousehold.Builder().head("王秀英")
                .phone(ph).build()), Expected.invalid("household.phone"), ph)),
        unknownIds(v -> attempt("unknown village " + v,
            () -> m.registerHousehold(w.owner(), p, new NewHousehold.Builder().head("王秀英")
                .village(VillageId.of(v)).build()), Expected.notFound("village"))),
        badIds().map(v -> attempt("household id " + show(v),
            () -> m.registerHousehold(w.owner(), p, HouseholdId.of(v), null),
            Expected.invalid("householdId"))),
        unknownIds(v -> attempt("unknown household " + v,
            () -> m.registerHousehold(w.owner(), p, HouseholdId.of(v), null),
            Expected.notFound("household"))),
        unknownIds(v -> attempt("register in unknown program " + v,
            () -> m.registerHousehold(w.owner(), ProgramId.of(v),
                new NewHousehold.Builder().head("王秀英").build()), Expected.notFound("program"))),
        hostileRequestKeys().map(k -> attempt("request key " + show(k),
            () -> m.registerHousehold(w.owner(), p, new NewHousehold.Builder().head("王秀英")
                .requestKey(k).build()), Expected.invalid("requestKey")))));
    checkAll(List.of(
        attempt("no input", () -> m.registerHousehold(w.owner(), p, (NewHousehold) null),
            Expected.invalid("household")),
        attempt("no head", () -> m.registerHousehold(w.owner(), p,
            new NewHousehold.Builder().head(null).build()), Expected.invalid("household.head")),
        attempt("no program", () -> m.registerHousehold(w.owner(), null,
            new NewHousehold.Builder().head("王秀英").build()), Expected.invalid("program")),
        attempt("no household", () -> m.registerHousehold(w.owner(), p, (HouseholdId) null,
            null), Expected.invalid("household")),
        attempt("no actor", () -> m.registerHousehold(null, p, o0, null),
            Expected.invalid("actor")),
        attempt("a member's id as household", () -> m.registerHousehold(w.owner(), p,
            HouseholdId.of(w.secretary.id().value()), null), Expected.notFound("household")),
        attempt("registered twice", () -> m.registerHousehold(w.owner(), p, d1, null),
            Expected.rule("registered-once")),
        attempt("registered by the tree's expert", () -> m.registerHousehold(
            Actor.member(w.professorA.id()), p, o0, null),
            Expected.denied(Action.MANAGE_PROGRAM)),
        attempt("registered by the household itself", () -> m.registerHousehold(
            Actor.household(o0), p, o0, null), Expected.denied(Action.MANAGE_PROGRAM)),
        attempt("registered by another county's administrator", () -> m.registerHousehold(
            w.otherCountyAdmin, p, new NewHousehold.Builder().head("王秀英").build()),
            Expected.denied(Action.MANAGE_PROGRAM))));
  }

  @Test
  void eraseHouseholdRefusesHostileInputAndChangesNothing() {
    check(oneOf(
        badIds().map(v -> attempt("household id " + show(v),
            () -> m.eraseHousehold(w.system, HouseholdId.of(v), null),
            Expected.invalid("householdId"))),
        unknownIds(v -> attempt("unknown household " + v,
            () -> m.eraseHousehold(w.system, HouseholdId.of(v), null),
            Expected.notFound("household"))),
        hostileRequestKeys().map(k -> attempt("request key " + show(k),
            () -> m.eraseHousehold(w.system, f0, k), Expected.invalid("requestKey")))));
    checkAll(List.of(
        attempt("no household", () -> m.eraseHousehold(w.system, null, null),
            Expected.invalid("household")),
        attempt("no actor", () -> m.eraseHousehold(null, f0, null),
            Expected.invalid("actor")),
        attempt("by the owner", () -> m.eraseHousehold(w.owner(), f0, null),
            Expected.denied(Action.ERASE_HOUSEHOLD)),
        attempt("by the household", () -> m.eraseHousehold(Actor.household(f0), f0, null),
            Expected.denied(Action.ERASE_HOUSEHOLD)),
        attempt("by another county's administrator", () -> m.eraseHousehold(
            w.otherCountyAdmin, f0, null), Expected.denied(Action.ERASE_HOUSEHOLD))));
  }

  // ---- demonstration households and growers -----------------------------------------------

  @Test
  void appointAndRemoveRefuseHostileInputAndChangeNothing() {
    Actor expert = Actor.member(w.professorA.id());
    check(oneOf(
        badIds().map(v -> attempt("appoint to tree id " + show(v),
            () -> m.appoint(expert, TreeId.of(v), f0, null), Expected.invalid("treeId"))),
        badIds().map(v -> attempt("appoint household id " + show(v),
            () -> m.appoint(expert, tree, HouseholdId.of(v), null),
            Expected.invalid("householdId"))),
        unknownIds(v -> attempt("appoint to unknown tree " + v,
            () -> m.appoint(expert, TreeId.of(v), f0, null), Expected.notFound("tree"))),
        unknownIds(v -> attempt("appoint unknown household " + v,
            () -> m.appoint(expert, tree, HouseholdId.of(v), null),
            Expected.notFound("household"))),
        unknownIds(v -> attempt("remove from unknown tree " + v,
            () -> m.removeDemoHousehold(expert, TreeId.of(v), d1, null, null),
            Expected.notFound("tree"))),
        unknownIds(v -> attempt("remove, growers to unknown household " + v,
            () -> m.removeDemoHousehold(expert, tree, d0, HouseholdId.of(v), null),
            Expected.notFound("household"))),
        hostileRequestKeys().map(k -> attempt("appoint request key " + show(k),
            () -> m.appoint(expert, tree, f0, k), Expected.invalid("requestKey"))),
        hostileRequestKeys().map(k -> attempt("remove request key " + show(k),
            () -> m.removeDemoHousehold(expert, tree, d1, null, k),
            Expected.invalid("requestKey")))));
    checkAll(List.of(
        attempt("appoint to no tree", () -> m.appoint(expert, null, f0, null),
            Expected.invalid("tree")),
        attempt("appoint no household", () -> m.appoint(expert, tree, null, null),
            Expected.invalid("household")),
        attempt("appoint with no actor", () -> m.appoint(null, tree, f0, null),
            Expected.invalid("actor")),
        attempt("appoint a household of another program", () -> m.appoint(expert, tree, o0,
            null), Expected.rule("registered-in-program")),
        attempt("appoint a tree's id as household", () -> m.appoint(expert, tree,
            HouseholdId.of(tree.value()), null), Expected.notFound("household")),
        attempt("appoint a program's id as tree", () -> m.appoint(expert,
            TreeId.of(grapes.id().value()), f0, null), Expected.notFound("tree")),
        attempt("appoint twice", () -> m.appoint(expert, tree, d1, null),
            Expected.rule("appointed-once")),
        attempt("appoint a grower", () -> m.appoint(expert, tree, g0, null),
            Expected.rule("demonstration-not-grower")),
        attempt("appoint by the coordinator", () -> m.appoint(
            Actor.member(w.coordinator.id()), tree, f0, null),
            Expected.denied(Action.APPOINT_HOUSEHOLD)),
        attempt("appoint by another expert", () -> m.appoint(
            Actor.member(w.professorB.id()), tree, f0, null),
            Expected.denied(Action.APPOINT_HOUSEHOLD)),
        attempt("appoint by the household itself", () -> m.appoint(Actor.household(f0),
            tree, f0, null), Expected.denied(Action.APPOINT_HOUSEHOLD)),
        attempt("appoint by a demonstration household", () -> m.appoint(
            Actor.household(d0), tree, f0, null), Expected.denied(Action.APPOINT_HOUSEHOLD)),
        attempt("remove from no tree", () -> m.removeDemoHousehold(expert, null, d1, null,
            null), Expected.invalid("tree")),
        attempt("remove no household", () -> m.removeDemoHousehold(expert, tree, null, null,
            null), Expected.invalid("household")),
        attempt("remove, growers to itself", () -> m.removeDemoHousehold(expert, tree, d0,
            d0, null), Expected.invalid("moveGrowersTo")),
        attempt("remove with growers and no target", () -> m.removeDemoHousehold(expert,
            tree, d0, null, null), Expected.rule("household-has-growers")),
        attempt("remove, growers to a grower", () -> m.removeDemoHousehold(expert, tree, d0,
            f0, null), Expected.rule("demonstration-household")),
        attempt("remove, growers to a household of another program", () ->
            m.removeDemoHousehold(expert, tree, d0, o0, null),
            Expected.rule("registered-in-program")),
        attempt("remove, growers to a household too small", () -> m.removeDemoHousehold(
            expert, tree, d0, d1, null), Expected.rule("household-full")),
        attempt("remove a grower", () -> m.removeDemoHousehold(expert, tree, g0, null,
            null), Expected.rule("demonstration-of-tree")),
        attempt("remove by another expert", () -> m.removeDemoHousehold(
            Actor.member(w.professorB.id()), tree, d1, null, null),
            Expected.denied(Action.APPOINT_HOUSEHOLD)),
        attempt("remove by the household itself", () -> m.removeDemoHousehold(
            Actor.household(d1), tree, d1, null, null),
            Expected.denied(Action.APPOINT_HOUSEHOLD)),
        attempt("remove by another county's administrator", () -> m.removeDemoHousehold(
            w.otherCountyAdmin, tree, d1, null, null),
            Expected.denied(Action.APPOINT_HOUSEHOLD))));
  }

  @Test
  void assignMoveAndUnassignRefuseHostileInputAndChangeNothing() {
    ProgramId p = grapes.id();
    Actor expert = Actor.member(w.professorA.id());
    check(oneOf(
        texts(MentorshipService.MAX_REASON, t -> attempt("move reason " + show(t),
            () -> m.move(expert, p, g0, d1, t, null), Expected.invalid("reason"), t)),
        texts(MentorshipService.MAX_REASON, t -> attempt("unassign reason " + show(t),
            () -> m.unassign(expert, p, g0, t, null), Expected.invalid("reason"), t)),
        badIds().map(v -> attempt("assign grower id " + show(v),
            () -> m.assign(expert, p, HouseholdId.of(v), d1, null),
            Expected.invalid("householdId"))),
        badIds().map(v -> attempt("assign program id " + show(v),
            () -> m.assign(expert, ProgramId.of(v), f0, d1, null),
            Expected.invalid("programId"))),
        unknownIds(v -> attempt("assign unknown grower " + v,
            () -> m.assign(expert, p, HouseholdId.of(v), d1, null),
            Expected.notFound("household"))),
        unknownIds(v -> attempt("assign to unknown household " + v,
            () -> m.assign(expert, p, f0, HouseholdId.of(v), null),
            Expected.notFound("household"))),
        unknownIds(v -> attempt("assign in unknown program " + v,
            () -> m.assign(expert, ProgramId.of(v), f0, d1, null),
            Expected.notFound("program"))),
        unknownIds(v -> attempt("move to unknown household " + v,
            () -> m.move(expert, p, g0, HouseholdId.of(v), "換人", null),
            Expected.notFound("household"))),
        unknownIds(v -> attempt("unassign unknown grower " + v,
            () -> m.unassign(expert, p, HouseholdId.of(v), "換人", null),
            Expected.notFound("household"))),
        hostileRequestKeys().map(k -> attempt("assign request key " + show(k),
            () -> m.assign(expert, p, f0, d1, k), Expected.invalid("requestKey"))),
        hostileRequestKeys().map(k -> attempt("move request key " + show(k),
            () -> m.move(expert, p, g0, d1, "換人", k), Expected.invalid("requestKey"))),
        hostileRequestKeys().map(k -> attempt("unassign request key " + show(k),
            () -> m.unassign(expert, p, g0, "換人", k), Expected.invalid("requestKey")))));
    checkAll(List.of(
        attempt("assign in no program", () -> m.assign(expert, null, f0, d1, null),
            Expected.invalid("program")),
        attempt("assign no grower", () -> m.assign(expert, p, null, d1, null),
            Expected.invalid("grower")),
        attempt("assign to no household", () -> m.assign(expert, p, f0, null, null),
            Expected.invalid("household")),
        attempt("assign with no actor", () -> m.assign(null, p, f0, d1, null),
            Expected.invalid("actor")),
        attempt("assign a household to itself", () -> m.assign(expert, p, d1, d1, null),
            Expected.invalid("grower")),
        attempt("assign to a full household", () -> m.assign(expert, p, f0, d0, null),
            Expected.rule("household-full")),
        attempt("assign to a grower", () -> m.assign(expert, p, f0, g0, null),
            Expected.rule("demonstration-household")),
        attempt("assign a demonstration household", () -> m.assign(expert, p, d0, d1,
            null), Expected.rule("demonstration-not-grower")),
        attempt("assign an assigned grower", () -> m.assign(expert, p, g0, d1, null),
            Expected.rule("one-household-per-program")),
        attempt("assign a household of another program", () -> m.assign(expert, p, o0, d1,
            null), Expected.rule("registered-in-program")),
        attempt("assign by the head of another household", () -> m.assign(
            Actor.household(d0), p, f0, d1, null), Expected.denied(Action.ASSIGN_GROWER)),
        attempt("assign by the grower itself", () -> m.assign(Actor.household(f0), p, f0,
            d1, null), Expected.denied(Action.ASSIGN_GROWER)),
        attempt("assign by another expert", () -> m.assign(Actor.member(w.professorB.id()),
            p, f0, d1, null), Expected.denied(Action.ASSIGN_GROWER)),
        attempt("assign by the coordinator", () -> m.assign(
            Actor.member(w.coordinator.id()), p, f0, d1, null),
            Expected.denied(Action.ASSIGN_GROWER)),
        attempt("move with no reason", () -> m.move(expert, p, g0, d1, null, null),
            Expected.invalid("reason")),
        attempt("move to no household", () -> m.move(expert, p, g0, null, "換人", null),
            Expected.invalid("to")),
        attempt("move an unassigned grower", () -> m.move(expert, p, f0, d1, "換人", null),
            Expected.rule("grower-assigned")),
        attempt("move to where it is", () -> m.move(expert, p, g0, d0, "換人", null),
            Expected.rule("move-elsewhere")),
        attempt("move to a grower", () -> m.move(expert, p, g0, f0, "換人", null),
            Expected.rule("demonstration-household")),
        attempt("move by its household's head", () -> m.move(Actor.household(d0), p, g0,
            d1, "換人", null), Expected.denied(Action.ASSIGN_GROWER)),
        attempt("move by another expert", () -> m.move(Actor.member(w.professorB.id()), p,
            g0, d1, "換人", null), Expected.denied(Action.ASSIGN_GROWER)),
        attempt("unassign with no reason", () -> m.unassign(expert, p, g0, " ", null),
            Expected.invalid("reason")),
        attempt("unassign no grower", () -> m.unassign(expert, p, null, "換人", null),
            Expected.invalid("grower")),
        attempt("unassign an unassigned grower", () -> m.unassign(expert, p, f0, "換人",
            null), Expected.rule("grower-assigned")),
        attempt("unassign by the head of another household", () -> m.unassign(
            Actor.household(d1), p, g0, "換人", null), Expected.denied(Action.ASSIGN_GROWER)),
        attempt("unassign by another county's administrator", () -> m.unassign(
            w.otherCountyAdmin, p, g0, "換人", null),
            Expected.denied(Action.ASSIGN_GROWER))));
  }

  // ---- checking ---------------------------------------------------------------------------

  /** Each of the attempts, once. */
  private void checkAll(List<Attempt> attempts) {
    attempts.forEach(this::check);
  }

  private void check(Gen<Attempt> attempts) {
    qt().withFixedSeed(SEED).withExamples(EXAMPLES).withShrinkCycles(30).forAll(attempts)
        .checkAssert(this::check);
  }

  private void check(Attempt a) {
    // Refused attempts change nothing, so the last example's "after" is this one's "before";
    // it is only reused when that example passed.
    Map<String, String> before = lastSnapshot != null ? lastSnapshot : w.snapshot();
    lastSnapshot = null;

    Throwable thrown = catchThrowable(a.call());

    Expected x = a.expected();
    assertThat(thrown).as(a.label()).isInstanceOf(x.type());
    ZhuliException e = (ZhuliException) thrown;
    assertThat(e.code()).as(a.label() + ": " + e.getMessage()).isEqualTo(x.code());
    assertThat(detailOf(e)).as(a.label() + ": " + e.getMessage()).isEqualTo(x.detail());
    for (String text : a.texts()) {
      assertNotEchoed(a.label(), e.getMessage(), text);
    }
    assertThat(w.drainAll()).as(a.label() + ": a refused command sends nothing").isEmpty();
    Map<String, String> after = w.snapshot();
    assertThat(after).as(a.label() + ": nothing changed").isEqualTo(before);
    lastSnapshot = after;
  }

  private static String detailOf(ZhuliException e) {
    if (e instanceof ValidationException) {
      return ((ValidationException) e).field();
    } else if (e instanceof RuleViolationException) {
      return ((RuleViolationException) e).rule();
    } else if (e instanceof NotFoundException) {
      return ((NotFoundException) e).kind();
    } else if (e instanceof AccessDeniedException) {
      return ((AccessDeniedException) e).action();
    }
    return e.code().name();
  }

  /** One hostile call, what it must fail with, and the personal texts it must not echo. */
  record Attempt(String label, ThrowingCallable call, Expected expected, List<String> texts) {
    @Override
    public String toString() {
      return label + " ⇒ " + expected;
    }
  }

  private static Attempt attempt(String label, ThrowingCallable call, Expected expected,
      String... personal) {
    List<String> texts = new ArrayList<>();
    for (String p : personal) {
      if (p != null) {
        texts.add(p);
      }
    }
    return new Attempt(label, call, expected, texts);
  }

  private static Gen<Attempt> texts(int max, Function<String, Attempt> attempt) {
    return hostileTexts(max).map(attempt::apply);
  }

  private Gen<Attempt> unknownIds(Function<String, Attempt> attempt) {
    return Generate.pick(UNKNOWN_ID_VALUES).map(attempt::apply);
  }

  /**
   * Commands given policies that {@link ProgramPolicy#of} refuses, naming the number out of
   * range: the policy is made in the call, so the command never starts.
   */
  private static Gen<Attempt> policies(String command,
      Function<Supplier<ProgramPolicy>, ThrowingCallable> with) {
    Gen<Attempt> households = limitsOutOfRange().map(n -> attempt(command + " maxHouseholds "
        + n, with.apply(() -> ProgramPolicy.of(n, 1, 2)),
        Expected.invalid("policy.maxHouseholds")));
    Gen<Attempt> maxGrowers = limitsOutOfRange().map(n -> attempt(command + " maxGrowers " + n,
        with.apply(() -> ProgramPolicy.of(3, 1, n)), Expected.invalid("policy.maxGrowers")));
    Gen<Attempt> minGrowers = limitsOutOfRange().map(n -> attempt(command + " minGrowers " + n,
        with.apply(() -> ProgramPolicy.of(3, n, 20)), Expected.invalid("policy.minGrowers")));
    Gen<Attempt> minAboveMax = integers().between(2, ProgramPolicy.MAX_LIMIT).map(max ->
        attempt(command + " minGrowers above maxGrowers " + max,
            with.apply(() -> ProgramPolicy.of(3, max, max - 1)),
            Expected.invalid("policy.minGrowers")));
    return oneOf(households, maxGrowers, minGrowers, minAboveMax);
  }

  /** A program as valid as can be, for one attempt to spoil. */
  private NewProgram.Builder program() {
    NewProgram.Builder b = new NewProgram.Builder();
    b.name("南溝葡萄二期").village(w.nangou.id()).crop("陽光玫瑰葡萄").season("2027")
        .addPlan(Practice.of("石硫合劑清園", 10, 11)).yieldTarget(new BigDecimal("2250.5"))
        .owner(w.secretary.id());
    return b;
  }

}
