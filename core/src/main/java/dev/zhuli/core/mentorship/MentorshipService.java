package dev.zhuli.core.mentorship;

import static dev.zhuli.core.mentorship.MentorshipRecords.DEMONSTRATION;
import static dev.zhuli.core.mentorship.MentorshipRecords.GROWER;
import static dev.zhuli.core.mentorship.MentorshipRecords.HOUSEHOLD;
import static dev.zhuli.core.mentorship.MentorshipRecords.PARTICIPANT;
import static dev.zhuli.core.mentorship.MentorshipRecords.PROGRAM;
import static dev.zhuli.core.mentorship.MentorshipRecords.TREE;

import dev.zhuli.core.Actor;
import dev.zhuli.core.GroupId;
import dev.zhuli.core.HouseholdId;
import dev.zhuli.core.MemberId;
import dev.zhuli.core.ProgramId;
import dev.zhuli.core.RuleViolationException;
import dev.zhuli.core.TreeId;
import dev.zhuli.core.ValidationException;
import dev.zhuli.core.VillageId;
import dev.zhuli.core.access.AccessRequest;
import dev.zhuli.core.access.Action;
import dev.zhuli.core.access.Role;
import dev.zhuli.core.mentorship.MentorshipRecords.HouseholdRecord;
import dev.zhuli.core.mentorship.MentorshipRecords.MoveRecord;
import dev.zhuli.core.mentorship.MentorshipRecords.ParticipantRecord;
import dev.zhuli.core.mentorship.MentorshipRecords.PracticeRecord;
import dev.zhuli.core.mentorship.MentorshipRecords.ProgramRecord;
import dev.zhuli.core.mentorship.MentorshipRecords.TreeRecord;
import dev.zhuli.core.roster.HelpGroup;
import dev.zhuli.core.roster.Member;
import dev.zhuli.core.roster.RosterFacts;
import dev.zhuli.core.roster.Village;
import dev.zhuli.core.store.Checks;
import dev.zhuli.core.store.CommandRunner;
import dev.zhuli.core.store.Session;
import dev.zhuli.core.store.Sortable;
import dev.zhuli.core.store.Times;
import dev.zhuli.core.store.Versioned;
import dev.zhuli.spi.storage.IndexEntry;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/** Mentorship's commands and queries over the command runner. */
final class MentorshipService implements Mentorship {
  static final int MAX_NAME = 64;
  static final int MAX_LABEL = 32;
  static final int MAX_PRACTICES = 100;
  static final int MAX_REASON = 500;
  static final String ERASED = "(erased)";
  /** The index of assigned growers by when their next inspection is due, until reminded. */
  static final String INSPECT_DUE = "inspectDue";
  private static final BigDecimal MAX_TARGET = new BigDecimal("100000");

  private final CommandRunner runner;
  private final MentorshipSettings settings;

  MentorshipService(CommandRunner runner, MentorshipSettings settings) {
    this.runner = runner;
    this.settings = settings;
  }

  // ---- programs -----------------------------------------------------------------------------

  @Override
  public Program createProgram(Actor actor, NewProgram input) {
    Checks.present("program", input);
    String name = Checks.text("program.name", input.name(), MAX_NAME);
    String village = Checks.present("program.village", input.village()).value();
    String crop = Checks.text("program.crop", input.crop(), MAX_LABEL);
    String season = Checks.text("program.season", input.season(), MAX_LABEL);
    List<PracticeRecord> plan = new ArrayList<>();
    int i = 0;
    for (Practice p : Checks.present("program.plan", input.plan())) {
      Checks.present("program.plan[" + i++ + "]", p);
      plan.add(new PracticeRecord(p.name(), p.fromWeek(), p.toWeek()));
    }
    if (plan.size() > MAX_PRACTICES) {
      throw new ValidationException("program.plan",
          "must have at most " + MAX_PRACTICES + " practices, had " + plan.size());
    }
    BigDecimal target = Checks.present("program.yieldTarget", input.yieldTarget());
    if (target.signum() <= 0 || target.compareTo(MAX_TARGET) >= 0
        || SupervisionService.decimals(target) > 2) {
      throw new ValidationException("program.yieldTarget",
          "must be above 0 and below 100000 kg per mu, with at most 2 decimals, was "
              + target.toPlainString());
    }
    String owner = Checks.present("program.owner", input.owner()).value();
    ProgramPolicy policy = input.policy().orElse(ProgramPolicy.defaults());
    return runner.run("mentorship.createProgram", actor, input.requestKey().orElse(null),
        Arrays.asList(name, village, crop, season, plan, target.toPlainString(), owner,
            policy.maxHouseholds(), policy.minGrowers(), policy.maxGrowers()),
        ProgramStamp.class, s -> newProgram(s, actor, name, village, crop, season, plan, target,
            owner, policy)).view();
  }

