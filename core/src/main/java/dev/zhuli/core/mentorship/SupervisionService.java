package dev.zhuli.core.mentorship;

import static dev.zhuli.core.mentorship.MentorshipRecords.PARTICIPANT;
import static dev.zhuli.core.mentorship.MentorshipRecords.PROGRAM;
import static dev.zhuli.core.mentorship.MentorshipRecords.TREE;
import static dev.zhuli.core.mentorship.SupervisionRecords.BONUS;
import static dev.zhuli.core.mentorship.SupervisionRecords.HARVEST;
import static dev.zhuli.core.mentorship.SupervisionRecords.INSPECTION;
import static dev.zhuli.core.mentorship.SupervisionRecords.VISIT;

import dev.zhuli.core.Actor;
import dev.zhuli.core.EntryId;
import dev.zhuli.core.GroupId;
import dev.zhuli.core.HouseholdId;
import dev.zhuli.core.MemberId;
import dev.zhuli.core.PageRequest;
import dev.zhuli.core.ProgramId;
import dev.zhuli.core.ResultPage;
import dev.zhuli.core.RuleViolationException;
import dev.zhuli.core.TreeId;
import dev.zhuli.core.ValidationException;
import dev.zhuli.core.VillageId;
import dev.zhuli.core.ZhuliException;
import dev.zhuli.core.access.AccessRequest;
import dev.zhuli.core.access.Action;
import dev.zhuli.core.access.Role;
import dev.zhuli.core.mentorship.MentorshipRecords.ParticipantRecord;
import dev.zhuli.core.mentorship.MentorshipRecords.PracticeRecord;
import dev.zhuli.core.mentorship.MentorshipRecords.ProgramRecord;
import dev.zhuli.core.mentorship.MentorshipRecords.TreeRecord;
import dev.zhuli.core.mentorship.SupervisionRecords.AwardRow;
import dev.zhuli.core.mentorship.SupervisionRecords.BonusRow;
import dev.zhuli.core.mentorship.SupervisionRecords.HarvestRow;
import dev.zhuli.core.mentorship.SupervisionRecords.InspectionRow;
import dev.zhuli.core.mentorship.SupervisionRecords.VisitRow;
import dev.zhuli.core.roster.Background;
import dev.zhuli.core.roster.HelpGroup;
import dev.zhuli.core.roster.Member;
import dev.zhuli.core.roster.RosterFacts;
import dev.zhuli.core.roster.Village;
import dev.zhuli.core.store.Checks;
import dev.zhuli.core.store.CommandRunner;
import dev.zhuli.core.store.PersistedType;
import dev.zhuli.core.store.Session;
import dev.zhuli.core.store.Sortable;
import dev.zhuli.core.store.Times;
import dev.zhuli.core.store.Versioned;
import dev.zhuli.spi.storage.IndexEntry;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Supervision's commands and queries over the command runner. */
final class SupervisionService implements Supervision {
  private static final Logger LOG = LoggerFactory.getLogger(SupervisionService.class);
  static final int MAX_TEXT = 2000;
  static final int MAX_REFS = 20;
  static final int MAX_REF = 256;
  static final int MAX_PRACTICES_COVERED = 20;
  private static final BigDecimal MAX_AREA = new BigDecimal("100000");
  private static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000");
  private static final Actor QUERY = Actor.system("supervision-query");
  private static final Actor SWEEPER = Actor.system("inspection-sweep");

  private final CommandRunner runner;
  private final MentorshipSettings settings;

  SupervisionService(CommandRunner runner, MentorshipSettings settings) {
    this.runner = runner;
    this.settings = settings;
  }

  // ---- entries ------------------------------------------------------------------------------

  @Override
  public GuidanceVisit recordVisit(Actor actor, ProgramId programId, NewVisit input) {
    String pid = Checks.present("program", programId).value();
    Checks.present("visit", input);
    String hid = Checks.present("visit.household", input.household()).value();
    LocalDate date = Checks.present("visit.date", input.date());
    List<String> practices = texts("visit.practices", input.practices(), MAX_PRACTICES_COVERED,
        Practice.MAX_NAME);
    String notes = Checks.optionalText("visit.notes", input.notes().orElse(null), MAX_TEXT);
    List<String> attachments = texts("visit.attachments", input.attachments(), MAX_REFS,
        MAX_REF);
    return view(runner.run("supervision.recordVisit", actor, input.requestKey().orElse(null),
        Arrays.asList(pid, hid, date.toString(), practices, notes, attachments), VisitRow.class,
        s -> {
          ProgramRecord p = s.require(PROGRAM, pid, "program").value();
          ParticipantRecord demo = demonstration(s, pid, hid);
          TreeRecord tree = s.require(TREE, demo.tree(), "tree").value();
          authorize(s, Action.RECORD_VISIT, p, tree, null);
          notInFuture(s, p, "visit.date", date);
          for (String practice : practices) {
            requirePractice(p, "visit.practices", practice);
          }
          String id = s.newId();
          VisitRow row = new VisitRow(id, pid, tree.id(), tree.expert(), hid, date.toString(),
              practices, notes, attachments, s.now().toString(), s.actor().toString(), null);
          long v = s.put(VISIT, id, row, 0, visitIndex(row));
          s.emit("mentorship.visit.recorded", "visit", id, v, row);
          return row;
        }));
  }

  @Override
  public Inspection recordInspection(Actor actor, ProgramId programId, NewInspection input) {
    String pid = Checks.present("program", programId).value();
    Checks.present("inspection", input);
    String gid = Checks.present("inspection.grower", input.grower()).value();
    String practice = Checks.text("inspection.practice", input.practice(), Practice.MAX_NAME);
    LocalDate date = Checks.present("inspection.date", input.date());
    Execution execution = Checks.present("inspection.execution", input.execution());
    String notes = Checks.optionalText("inspection.notes", input.notes().orElse(null),
        MAX_TEXT);
    List<String> evidence = texts("inspection.evidence", input.evidence(), MAX_REFS, MAX_REF);
    return view(runner.run("supervision.recordInspection", actor,
        input.requestKey().orElse(null), Arrays.asList(pid, gid, practice, date.toString(),
            execution.name(), notes, evidence), InspectionRow.class, s -> {
          ProgramRecord p = s.require(PROGRAM, pid, "program").value();
          Versioned<ParticipantRecord> grower = participant(s, pid, gid);
          String mentor = grower.value().mentor();
          if (mentor == null) {
            throw new RuleViolationException("grower-assigned",
                "grower " + gid + " is with no demonstration household of program " + pid);
          }
          ParticipantRecord demo = demonstration(s, pid, mentor);
          TreeRecord tree = s.require(TREE, demo.tree(), "tree").value();
          authorize(s, Action.RECORD_INSPECTION, p, null, mentor);
          notInFuture(s, p, "inspection.date", date);
          requirePractice(p, "inspection.practice", practice);
          String id = s.newId();
          InspectionRow row = new InspectionRow(id, pid, tree.id(), mentor, gid, practice,
              date.toString(), execution.name(), notes, evidence, s.now().toString(),
              s.actor().toString(), null);
          long v = s.put(INSPECTION, id, row, 0, inspectionIndex(row));
          s.emit("mentorship.inspection.recorded", "inspection", id, v, row);
          // the grower's inspection clock restarts from the day inspected (never backwards)
          HelpGroup group = RosterFacts.group(s, GroupId.of(p.group()));
          Instant due = date.atStartOfDay(group.timeZone()).toInstant()
              .plus(settings.inspectionInterval());
          ParticipantRecord g = grower.value();
          if (g.inspectDue() == null || due.isAfter(Times.parse(g.inspectDue()))) {
            ParticipantRecord watched = new ParticipantRecord(g.program(), g.household(),
                g.role(), g.tree(), g.mentor(), g.growers(), g.history(), g.registeredAt(),
                due.toString(), g.remindedFor());
            s.put(PARTICIPANT, watched.id(), watched, grower.version(),
                MentorshipService.participantIndex(watched));
          }
          return row;
        }));
  }

  @Override
  public HarvestRecord recordHarvest(Actor actor, ProgramId programId, NewHarvest input) {
    String pid = Checks.present("program", programId).value();
    Checks.present("harvest", input);
    String hid = Checks.present("harvest.household", input.household()).value();
    String season = Checks.text("harvest.season", input.season(), MentorshipService.MAX_LABEL);
    BigDecimal area = Checks.present("harvest.area", input.area());
    BigDecimal kg = Checks.present("harvest.yieldKg", input.yieldKg());
    BigDecimal revenue = Checks.present("harvest.revenue", input.revenue());
    if (area.signum() <= 0 || area.compareTo(MAX_AREA) >= 0 || decimals(area) > 2) {
      throw new ValidationException("harvest.area",
          "must be above 0 and below 100000 mu, with at most 2 decimals, was "
              + area.toPlainString());
    }
    amount("harvest.yieldKg", kg);
    amount("harvest.revenue", revenue);
    return view(runner.run("supervision.recordHarvest", actor, input.requestKey().orElse(null),
        Arrays.asList(pid, hid, season, area.toPlainString(), kg.toPlainString(),
            revenue.toPlainString()), HarvestRow.class, s -> {
          ProgramRecord p = s.require(PROGRAM, pid, "program").value();
          ParticipantRecord h = participant(s, pid, hid).value();
          authorizeHarvest(s, p, h);
          BigDecimal perMu = kg.divide(area, 2, RoundingMode.HALF_UP);
          if (kg.compareTo(settings.maxKgPerMu(p.crop()).multiply(area)) > 0) {
            throw new ValidationException("harvest.yieldKg", perMu.toPlainString()
                + " kg per mu is above the plausible " + settings.maxKgPerMu(p.crop())
                + " for " + p.crop() + "; check the yield and the area");
          }
          BigDecimal yuanPerMu = revenue.divide(area, 2, RoundingMode.HALF_UP);
          if (revenue.compareTo(settings.maxYuanPerMu(p.crop()).multiply(area)) > 0) {
            throw new ValidationException("harvest.revenue", yuanPerMu.toPlainString()
                + " yuan per mu is above the plausible " + settings.maxYuanPerMu(p.crop())
                + " for " + p.crop() + "; check the revenue and the area");
          }
          String id = s.newId();
          HarvestRow row = new HarvestRow(id, pid, hid, season, area, kg, revenue,
              s.now().toString(), s.actor().toString(), null);
          long v = s.put(HARVEST, id, row, 0, harvestIndex(row));
          s.emit("mentorship.harvest.recorded", "harvest", id, v, row);
          return row;
        }));
  }