  @Override
  public Program promote(Actor actor, NewPromotion input) {
    Checks.present("promotion", input);
    String template = Checks.present("promotion.template", input.template()).value();
    String village = Checks.present("promotion.village", input.village()).value();
    String owner = Checks.present("promotion.owner", input.owner()).value();
    String name = Checks.text("promotion.name", input.name(), MAX_NAME);
    String season = Checks.optionalText("promotion.season", input.season().orElse(null),
        MAX_LABEL);
    return runner.run("mentorship.promote", actor, input.requestKey().orElse(null),
        Arrays.asList(template, village, owner, name, season), ProgramStamp.class, s -> {
          ProgramRecord t = s.require(PROGRAM, template, "program").value();
          return newProgram(s, actor, name, village, t.crop(),
              season == null ? t.season() : season, t.plan(), t.yieldTarget(), owner,
              ProgramPolicy.of(t.maxHouseholds(), t.minGrowers(), t.maxGrowers()));
        }).view();
  }

  private static ProgramStamp newProgram(Session s, Actor actor, String name, String village,
      String crop, String season, List<PracticeRecord> plan, BigDecimal target, String owner,
      ProgramPolicy policy) {
    Village v = RosterFacts.village(s, VillageId.of(village));
    HelpGroup group = RosterFacts.groupServing(s, v);
    Set<Role> roles = EnumSet.noneOf(Role.class);
    if (actor.member().isPresent() && group.coordinator().equals(actor.member())) {
      roles.add(Role.COORDINATOR);
    }
    s.authorize(request(Action.CREATE_PROGRAM, v, group, roles));
    activeMemberOf(s, MemberId.of(owner), group, "program-owner-in-group");
    String id = s.newId();
    ProgramRecord p = new ProgramRecord(id, name, village, group.id().value(), crop, season,
        List.copyOf(plan), target, owner, policy.maxHouseholds(), policy.minGrowers(),
        policy.maxGrowers(), Map.of(), List.of(), s.now().toString());
    long version = s.put(PROGRAM, id, p, 0, List.of(IndexEntry.of("village", village)));
    s.emit("mentorship.program.created", "program", id, version, p);
    return new ProgramStamp(p, version);
  }

  @Override
  public Program changePolicy(Actor actor, ProgramId programId, ProgramPolicy policy,
      String requestKey) {
    String pid = Checks.present("program", programId).value();
    ProgramPolicy next = Checks.present("policy", policy);
    return runner.run("mentorship.changePolicy", actor, requestKey,
        List.of(pid, next.maxHouseholds(), next.minGrowers(), next.maxGrowers()),
        ProgramStamp.class, s -> {
          Versioned<ProgramRecord> current = s.require(PROGRAM, pid, "program");
          ProgramRecord p = current.value();
          authorize(s, Action.MANAGE_PROGRAM, p, null, null);
          // read every tree and demonstration household, and write each back below: a
          // concurrent appointment or assignment writes one of them too, so one of the two
          // commands re-runs against the other's result
          List<Versioned<TreeRecord>> trees = new ArrayList<>();
          List<String> treesOver = new ArrayList<>();
          List<String> householdsOver = new ArrayList<>();
          List<Versioned<ParticipantRecord>> demos = new ArrayList<>();
          for (String treeId : p.treeOrder()) {
            Versioned<TreeRecord> t = s.require(TREE, treeId, "tree");
            trees.add(t);
            if (t.value().households().size() > next.maxHouseholds()) {
              treesOver.add("tree " + treeId + " (" + t.value().households().size() + ")");
            }
            for (String h : t.value().households()) {
              Versioned<ParticipantRecord> d = s.require(PARTICIPANT,
                  ParticipantRecord.id(pid, h), "participant");
              demos.add(d);
              if (d.value().growers().size() > next.maxGrowers()) {
                householdsOver.add("household " + h + " (" + d.value().growers().size() + ")");
              }
            }
          }
          if (!treesOver.isEmpty() || !householdsOver.isEmpty()) {
            List<String> over = new ArrayList<>(treesOver);
            over.addAll(householdsOver);
            throw new RuleViolationException("policy-below-current",
                "the new policy (" + next + ") is below what these hold now: "
                    + String.join(", ", over));
          }
          for (Versioned<TreeRecord> t : trees) {
            s.put(TREE, t.value().id(), t.value(), t.version(), treeIndex(t.value()));
          }
          for (Versioned<ParticipantRecord> d : demos) {
            s.put(PARTICIPANT, d.value().id(), d.value(), d.version(),
                participantIndex(d.value()));
          }
          ProgramRecord changed = p.withPolicy(next);
          long version = s.put(PROGRAM, pid, changed, current.version(),
              List.of(IndexEntry.of("village", p.village())));
          s.emit("mentorship.policy.changed", "program", pid, version, changed);
          return new ProgramStamp(changed, version);
        }).view();
  }