  @Override
  public EntryId voidEntry(Actor actor, ProgramId programId, EntryId entry, String reason,
      String requestKey) {
    String pid = Checks.present("program", programId).value();
    String eid = Checks.present("entry", entry).value();
    String why = Checks.text("reason", reason, MentorshipService.MAX_REASON);
    return EntryId.of(runner.run("supervision.voidEntry", actor, requestKey,
        List.of(pid, eid, why), String.class, s -> {
          ProgramRecord p = s.require(PROGRAM, pid, "program").value();
          Optional<Versioned<VisitRow>> visit = s.get(VISIT, eid);
          if (visit.isPresent() && visit.get().value().program().equals(pid)) {
            VisitRow r = visit.get().value();
            authorize(s, Action.RECORD_VISIT, p, s.require(TREE, r.tree(), "tree").value(),
                null);
            voidOnce(r.voidReason(), eid);
            VisitRow voided = new VisitRow(r.id(), r.program(), r.tree(), r.expert(),
                r.household(), r.date(), r.practices(), r.notes(), r.attachments(),
                r.recordedAt(), r.recordedBy(), why);
            return voided(s, VISIT, voided, visit.get().version(), visitIndex(voided), eid);
          }
          Optional<Versioned<InspectionRow>> inspection = s.get(INSPECTION, eid);
          if (inspection.isPresent() && inspection.get().value().program().equals(pid)) {
            InspectionRow r = inspection.get().value();
            authorize(s, Action.RECORD_INSPECTION, p, null, r.household());
            voidOnce(r.voidReason(), eid);
            InspectionRow voided = new InspectionRow(r.id(), r.program(), r.tree(),
                r.household(), r.grower(), r.practice(), r.date(), r.execution(), r.notes(),
                r.evidence(), r.recordedAt(), r.recordedBy(), why);
            String id = voided(s, INSPECTION, voided, inspection.get().version(),
                inspectionIndex(voided), eid);
            rewatch(s, p, r.grower());
            return id;
          }
          Optional<Versioned<HarvestRow>> harvest = s.get(HARVEST, eid);
          if (harvest.isPresent() && harvest.get().value().program().equals(pid)) {
            HarvestRow r = harvest.get().value();
            authorizeHarvest(s, p, participant(s, pid, r.household()).value());
            voidOnce(r.voidReason(), eid);
            HarvestRow voided = new HarvestRow(r.id(), r.program(), r.household(), r.season(),
                r.area(), r.yieldKg(), r.revenue(), r.recordedAt(), r.recordedBy(), why);
            return voided(s, HARVEST, voided, harvest.get().version(), harvestIndex(voided),
                eid);
          }
          throw new dev.zhuli.core.NotFoundException("entry", eid);
        }));
  }

  /**
   * A voided inspection counts for nothing, its reset of the grower's inspection clock included:
   * the clock runs again from the start of the grower's current assignment or its latest live
   * inspection, whichever is later.
   */
  private void rewatch(Session s, ProgramRecord p, String grower) {
    Versioned<ParticipantRecord> gv = participant(s, p.id(), grower);
    ParticipantRecord g = gv.value();
    if (g.mentor() == null) {
      return;
    }
    Instant since = null;
    for (MentorshipRecords.MoveRecord m : g.history()) {
      if (m.from() == null && m.to() != null) {
        since = Times.parse(m.at());
      }
    }
    HelpGroup group = RosterFacts.group(s, GroupId.of(p.group()));
    String key = p.id() + "/" + grower + "|";
    Instant[] latest = {since};
    all(s, INSPECTION, "grower", key, key + "~", r -> {
      if (r.voidReason() == null) {
        Instant at = LocalDate.parse(r.date()).atStartOfDay(group.timeZone()).toInstant();
        if (latest[0] == null || at.isAfter(latest[0])) {
          latest[0] = at;
        }
      }
    });
    if (latest[0] == null) {
      return;
    }
    String due = latest[0].plus(settings.inspectionInterval()).toString();
    if (!due.equals(g.inspectDue())) {
      ParticipantRecord watched = new ParticipantRecord(g.program(), g.household(), g.role(),
          g.tree(), g.mentor(), g.growers(), g.history(), g.registeredAt(), due,
          g.remindedFor());
      s.put(PARTICIPANT, watched.id(), watched, gv.version(),
          MentorshipService.participantIndex(watched));
    }
  }

  private static <T> String voided(Session s, PersistedType<T> type, T row, long version,
      List<IndexEntry> index, String id) {
    long v = s.put(type, id, row, version, index);
    s.emit("mentorship." + type.kind() + ".voided", type.kind(), id, v, row);
    return id;
  }

  private static void voidOnce(String voidReason, String id) {
    if (voidReason != null) {
      throw new RuleViolationException("void-once", "entry " + id + " is void already");
    }
  }

  // ---- entry queries ------------------------------------------------------------------------