  @Override
  public MentorshipTree addExpert(Actor actor, ProgramId programId, MemberId expert,
      String requestKey) {
    String pid = Checks.present("program", programId).value();
    String eid = Checks.present("expert", expert).value();
    TreeStamp stamp = runner.run("mentorship.addExpert", actor, requestKey, List.of(pid, eid),
        TreeStamp.class, s -> {
          Versioned<ProgramRecord> current = s.require(PROGRAM, pid, "program");
          ProgramRecord p = current.value();
          authorize(s, Action.MANAGE_PROGRAM, p, null, null);
          HelpGroup group = RosterFacts.group(s, GroupId.of(p.group()));
          activeMemberOf(s, expert, group, "expert-in-group");
          if (p.trees().containsKey(eid)) {
            throw new RuleViolationException("one-tree-per-expert",
                "member " + eid + " has tree " + p.trees().get(eid) + " in program " + pid
                    + " already");
          }
          String id = s.newId();
          TreeRecord tree = new TreeRecord(id, pid, eid, List.of(), s.now().toString());
          long treeVersion = s.put(TREE, id, tree, 0, treeIndex(tree));
          Map<String, String> trees = new TreeMap<>(p.trees());
          trees.put(eid, id);
          List<String> order = new ArrayList<>(p.treeOrder());
          order.add(id);
          ProgramRecord changed = p.withTrees(trees, order);
          s.put(PROGRAM, pid, changed, current.version(),
              List.of(IndexEntry.of("village", p.village())));
          s.emit("mentorship.tree.created", "tree", id, treeVersion, tree);
          return new TreeStamp(tree, treeVersion, List.of(), p.minGrowers(), p.maxGrowers());
        });
    return stamp.view();
  }

  // ---- households ---------------------------------------------------------------------------

  @Override
  public Household registerHousehold(Actor actor, ProgramId programId, NewHousehold input) {
    String pid = Checks.present("program", programId).value();
    Checks.present("household", input);
    String head = Checks.text("household.head", input.head(), MAX_NAME);
    String phone = RosterFacts.checkPhone("household.phone", input.phone().orElse(null));
    String village = input.village().map(VillageId::value).orElse(null);
    return runner.run("mentorship.registerHousehold", actor, input.requestKey().orElse(null),
        Arrays.asList(pid, head, phone, village), HOUSEHOLD, HouseholdRecord::id, s -> {
          ProgramRecord p = s.require(PROGRAM, pid, "program").value();
          authorize(s, Action.MANAGE_PROGRAM, p, null, null);
          String at = p.village();
          if (village != null) {
            Village v = RosterFacts.village(s, VillageId.of(village));
            if (!RosterFacts.groupServing(s, v).id().value().equals(p.group())) {
              throw new RuleViolationException("household-in-county",
                  "village " + village + " is not served by the program's help group "
                      + p.group());
            }
            at = v.id().value();
          }
          String id = s.newId();
          HouseholdRecord h = new HouseholdRecord(id, at, head, phone, s.now().toString());
          long v = s.put(HOUSEHOLD, id, h, 0, List.of(IndexEntry.of("village", at)));
          s.emit("mentorship.household.added", "household", id, v, redacted(h));
          register(s, p, id);
          return h;
        }).view();
  }

  @Override
  public Household registerHousehold(Actor actor, ProgramId programId, HouseholdId household,
      String requestKey) {
    String pid = Checks.present("program", programId).value();
    String hid = Checks.present("household", household).value();
    return runner.run("mentorship.registerExisting", actor, requestKey, List.of(pid, hid),
        HOUSEHOLD, HouseholdRecord::id, s -> {
          ProgramRecord p = s.require(PROGRAM, pid, "program").value();
          authorize(s, Action.MANAGE_PROGRAM, p, null, null);
          HouseholdRecord h = s.require(HOUSEHOLD, hid, "household").value();
          if (s.get(PARTICIPANT, ParticipantRecord.id(pid, hid)).isPresent()) {
            throw new RuleViolationException("registered-once",
                "household " + hid + " is registered in program " + pid + " already");
          }
          register(s, p, hid);
          return h;
        }).view();
  }

  private static void register(Session s, ProgramRecord p, String household) {
    ParticipantRecord part = new ParticipantRecord(p.id(), household, GROWER, null, null,
        List.of(), List.of(new MoveRecord(s.now().toString(), null, null,
            s.actor().toString(), "registered")), s.now().toString(), null, null);
    long v = s.put(PARTICIPANT, part.id(), part, 0, participantIndex(part));
    s.emit("mentorship.household.registered", "participant", part.id(), v, part);
  }

  @Override
  public Household eraseHousehold(Actor actor, HouseholdId household, String requestKey) {
    String hid = Checks.present("household", household).value();
    return runner.run("mentorship.eraseHousehold", actor, requestKey, List.of(hid), HOUSEHOLD,
        HouseholdRecord::id, s -> {
          Versioned<HouseholdRecord> current = s.require(HOUSEHOLD, hid, "household");
          HouseholdRecord h = current.value();
          Village v = RosterFacts.village(s, VillageId.of(h.village()));
          s.authorize(AccessRequest.of(Action.ERASE_HOUSEHOLD, new ArrayList<>(v.path())));
          if (ERASED.equals(h.head()) && h.phone() == null) {
            return h;
          }
          HouseholdRecord erased = new HouseholdRecord(hid, h.village(), ERASED, null,
              h.createdAt());
          long version = s.put(HOUSEHOLD, hid, erased, current.version(),
              List.of(IndexEntry.of("village", h.village())));
          s.forgetRequestResults(HOUSEHOLD.kind(), hid);
          s.emit("mentorship.household.erased", "household", hid, version, erased);
          return erased;
        }).view();
  }

  // ---- demonstration households -------------------------------------------------------------