  @Override
  public List<GuidanceVisit> visits(ProgramId program, HouseholdId household) {
    String key = Checks.present("program", program).value() + "/"
        + Checks.present("household", household).value();
    List<GuidanceVisit> out = new ArrayList<>();
    read(s -> {
      all(s, VISIT, "household", key, key, v -> out.add(view(v)));
      return null;
    });
    out.sort(java.util.Comparator.comparing(GuidanceVisit::date));
    return List.copyOf(out);
  }

  @Override
  public List<Inspection> inspections(ProgramId program, HouseholdId grower) {
    String key = Checks.present("program", program).value() + "/"
        + Checks.present("grower", grower).value() + "|";
    List<Inspection> out = new ArrayList<>();
    read(s -> {
      all(s, INSPECTION, "grower", key, key + "~", v -> out.add(view(v)));
      return null;
    });
    return List.copyOf(out);
  }

  @Override
  public List<HarvestRecord> harvests(ProgramId program, String season) {
    String pid = Checks.present("program", program).value();
    String key = pid + "|" + Checks.text("season", season, MentorshipService.MAX_LABEL);
    List<HarvestRecord> out = new ArrayList<>();
    read(s -> {
      all(s, HARVEST, "season", key, key, v -> out.add(view(v)));
      return null;
    });
    return List.copyOf(out);
  }

  // ---- figures ------------------------------------------------------------------------------

  @Override
  public ComplianceReport compliance(ProgramId program, LocalDate from, LocalDate to) {
    String pid = Checks.present("program", program).value();
    Checks.present("from", from);
    Checks.present("to", to);
    checkYear("from", from);
    checkYear("to", to);
    if (to.isBefore(from)) {
      throw new ValidationException("to", "must not lie before from");
    }
    Map<HouseholdId, Compliance> byGrower = new HashMap<>();
    Map<HouseholdId, Compliance> byHousehold = new HashMap<>();
    Map<TreeId, Compliance> byTree = new HashMap<>();
    Compliance[] overall = {Compliance.NONE};
    read(s -> {
      s.require(PROGRAM, pid, "program");
      all(s, INSPECTION, "program", pid + "|" + from, pid + "|" + to, r -> {
        if (r.voidReason() != null) {
          return;
        }
        Execution e = Execution.valueOf(r.execution());
        byGrower.merge(HouseholdId.of(r.grower()), Compliance.NONE.plus(e), SupervisionService::sum);
        byHousehold.merge(HouseholdId.of(r.household()), Compliance.NONE.plus(e),
            SupervisionService::sum);
        byTree.merge(TreeId.of(r.tree()), Compliance.NONE.plus(e), SupervisionService::sum);
        overall[0] = overall[0].plus(e);
      });
      return null;
    });
    return new ComplianceReport(ProgramId.of(pid), from, to, byGrower, byHousehold, byTree,
        overall[0]);
  }

  private static Compliance sum(Compliance a, Compliance b) {
    return new Compliance(a.onTime() + b.onTime(), a.late() + b.late(),
        a.notDone() + b.notDone());
  }

  @Override
  public Coverage coverage(ProgramId program, LocalDate asOf, int days) {
    String pid = Checks.present("program", program).value();
    Checks.present("asOf", asOf);
    if (days < 1 || days > 366) {
      throw new ValidationException("days", "must be 1 to 366, was " + days);
    }
    checkYear("asOf", asOf);
    if (asOf.getYear() == 1 && asOf.getDayOfYear() < days) {
      throw new ValidationException("asOf", "leaves no room for " + days + " days before it");
    }
    LocalDate first = asOf.minusDays(days - 1L);
    return read(s -> {
      s.require(PROGRAM, pid, "program");
      Map<String, String> assigned = new LinkedHashMap<>();
      all(s, PARTICIPANT, "program", pid, pid, p -> {
        if (p.mentor() != null) {
          assigned.put(p.household(), p.mentor());
        }
      });
      Set<String> inspected = new java.util.HashSet<>();
      all(s, INSPECTION, "program", pid + "|" + first, pid + "|" + asOf, r -> {
        if (r.voidReason() == null) {
          inspected.add(r.grower());
        }
      });
      Map<HouseholdId, Integer> left = new LinkedHashMap<>();
      int covered = 0;
      for (Map.Entry<String, String> e : assigned.entrySet()) {
        if (inspected.contains(e.getKey())) {
          covered++;
        } else {
          left.merge(HouseholdId.of(e.getValue()), 1, Integer::sum);
        }
      }
      return new Coverage(ProgramId.of(pid), asOf, days, assigned.size(), covered, left);
    });
  }

  /** Everything a season's figures are made of, read in one transaction. */
  private record Season(ProgramRecord program, List<TreeRecord> trees,
      Map<String, ParticipantRecord> demos, Map<String, Compliance> compliance,
      Map<String, double[]> harvest, Map<String, double[]> previous) {}

  private Season season(Session s, String pid, String season, String previousSeason) {
    ProgramRecord p = s.require(PROGRAM, pid, "program").value();
    List<TreeRecord> trees = new ArrayList<>();
    Map<String, ParticipantRecord> demos = new LinkedHashMap<>();
    for (String tid : p.treeOrder()) {
      TreeRecord t = s.require(TREE, tid, "tree").value();
      trees.add(t);
      for (String h : t.households()) {
        demos.put(h, s.require(PARTICIPANT, ParticipantRecord.id(pid, h), "participant")
            .value());
      }
    }
    Map<String, Compliance> compliance = new HashMap<>();
    all(s, INSPECTION, "program", pid + "|", pid + "|~", r -> {
      if (r.voidReason() == null) {
        compliance.merge(r.grower(), Compliance.NONE.plus(Execution.valueOf(r.execution())),
            SupervisionService::sum);
      }
    });
    return new Season(p, trees, demos, compliance, harvests(s, pid, season, demos),
        previousSeason == null ? Map.of() : harvests(s, pid, previousSeason, demos));
  }

  /** Per grower (never a demonstration household): area, kg and yuan of its live plots. */
  private static Map<String, double[]> harvests(Session s, String pid, String season,
      Map<String, ParticipantRecord> demos) {
    Map<String, double[]> out = new LinkedHashMap<>();
    all(s, HARVEST, "season", pid + "|" + season, pid + "|" + season, r -> {
      if (r.voidReason() == null && !demos.containsKey(r.household())) {
        double[] sum = out.computeIfAbsent(r.household(), k -> new double[3]);
        sum[0] += r.area().doubleValue();
        sum[1] += r.yieldKg().doubleValue();
        sum[2] += r.revenue().doubleValue();
      }
    });
    return out;
  }

  @Override
  public DisparityReport disparity(ProgramId program, String season) {
    String pid = Checks.present("program", program).value();
    String label = Checks.text("season", season, MentorshipService.MAX_LABEL);
    Season data = read(s -> season(s, pid, label, null));
    double target = data.program().yieldTarget().doubleValue();
    List<Double> yields = new ArrayList<>();
    List<Double> revenues = new ArrayList<>();
    int atTarget = 0;
    List<double[]> pairs = new ArrayList<>();
    Map<ComplianceBand, double[]> bands = new EnumMap<>(ComplianceBand.class);
    for (Map.Entry<String, double[]> e : data.harvest().entrySet()) {
      double[] h = e.getValue();
      double perMu = h[1] / h[0];
      yields.add(perMu);
      revenues.add(h[2] / h[0]);
      if (perMu >= target) {
        atTarget++;
      }
      OptionalDouble rate = data.compliance().getOrDefault(e.getKey(), Compliance.NONE).rate();
      if (rate.isPresent()) {
        pairs.add(new double[] {rate.getAsDouble(), perMu});
        double[] band = bands.computeIfAbsent(ComplianceBand.of(rate.getAsDouble()),
            b -> new double[2]);
        band[0] += perMu;
        band[1]++;
      }
    }
    List<HouseholdFigures> byHousehold = new ArrayList<>();
    Map<TreeId, Double> byTree = new LinkedHashMap<>();
    for (TreeRecord t : data.trees()) {
      double treeArea = 0;
      double treeKg = 0;
      for (String h : t.households()) {
        double area = 0;
        double kg = 0;
        double yuan = 0;
        int growers = 0;
        double complianceSum = 0;
        int inspected = 0;
        for (String g : data.demos().get(h).growers()) {
          double[] harvest = data.harvest().get(g);
          if (harvest != null) {
            growers++;
            area += harvest[0];
            kg += harvest[1];
            yuan += harvest[2];
          }
          OptionalDouble rate = data.compliance().getOrDefault(g, Compliance.NONE).rate();
          if (rate.isPresent()) {
            complianceSum += rate.getAsDouble();
            inspected++;
          }
        }
        treeArea += area;
        treeKg += kg;
        byHousehold.add(new HouseholdFigures(HouseholdId.of(h), TreeId.of(t.id()), growers,
            area > 0 ? OptionalDouble.of(kg / area) : OptionalDouble.empty(),
            area > 0 ? OptionalDouble.of(yuan / area) : OptionalDouble.empty(),
            inspected > 0 ? OptionalDouble.of(complianceSum / inspected)
                : OptionalDouble.empty()));
      }
      if (treeArea > 0) {
        byTree.put(TreeId.of(t.id()), treeKg / treeArea);
      }
    }
    Map<ComplianceBand, Double> meanByBand = new EnumMap<>(ComplianceBand.class);
    bands.forEach((b, v) -> meanByBand.put(b, v[0] / v[1]));
    return new DisparityReport(ProgramId.of(pid), label, data.program().yieldTarget(),
        Distribution.of(yields), Distribution.of(revenues),
        yields.isEmpty() ? OptionalDouble.empty()
            : OptionalDouble.of((double) atTarget / yields.size()),
        byHousehold, byTree, correlation(pairs), meanByBand);
  }

  /** Pearson's correlation; empty with fewer than 3 pairs or without spread. */
  static OptionalDouble correlation(List<double[]> pairs) {
    int n = pairs.size();
    if (n < 3) {
      return OptionalDouble.empty();
    }
    double mx = 0;
    double my = 0;
    for (double[] p : pairs) {
      mx += p[0];
      my += p[1];
    }
    mx /= n;
    my /= n;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (double[] p : pairs) {
      sxy += (p[0] - mx) * (p[1] - my);
      sxx += (p[0] - mx) * (p[0] - mx);
      syy += (p[1] - my) * (p[1] - my);
    }
    // no spread: exact zero would miss a mean that rounding left a hair off the values
    if (sxx <= 1e-12 * n || syy <= 1e-12 * n * Math.max(1, my * my)) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(sxy / Math.sqrt(sxx * syy));
  }