  @Override
  public DemoHousehold appoint(Actor actor, TreeId treeId, HouseholdId household,
      String requestKey) {
    String tid = Checks.present("tree", treeId).value();
    String hid = Checks.present("household", household).value();
    return runner.run("mentorship.appoint", actor, requestKey, List.of(tid, hid),
        DemoStamp.class, s -> {
          Versioned<TreeRecord> tree = s.require(TREE, tid, "tree");
          TreeRecord t = tree.value();
          ProgramRecord p = s.require(PROGRAM, t.program(), "program").value();
          authorize(s, Action.APPOINT_HOUSEHOLD, p, t, null);
          Versioned<ParticipantRecord> part = requireParticipant(s, p.id(), hid);
          ParticipantRecord h = part.value();
          if (h.demonstration()) {
            throw new RuleViolationException("appointed-once",
                "household " + hid + " is a demonstration household of tree " + h.tree()
                    + " already");
          }
          if (h.mentor() != null) {
            throw new RuleViolationException("demonstration-not-grower",
                "household " + hid + " is a grower of household " + h.mentor()
                    + "; unassign it first");
          }
          if (t.households().size() >= p.maxHouseholds()) {
            throw new RuleViolationException("tree-full",
                "tree " + tid + " holds " + t.households().size() + " of at most "
                    + p.maxHouseholds() + " demonstration households");
          }
          List<String> households = new ArrayList<>(t.households());
          households.add(hid);
          TreeRecord grown = new TreeRecord(t.id(), t.program(), t.expert(),
              List.copyOf(households), t.createdAt());
          long treeVersion = s.put(TREE, tid, grown, tree.version(), treeIndex(grown));
          ParticipantRecord demo = new ParticipantRecord(h.program(), hid, DEMONSTRATION, tid,
              null, List.of(), append(h.history(), s, null, null,
                  "appointed a demonstration household of tree " + tid), h.registeredAt(), null,
              null);
          long v = s.put(PARTICIPANT, demo.id(), demo, part.version(), participantIndex(demo));
          s.emit("mentorship.household.appointed", "participant", demo.id(), v, demo);
          s.emit("mentorship.tree.changed", "tree", tid, treeVersion, grown);
          s.notify("mentorship.household_appointed", List.of(t.expert(), hid),
              "mentorship.household_appointed", parameters(p, hid, 0, p.maxGrowers()),
              "tree", tid);
          return new DemoStamp(demo, p.minGrowers(), p.maxGrowers());
        }).view();
  }

  @Override
  public MentorshipTree removeDemoHousehold(Actor actor, TreeId treeId, HouseholdId household,
      HouseholdId moveGrowersTo, String requestKey) {
    String tid = Checks.present("tree", treeId).value();
    String hid = Checks.present("household", household).value();
    String target = moveGrowersTo == null ? null : moveGrowersTo.value();
    if (hid.equals(target)) {
      throw new ValidationException("moveGrowersTo", "must be another household");
    }
    return runner.run("mentorship.removeDemoHousehold", actor, requestKey,
        Arrays.asList(tid, hid, target), TreeStamp.class, s -> {
          Versioned<TreeRecord> tree = s.require(TREE, tid, "tree");
          TreeRecord t = tree.value();
          ProgramRecord p = s.require(PROGRAM, t.program(), "program").value();
          authorize(s, Action.APPOINT_HOUSEHOLD, p, t, null);
          if (!t.households().contains(hid)) {
            throw new RuleViolationException("demonstration-of-tree",
                "household " + hid + " is no demonstration household of tree " + tid);
          }
          Versioned<ParticipantRecord> part = requireParticipant(s, p.id(), hid);
          ParticipantRecord h = part.value();
          List<String> growers = h.growers();
          if (!growers.isEmpty() && target == null) {
            throw new RuleViolationException("household-has-growers",
                "household " + hid + " guides " + growers.size()
                    + " growers; move them first or name a household for all of them");
          }
          Versioned<ParticipantRecord> to = target == null ? null
              : requireDemonstration(s, p.id(), target);
          ProgramRecord now = policyAfterGuard(s, p);
          if (target != null && !growers.isEmpty()) {
            int after = to.value().growers().size() + growers.size();
            if (after > now.maxGrowers()) {
              throw new RuleViolationException("household-full",
                  "household " + target + " would guide " + after + " growers, above the"
                      + " policy's " + now.maxGrowers());
            }
            List<String> joined = new ArrayList<>(to.value().growers());
            for (String g : growers) {
              Versioned<ParticipantRecord> gv = requireParticipant(s, p.id(), g);
              ParticipantRecord moved = withMentor(s, gv.value(), target,
                  append(gv.value().history(), s, hid, target,
                      "its demonstration household was removed"));
              long mv = s.put(PARTICIPANT, moved.id(), moved, gv.version(),
                  participantIndex(moved));
              s.emit("mentorship.grower.moved", "participant", moved.id(), mv, moved);
              joined.add(g);
            }
            ParticipantRecord grown = withGrowers(to.value(), joined);
            long v = s.put(PARTICIPANT, grown.id(), grown, to.version(),
                participantIndex(grown));
            s.emit("mentorship.growers.moved", "participant", grown.id(), v, grown);
            TreeRecord targetTree = s.require(TREE, grown.tree(), "tree").value();
            s.notify("mentorship.grower_moved", List.of(target, hid), "mentorship.grower_moved",
                parameters(now, target, joined.size(), now.maxGrowers()), "participant",
                grown.id());
            staffingNotices(s, now, targetTree.expert(), grown.household(),
                to.value().growers().size(), joined.size());
          }
          List<String> households = new ArrayList<>(t.households());
          households.remove(hid);
          TreeRecord shrunk = new TreeRecord(t.id(), t.program(), t.expert(),
              List.copyOf(households), t.createdAt());
          long treeVersion = s.put(TREE, tid, shrunk, tree.version(), treeIndex(shrunk));
          ParticipantRecord plain = new ParticipantRecord(h.program(), hid, GROWER, null, null,
              List.of(), append(h.history(), s, null, null,
                  "removed as demonstration household of tree " + tid), h.registeredAt(), null,
              null);
          long v = s.put(PARTICIPANT, plain.id(), plain, part.version(),
              participantIndex(plain));
          s.emit("mentorship.household.removed", "participant", plain.id(), v, plain);
          s.emit("mentorship.tree.changed", "tree", tid, treeVersion, shrunk);
          return new TreeStamp(shrunk, treeVersion, demosOf(s, shrunk), now.minGrowers(),
              now.maxGrowers());
        }).view();
  }