  // ---- bonuses ------------------------------------------------------------------------------

  @Override
  public BonusRound computeBonuses(Actor actor, ProgramId program, String season,
      String previousSeason, String requestKey) {
    String pid = Checks.present("program", program).value();
    String label = Checks.text("season", season, MentorshipService.MAX_LABEL);
    String previous = Checks.optionalText("previousSeason", previousSeason,
        MentorshipService.MAX_LABEL);
    if (label.equals(previous)) {
      throw new ValidationException("previousSeason", "must be another season");
    }
    return view(runner.run("supervision.computeBonuses", actor, requestKey,
        Arrays.asList(pid, label, previous), BonusRow.class, s -> {
          ProgramRecord p = s.require(PROGRAM, pid, "program").value();
          authorize(s, Action.MANAGE_PROGRAM, p, null, null);
          String id = pid + "/" + label;
          Optional<Versioned<BonusRow>> done = s.get(BONUS, id);
          if (done.isPresent()) {
            return done.get().value();
          }
          SeasonFigures figures = figures(season(s, pid, label, previous), label, previous);
          List<BonusAward> awards = settings.bonusPolicy().award(figures);
          List<AwardRow> rows = new ArrayList<>();
          for (BonusAward a : Checks.present("bonusPolicy result", awards)) {
            if (a == null || a.amount() == null || a.amount().signum() < 0
                || !figures.households().stream().anyMatch(h -> h.household()
                    .equals(a.household()))) {
              throw new IllegalStateException("the bonus policy returned an award that is"
                  + " null, negative or for no demonstration household of the program");
            }
            rows.add(new AwardRow(a.household().value(),
                a.amount().setScale(2, RoundingMode.HALF_UP), a.lines()));
          }
          BonusRow row = new BonusRow(pid, label, previous, rows, s.now().toString(),
              s.actor().toString(), null, null, null);
          long v = s.put(BONUS, id, row, 0, List.of(IndexEntry.of("program", pid)));
          s.emit("mentorship.bonuses.computed", "bonusround", id, v, row);
          return row;
        }));
  }

  private static SeasonFigures figures(Season data, String season, String previous) {
    double target = data.program().yieldTarget().doubleValue();
    List<HouseholdSeason> households = new ArrayList<>();
    for (TreeRecord t : data.trees()) {
      for (String h : t.households()) {
        ParticipantRecord demo = data.demos().get(h);
        double complianceSum = 0;
        int inspected = 0;
        double yieldSum = 0;
        int harvested = 0;
        int atTarget = 0;
        double previousSum = 0;
        int previousCount = 0;
        for (String g : demo.growers()) {
          OptionalDouble rate = data.compliance().getOrDefault(g, Compliance.NONE).rate();
          if (rate.isPresent()) {
            complianceSum += rate.getAsDouble();
            inspected++;
          }
          double[] harvest = data.harvest().get(g);
          if (harvest != null) {
            double perMu = harvest[1] / harvest[0];
            yieldSum += perMu;
            harvested++;
            if (perMu >= target) {
              atTarget++;
            }
          }
          double[] before = data.previous().get(g);
          if (before != null) {
            previousSum += before[1] / before[0];
            previousCount++;
          }
        }
        households.add(new HouseholdSeason(HouseholdId.of(h), TreeId.of(t.id()),
            demo.growers().size(),
            inspected > 0 ? OptionalDouble.of(complianceSum / inspected) : OptionalDouble.empty(),
            harvested > 0 ? OptionalDouble.of((double) atTarget / harvested)
                : OptionalDouble.empty(),
            harvested > 0 ? OptionalDouble.of(yieldSum / harvested) : OptionalDouble.empty(),
            previousCount > 0 ? OptionalDouble.of(previousSum / previousCount)
                : OptionalDouble.empty()));
      }
    }
    return new SeasonFigures(ProgramId.of(data.program().id()), season,
        Optional.ofNullable(previous), data.program().yieldTarget(), households);
  }

  @Override
  public BonusRound approveBonuses(Actor actor, ProgramId program, String season, String note,
      String requestKey) {
    String pid = Checks.present("program", program).value();
    String label = Checks.text("season", season, MentorshipService.MAX_LABEL);
    String text = Checks.text("note", note, MentorshipService.MAX_REASON);
    return view(runner.run("supervision.approveBonuses", actor, requestKey,
        List.of(pid, label, text), BonusRow.class, s -> {
          ProgramRecord p = s.require(PROGRAM, pid, "program").value();
          Set<Role> roles = EnumSet.noneOf(Role.class);
          Optional<MemberId> me = actor.member();
          if (me.isPresent()) {
            Optional<Member> m = RosterFacts.member(s, me.get());
            if (m.isPresent() && !m.get().removed()
                && m.get().background() == Background.VILLAGE_CADRE
                && m.get().village().map(v -> v.value().equals(p.village())).orElse(false)) {
              roles.add(Role.VILLAGE_CADRE);
            }
          }
          Village v = RosterFacts.village(s, VillageId.of(p.village()));
          HelpGroup group = RosterFacts.group(s, GroupId.of(p.group()));
          s.authorize(AccessRequest.of(Action.APPROVE_BONUS, new ArrayList<>(v.path()))
              .inGroup(group.id(), group.coordinator().orElse(null)).withRoles(roles));
          String id = pid + "/" + label;
          Versioned<BonusRow> current = s.get(BONUS, id).orElseThrow(() ->
              new RuleViolationException("bonuses-computed",
                  "the bonuses of program " + pid + " for " + label + " are not computed yet"));
          BonusRow r = current.value();
          if (r.approvedAt() != null) {
            throw new RuleViolationException("approved-once",
                "the bonuses of program " + pid + " for " + label + " are approved already");
          }
          BonusRow approved = new BonusRow(r.program(), r.season(), r.previousSeason(),
              r.awards(), r.computedAt(), r.computedBy(), s.now().toString(),
              s.actor().toString(), text);
          long version = s.put(BONUS, id, approved, current.version(),
              List.of(IndexEntry.of("program", pid)));
          s.emit("mentorship.bonuses.approved", "bonusround", id, version, approved);
          return approved;
        }));
  }