  // ---- growers ------------------------------------------------------------------------------

  @Override
  public DemoHousehold assign(Actor actor, ProgramId programId, HouseholdId grower,
      HouseholdId household, String requestKey) {
    String pid = Checks.present("program", programId).value();
    String gid = Checks.present("grower", grower).value();
    String did = Checks.present("household", household).value();
    if (gid.equals(did)) {
      throw new ValidationException("grower", "must be another household than its mentor");
    }
    return runner.run("mentorship.assign", actor, requestKey, List.of(pid, gid, did),
        DemoStamp.class, s -> {
          ProgramRecord p = s.require(PROGRAM, pid, "program").value();
          Versioned<ParticipantRecord> demo = requireDemonstration(s, pid, did);
          TreeRecord t = s.require(TREE, demo.value().tree(), "tree").value();
          authorize(s, Action.ASSIGN_GROWER, p, t, did);
          Versioned<ParticipantRecord> g = requireParticipant(s, pid, gid);
          if (g.value().demonstration()) {
            throw new RuleViolationException("demonstration-not-grower",
                "household " + gid + " is a demonstration household of program " + pid);
          }
          if (g.value().mentor() != null) {
            throw new RuleViolationException("one-household-per-program",
                "grower " + gid + " is with household " + g.value().mentor()
                    + " in program " + pid + " already; move it instead");
          }
          return join(s, p, t, demo, g, null, null);
        }).view();
  }

  @Override
  public DemoHousehold move(Actor actor, ProgramId programId, HouseholdId grower,
      HouseholdId to, String reason, String requestKey) {
    String pid = Checks.present("program", programId).value();
    String gid = Checks.present("grower", grower).value();
    String did = Checks.present("to", to).value();
    String why = Checks.text("reason", reason, MAX_REASON);
    return runner.run("mentorship.move", actor, requestKey, List.of(pid, gid, did, why),
        DemoStamp.class, s -> {
          ProgramRecord p = s.require(PROGRAM, pid, "program").value();
          Versioned<ParticipantRecord> g = requireParticipant(s, pid, gid);
          String from = g.value().mentor();
          if (from == null) {
            throw new RuleViolationException("grower-assigned",
                "grower " + gid + " is with no household of program " + pid
                    + "; assign it instead");
          }
          Versioned<ParticipantRecord> source = requireDemonstration(s, pid, from);
          TreeRecord sourceTree = s.require(TREE, source.value().tree(), "tree").value();
          authorize(s, Action.ASSIGN_GROWER, p, sourceTree, null);
          if (from.equals(did)) {
            throw new RuleViolationException("move-elsewhere",
                "grower " + gid + " is with household " + did + " already");
          }
          Versioned<ParticipantRecord> target = requireDemonstration(s, pid, did);
          TreeRecord targetTree = s.require(TREE, target.value().tree(), "tree").value();
          ProgramRecord now = policyAfterGuard(s, p);
          leave(s, now, sourceTree, source, gid);
          return join(s, now, targetTree, target, g, from, why);
        }).view();
  }

  @Override
  public DemoHousehold unassign(Actor actor, ProgramId programId, HouseholdId grower,
      String reason, String requestKey) {
    String pid = Checks.present("program", programId).value();
    String gid = Checks.present("grower", grower).value();
    String why = Checks.text("reason", reason, MAX_REASON);
    return runner.run("mentorship.unassign", actor, requestKey, List.of(pid, gid, why),
        DemoStamp.class, s -> {
          ProgramRecord p = s.require(PROGRAM, pid, "program").value();
          Versioned<ParticipantRecord> g = requireParticipant(s, pid, gid);
          String from = g.value().mentor();
          if (from == null) {
            throw new RuleViolationException("grower-assigned",
                "grower " + gid + " is with no household of program " + pid);
          }
          Versioned<ParticipantRecord> source = requireDemonstration(s, pid, from);
          TreeRecord t = s.require(TREE, source.value().tree(), "tree").value();
          authorize(s, Action.ASSIGN_GROWER, p, t, from);
          ProgramRecord now = policyAfterGuard(s, p);
          ParticipantRecord left = leave(s, now, t, source, gid);
          ParticipantRecord alone = withMentor(s, g.value(), null,
              append(g.value().history(), s, from, null, why));
          long v = s.put(PARTICIPANT, alone.id(), alone, g.version(), participantIndex(alone));
          s.emit("mentorship.grower.unassigned", "participant", alone.id(), v, alone);
          return new DemoStamp(left, now.minGrowers(), now.maxGrowers());
        }).view();
  }