  @Override
  public Optional<BonusRound> bonuses(ProgramId program, String season) {
    String id = Checks.present("program", program).value() + "/"
        + Checks.text("season", season, MentorshipService.MAX_LABEL);
    return read(s -> s.get(BONUS, id).map(Versioned::value)).map(SupervisionService::view);
  }

  // ---- the overdue-inspection sweep ---------------------------------------------------------

  @Override
  public int sweep(Instant now) {
    Checks.present("now", now);
    if (now.isBefore(Times.parse("0001-01-01T00:00:00Z"))
        || !now.isBefore(Times.parse("9999-01-01T00:00:00Z"))) {
      throw new ValidationException("now", "must lie between the years 1 and 9998");
    }
    CommandRunner at = runner.at(now);
    int raised = 0;
    PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
    while (true) {
      PageRequest current = page;
      ResultPage<Versioned<ParticipantRecord>> found = runner.read("supervision.sweep",
          SWEEPER, s -> s.find(PARTICIPANT, MentorshipService.INSPECT_DUE, "0",
              Sortable.time(now), current));
      for (Versioned<ParticipantRecord> v : found.items()) {
        if (remind(at, v.value().program(), v.value().household())) {
          raised++;
        }
      }
      if (found.nextCursor().isEmpty()) {
        return raised;
      }
      page = page.after(found.nextCursor().get());
    }
  }

  /** Reminds the head of a grower's household once for its due time; false if nothing due. */
  private static boolean remind(CommandRunner at, String pid, String gid) {
    try {
      return at.run("supervision.remindInspection", SWEEPER, null, List.of(pid, gid),
          Boolean.class, s -> {
            Versioned<ParticipantRecord> v = s.require(PARTICIPANT,
                ParticipantRecord.id(pid, gid), "participant");
            ParticipantRecord g = v.value();
            if (g.mentor() == null || g.inspectDue() == null
                || g.inspectDue().equals(g.remindedFor())
                || s.now().isBefore(Times.parse(g.inspectDue()))) {
              return false;
            }
            ProgramRecord p = s.require(PROGRAM, pid, "program").value();
            ParticipantRecord reminded = new ParticipantRecord(g.program(), g.household(),
                g.role(), g.tree(), g.mentor(), g.growers(), g.history(), g.registeredAt(),
                g.inspectDue(), g.inspectDue());
            long version = s.put(PARTICIPANT, reminded.id(), reminded, v.version(),
                MentorshipService.participantIndex(reminded));
            s.emit("mentorship.inspection.overdue", "participant", reminded.id(), version,
                reminded);
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("programId", pid);
            parameters.put("program", p.name());
            parameters.put("household", gid);
            parameters.put("since", g.inspectDue().substring(0, 10));
            s.notify("mentorship.inspection_overdue", List.of(g.mentor()),
                "mentorship.inspection_overdue", parameters, "participant", reminded.id());
            return true;
          });
    } catch (ZhuliException e) {
      LOG.warn("inspection sweep left grower {} of program {} for the next sweep: {}", gid, pid,
          e.getClass().getSimpleName());
      return false;
    }
  }

  // ---- helpers ------------------------------------------------------------------------------

  private <R> R read(Function<Session, R> work) {
    return runner.read("supervision.query", QUERY, work);
  }

  private static <T> void all(Session s, PersistedType<T> type, String key, String lower,
      String upper, Consumer<T> each) {
    PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
    while (true) {
      ResultPage<Versioned<T>> found = s.find(type, key, lower, upper, page);
      found.items().forEach(v -> each.accept(v.value()));
      if (found.nextCursor().isEmpty()) {
        return;
      }
      page = page.after(found.nextCursor().get());
    }
  }

  /** A harvest of a household: its head, its mentor's head, its tree's expert, the owner. */
  private static void authorizeHarvest(Session s, ProgramRecord p, ParticipantRecord h) {
    String demo = h.demonstration() ? h.household() : h.mentor();
    TreeRecord tree = null;
    if (demo != null) {
      ParticipantRecord d = s.require(PARTICIPANT, ParticipantRecord.id(p.id(), demo),
          "participant").value();
      tree = s.require(TREE, d.tree(), "tree").value();
    }
    boolean own = s.actor().household().map(a -> a.value().equals(h.household()))
        .orElse(false);
    authorize(s, Action.RECORD_HARVEST, p, tree, own ? h.household() : demo);
  }