  /** The grower joins a demonstration household: both records written, with the notices. */
  private DemoStamp join(Session s, ProgramRecord read, TreeRecord t,
      Versioned<ParticipantRecord> demo, Versioned<ParticipantRecord> grower, String from,
      String reason) {
    ProgramRecord p = policyAfterGuard(s, read);
    ParticipantRecord d = demo.value();
    String gid = grower.value().household();
    if (d.growers().size() >= p.maxGrowers()) {
      throw new RuleViolationException("household-full",
          "household " + d.household() + " guides " + d.growers().size() + " of at most "
              + p.maxGrowers() + " growers");
    }
    List<String> growers = new ArrayList<>(d.growers());
    growers.add(gid);
    ParticipantRecord grown = withGrowers(d, growers);
    long dv = s.put(PARTICIPANT, grown.id(), grown, demo.version(), participantIndex(grown));
    ParticipantRecord g = withMentor(s, grower.value(), d.household(),
        append(grower.value().history(), s, from, d.household(), reason));
    long gv = s.put(PARTICIPANT, g.id(), g, grower.version(), participantIndex(g));
    String type = from == null ? "mentorship.grower.assigned" : "mentorship.grower.moved";
    s.emit(type, "participant", g.id(), gv, g);
    s.emit("mentorship.household.changed", "participant", grown.id(), dv, grown);
    List<String> told = from == null ? List.of(d.household()) : List.of(d.household(), from);
    String key = from == null ? "mentorship.grower_assigned" : "mentorship.grower_moved";
    s.notify(key, told, key, parameters(p, d.household(), growers.size(), p.maxGrowers()),
        "participant", grown.id());
    staffingNotices(s, p, t.expert(), d.household(), d.growers().size(), growers.size());
    return new DemoStamp(grown, p.minGrowers(), p.maxGrowers());
  }

  /**
   * The program as it stands after the guard record was read. Reads are read-committed and not
   * validated: a policy change that commits between this command's first read of the program
   * and its read of the household would otherwise be judged by the old numbers, and, having
   * rewritten the household, not even conflict. Read again after the guard, the program is
   * either the new one, or the policy change commits after the guard read and the guard's write
   * conflicts.
   */
  private static ProgramRecord policyAfterGuard(Session s, ProgramRecord read) {
    return s.require(PROGRAM, read.id(), "program").value();
  }

  /**
   * The grower leaves its demonstration household: that record written, with the notices. The
   * program {@code p} must be read after {@code demo} ({@link #policyAfterGuard}), or the
   * notices would judge the household by a policy that has changed since.
   */
  private static ParticipantRecord leave(Session s, ProgramRecord p, TreeRecord t,
      Versioned<ParticipantRecord> demo, String grower) {
    ParticipantRecord d = demo.value();
    List<String> growers = new ArrayList<>(d.growers());
    growers.remove(grower);
    ParticipantRecord shrunk = withGrowers(d, growers);
    long v = s.put(PARTICIPANT, shrunk.id(), shrunk, demo.version(), participantIndex(shrunk));
    s.emit("mentorship.household.changed", "participant", shrunk.id(), v, shrunk);
    staffingNotices(s, p, t.expert(), d.household(), d.growers().size(), growers.size());
    return shrunk;
  }

  /** The expert hears when a household becomes full or falls below the minimum. */
  private static void staffingNotices(Session s, ProgramRecord p, String expert,
      String household, int before, int after) {
    if (after >= p.maxGrowers() && before < p.maxGrowers()) {
      s.notify("mentorship.household_full", List.of(expert), "mentorship.household_full",
          parameters(p, household, after, p.maxGrowers()), "participant",
          ParticipantRecord.id(p.id(), household));
    } else if (after < p.minGrowers() && before >= p.minGrowers()) {
      s.notify("mentorship.household_under_staffed", List.of(expert),
          "mentorship.household_under_staffed",
          parameters(p, household, after, p.minGrowers()), "participant",
          ParticipantRecord.id(p.id(), household));
    }
  }