  private static Versioned<ParticipantRecord> participant(Session s, String pid, String hid) {
    return MentorshipService.requireParticipant(s, pid, hid);
  }

  private static ParticipantRecord demonstration(Session s, String pid, String hid) {
    return MentorshipService.requireDemonstration(s, pid, hid).value();
  }

  private static void authorize(Session s, Action action, ProgramRecord p, TreeRecord tree,
      String headOf) {
    MentorshipService.authorize(s, action, p, tree, headOf);
  }

  private static void requirePractice(ProgramRecord p, String field, String practice) {
    for (PracticeRecord r : p.plan()) {
      if (r.name().equals(practice)) {
        return;
      }
    }
    throw new ValidationException(field, "names no practice of the program's plan ("
        + p.plan().size() + " practices)");
  }

  private static void notInFuture(Session s, ProgramRecord p, String field, LocalDate date) {
    if (date.getYear() < 1900) {
      throw new ValidationException(field, "must not lie before 1900, was " + date);
    }
    HelpGroup group = RosterFacts.group(s, GroupId.of(p.group()));
    if (date.isAfter(LocalDate.ofInstant(s.now(), group.timeZone()))) {
      throw new ValidationException(field, "must not lie in the future, was " + date);
    }
  }

  private static void amount(String field, BigDecimal value) {
    if (value.signum() < 0 || value.compareTo(MAX_AMOUNT) >= 0 || decimals(value) > 2) {
      throw new ValidationException(field,
          "must be 0 or more, below 10^12, with at most 2 decimals, was " + value.toPlainString());
    }
  }

  /** How many decimals a value needs: 2.000 needs none, 2.50 one. */
  static int decimals(BigDecimal value) {
    return Math.max(0, value.stripTrailingZeros().scale());
  }

  /** Dates are kept as ISO text, which sorts as dates only within the years 1 to 9999. */
  private static void checkYear(String field, LocalDate date) {
    if (date.getYear() < 1 || date.getYear() > 9999) {
      throw new ValidationException(field, "must lie between the years 1 and 9999, was " + date);
    }
  }

  private static List<String> texts(String field, List<String> values, int max, int length) {
    List<String> out = new ArrayList<>();
    int i = 0;
    for (String v : Checks.present(field, values)) {
      out.add(Checks.text(field + "[" + i++ + "]", v, length));
    }
    if (out.size() > max) {
      throw new ValidationException(field, "must have at most " + max + " items, had "
          + out.size());
    }
    return List.copyOf(out);
  }

  private static List<IndexEntry> visitIndex(VisitRow r) {
    return List.of(IndexEntry.of("household", r.program() + "/" + r.household()));
  }

  private static List<IndexEntry> inspectionIndex(InspectionRow r) {
    return List.of(IndexEntry.of("program", r.program() + "|" + r.date()),
        IndexEntry.of("grower", r.program() + "/" + r.grower() + "|" + r.date()));
  }

  private static List<IndexEntry> harvestIndex(HarvestRow r) {
    return List.of(IndexEntry.of("season", r.program() + "|" + r.season()),
        IndexEntry.of("household", r.program() + "/" + r.household() + "|" + r.season()));
  }

  // ---- views --------------------------------------------------------------------------------

  private static GuidanceVisit view(VisitRow r) {
    return new GuidanceVisit(EntryId.of(r.id()), ProgramId.of(r.program()), TreeId.of(r.tree()),
        MemberId.of(r.expert()), HouseholdId.of(r.household()), LocalDate.parse(r.date()),
        r.practices(), Optional.ofNullable(r.notes()), r.attachments(),
        Times.parse(r.recordedAt()), Optional.ofNullable(r.voidReason()));
  }

  private static Inspection view(InspectionRow r) {
    return new Inspection(EntryId.of(r.id()), ProgramId.of(r.program()), TreeId.of(r.tree()),
        HouseholdId.of(r.household()), HouseholdId.of(r.grower()), r.practice(),
        LocalDate.parse(r.date()), Execution.valueOf(r.execution()),
        Optional.ofNullable(r.notes()), r.evidence(), Times.parse(r.recordedAt()),
        Optional.ofNullable(r.voidReason()));
  }

  private static HarvestRecord view(HarvestRow r) {
    return new HarvestRecord(EntryId.of(r.id()), ProgramId.of(r.program()),
        HouseholdId.of(r.household()), r.season(), r.area(), r.yieldKg(), r.revenue(),
        Times.parse(r.recordedAt()), Optional.ofNullable(r.voidReason()));
  }

  private static BonusRound view(BonusRow r) {
    List<BonusAward> awards = new ArrayList<>();
    for (AwardRow a : r.awards()) {
      awards.add(new BonusAward(HouseholdId.of(a.household()), a.amount(), a.lines()));
    }
    return new BonusRound(ProgramId.of(r.program()), r.season(),
        Optional.ofNullable(r.previousSeason()), awards, Times.parse(r.computedAt()),
        r.computedBy(), Optional.ofNullable(r.approvedAt()).map(Times::parse),
        Optional.ofNullable(r.approvedBy()), Optional.ofNullable(r.approvalNote()));
  }
}