  private static Map<String, String> parameters(ProgramRecord p, String household, int count,
      int limit) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("programId", p.id());
    out.put("program", p.name());
    out.put("household", household);
    out.put("count", Integer.toString(count));
    out.put("limit", Integer.toString(limit));
    return out;
  }

  // ---- queries ------------------------------------------------------------------------------

  @Override
  public Optional<Program> program(ProgramId id) {
    String pid = Checks.present("program", id).value();
    return read(s -> s.get(PROGRAM, pid).map(v -> new ProgramStamp(v.value(), v.version())))
        .map(ProgramStamp::view);
  }

  @Override
  public Optional<MentorshipTree> tree(TreeId id) {
    String tid = Checks.present("tree", id).value();
    return read(s -> s.get(TREE, tid).map(v -> treeStamp(s, v))).map(TreeStamp::view);
  }

  @Override
  public List<MentorshipTree> trees(ProgramId program) {
    String pid = Checks.present("program", program).value();
    return read(s -> {
      ProgramRecord p = s.require(PROGRAM, pid, "program").value();
      List<MentorshipTree> out = new ArrayList<>();
      for (String tid : p.treeOrder()) {
        out.add(treeStamp(s, s.require(TREE, tid, "tree")).view());
      }
      return List.copyOf(out);
    });
  }

  @Override
  public List<DemoHousehold> households(ProgramId program, Staffing staffing) {
    Staffing wanted = Checks.present("staffing", staffing);
    List<DemoHousehold> out = new ArrayList<>();
    for (MentorshipTree t : trees(program)) {
      t.households().stream().filter(h -> h.staffing() == wanted).forEach(out::add);
    }
    return List.copyOf(out);
  }

  @Override
  public Optional<Household> household(HouseholdId id) {
    String hid = Checks.present("household", id).value();
    return read(s -> s.get(HOUSEHOLD, hid).map(Versioned::value)).map(HouseholdRecord::view);
  }

  @Override
  public Optional<HouseholdId> mentorOf(ProgramId program, HouseholdId grower) {
    String pid = Checks.present("program", program).value();
    String gid = Checks.present("grower", grower).value();
    return read(s -> s.get(PARTICIPANT, ParticipantRecord.id(pid, gid))
        .map(v -> Optional.ofNullable(v.value().mentor()).map(HouseholdId::of))
        .orElse(Optional.empty()));
  }

  @Override
  public List<GrowerMove> history(ProgramId program, HouseholdId household) {
    String pid = Checks.present("program", program).value();
    String hid = Checks.present("household", household).value();
    ParticipantRecord part = read(s -> requireParticipant(s, pid, hid).value());
    List<GrowerMove> out = new ArrayList<>();
    for (MoveRecord m : part.history()) {
      out.add(ImmutableGrowerMove.builder().at(Times.parse(m.at()))
          .from(Optional.ofNullable(m.from()).map(HouseholdId::of))
          .to(Optional.ofNullable(m.to()).map(HouseholdId::of)).actor(m.actor())
          .reason(Optional.ofNullable(m.reason())).build());
    }
    return List.copyOf(out);
  }

  private <R> R read(Function<Session, R> work) {
    return runner.read("mentorship.query", Actor.system("mentorship-query"), work);
  }

  // ---- helpers ------------------------------------------------------------------------------

  /** Checks access with the actor's roles towards the program, tree and household concerned. */
  static void authorize(Session s, Action action, ProgramRecord p, TreeRecord tree,
      String headOf) {
    Village v = RosterFacts.village(s, VillageId.of(p.village()));
    HelpGroup group = RosterFacts.group(s, GroupId.of(p.group()));
    Set<Role> roles = EnumSet.noneOf(Role.class);
    Actor actor = s.actor();
    actor.member().ifPresent(m -> {
      if (m.value().equals(p.owner())) {
        roles.add(Role.PROGRAM_OWNER);
      }
      if (tree != null && m.value().equals(tree.expert())) {
        roles.add(Role.TREE_EXPERT);
      }
    });
    actor.household().ifPresent(h -> {
      if (h.value().equals(headOf)) {
        roles.add(Role.HOUSEHOLD_HEAD);
      }
    });
    s.authorize(request(action, v, group, roles));
  }

  private static AccessRequest request(Action action, Village v, HelpGroup group,
      Set<Role> roles) {
    return AccessRequest.of(action, new ArrayList<>(v.path()))
        .inGroup(group.id(), group.coordinator().orElse(null)).withRoles(roles);
  }

  private static Member activeMemberOf(Session s, MemberId id, HelpGroup group, String rule) {
    Member m = RosterFacts.requireMember(s, id);
    if (m.removed() || !m.group().equals(group.id())) {
      throw new RuleViolationException(rule,
          "member " + id + " is no active member of group " + group.id());
    }
    return m;
  }

  static Versioned<ParticipantRecord> requireParticipant(Session s, String program,
      String household) {
    Optional<Versioned<ParticipantRecord>> found =
        s.get(PARTICIPANT, ParticipantRecord.id(program, household));
    if (found.isEmpty()) {
      s.require(HOUSEHOLD, household, "household");
      throw new RuleViolationException("registered-in-program",
          "household " + household + " is not registered in program " + program);
    }
    return found.get();
  }

  static Versioned<ParticipantRecord> requireDemonstration(Session s, String program,
      String household) {
    Versioned<ParticipantRecord> d = requireParticipant(s, program, household);
    if (!d.value().demonstration()) {
      throw new RuleViolationException("demonstration-household",
          "household " + household + " is no demonstration household of program " + program);
    }
    return d;
  }

  private static List<MoveRecord> append(List<MoveRecord> history, Session s, String from,
      String to, String reason) {
    List<MoveRecord> out = new ArrayList<>(history);
    out.add(new MoveRecord(s.now().toString(), from, to, s.actor().toString(), reason));
    return List.copyOf(out);
  }

  private static ParticipantRecord withGrowers(ParticipantRecord d, List<String> growers) {
    return new ParticipantRecord(d.program(), d.household(), d.role(), d.tree(), d.mentor(),
        List.copyOf(growers), d.history(), d.registeredAt(), d.inspectDue(), d.remindedFor());
  }

  /**
   * A grower with another demonstration household (or none). A newly assigned grower is due for
   * inspection the policy's interval after now; a moved one keeps its due time; an unassigned one
   * has none.
   */
  private ParticipantRecord withMentor(Session s, ParticipantRecord g, String mentor,
      List<MoveRecord> history) {
    String due = mentor == null ? null
        : g.inspectDue() != null ? g.inspectDue()
        : s.now().plus(settings.inspectionInterval()).toString();
    return new ParticipantRecord(g.program(), g.household(), g.role(), g.tree(), mentor,
        g.growers(), history, g.registeredAt(), due, g.remindedFor());
  }

  private static List<IndexEntry> treeIndex(TreeRecord t) {
    return List.of(IndexEntry.of("program", t.program()));
  }

  static List<IndexEntry> participantIndex(ParticipantRecord p) {
    List<IndexEntry> index = new ArrayList<>();
    index.add(IndexEntry.of("program", p.program()));
    index.add(IndexEntry.of("household", p.household()));
    if (p.mentor() != null) {
      index.add(IndexEntry.of("mentor", p.program() + "/" + p.mentor()));
    }
    if (p.mentor() != null && p.inspectDue() != null
        && !p.inspectDue().equals(p.remindedFor())) {
      index.add(IndexEntry.of(INSPECT_DUE, Sortable.time(Times.parse(p.inspectDue()))));
    }
    return index;
  }

  private static HouseholdRecord redacted(HouseholdRecord h) {
    return new HouseholdRecord(h.id(), h.village(), null, null, h.createdAt());
  }

  private static List<ParticipantRecord> demosOf(Session s, TreeRecord t) {
    List<ParticipantRecord> out = new ArrayList<>();
    for (String h : t.households()) {
      out.add(s.require(PARTICIPANT, ParticipantRecord.id(t.program(), h), "participant")
          .value());
    }
    return out;
  }

  private static TreeStamp treeStamp(Session s, Versioned<TreeRecord> t) {
    ProgramRecord p = s.require(PROGRAM, t.value().program(), "program").value();
    return new TreeStamp(t.value(), t.version(), demosOf(s, t.value()), p.minGrowers(),
        p.maxGrowers());
  }

  // ---- results and views --------------------------------------------------------------------

  /** A program as committed, with its version. */
  record ProgramStamp(ProgramRecord program, long version) {
    Program view() {
      ProgramRecord p = program;
      ImmutableProgram.Builder b = ImmutableProgram.builder().id(ProgramId.of(p.id()))
          .name(p.name()).village(VillageId.of(p.village())).group(GroupId.of(p.group()))
          .crop(p.crop()).season(p.season()).yieldTarget(p.yieldTarget())
          .owner(MemberId.of(p.owner()))
          .policy(ProgramPolicy.of(p.maxHouseholds(), p.minGrowers(), p.maxGrowers()))
          .createdAt(Times.parse(p.createdAt())).version(version);
      for (PracticeRecord r : p.plan()) {
        b.addPlan(Practice.of(r.name(), r.fromWeek(), r.toWeek()));
      }
      Map<MemberId, TreeId> trees = new LinkedHashMap<>();
      p.trees().forEach((e, t) -> trees.put(MemberId.of(e), TreeId.of(t)));
      return b.trees(trees).build();
    }
  }

  /** A demonstration household as committed, with the policy's numbers to judge it. */
  record DemoStamp(ParticipantRecord demo, int minGrowers, int maxGrowers) {
    DemoHousehold view() {
      List<HouseholdId> growers = new ArrayList<>();
      demo.growers().forEach(g -> growers.add(HouseholdId.of(g)));
      int n = growers.size();
      return ImmutableDemoHousehold.builder().household(HouseholdId.of(demo.household()))
          .program(ProgramId.of(demo.program())).tree(TreeId.of(demo.tree()))
          .growers(growers).staffing(n >= maxGrowers ? Staffing.FULL
              : n < minGrowers ? Staffing.UNDER_STAFFED : Staffing.STAFFED).build();
    }
  }

  /** A tree as committed, with its households. */
  record TreeStamp(TreeRecord tree, long version, List<ParticipantRecord> demos, int minGrowers,
      int maxGrowers) {
    MentorshipTree view() {
      ImmutableMentorshipTree.Builder b = ImmutableMentorshipTree.builder()
          .id(TreeId.of(tree.id())).program(ProgramId.of(tree.program()))
          .expert(MemberId.of(tree.expert())).version(version);
      for (ParticipantRecord d : demos) {
        b.addHouseholds(new DemoStamp(d, minGrowers, maxGrowers).view());
      }
      return b.build();
    }
  }
}
