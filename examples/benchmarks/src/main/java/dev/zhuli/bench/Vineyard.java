package dev.zhuli.bench;

import dev.zhuli.core.Actor;
import dev.zhuli.core.HouseholdId;
import dev.zhuli.core.ProgramId;
import dev.zhuli.core.Zhuli;
import dev.zhuli.core.mentorship.DemoHousehold;
import dev.zhuli.core.mentorship.Execution;
import dev.zhuli.core.mentorship.HarvestRecord;
import dev.zhuli.core.mentorship.Inspection;
import dev.zhuli.core.mentorship.Mentorship;
import dev.zhuli.core.mentorship.MentorshipTree;
import dev.zhuli.core.mentorship.NewHarvest;
import dev.zhuli.core.mentorship.NewHousehold;
import dev.zhuli.core.mentorship.NewInspection;
import dev.zhuli.core.mentorship.NewProgram;
import dev.zhuli.core.mentorship.Practice;
import dev.zhuli.core.mentorship.Program;
import dev.zhuli.core.mentorship.ProgramPolicy;
import dev.zhuli.core.mentorship.Supervision;
import dev.zhuli.core.roster.Background;
import dev.zhuli.core.roster.HelpGroup;
import dev.zhuli.core.roster.Member;
import dev.zhuli.core.roster.NewGroup;
import dev.zhuli.core.roster.NewMember;
import dev.zhuli.core.roster.NewRegion;
import dev.zhuli.core.roster.NewVillage;
import dev.zhuli.core.roster.Region;
import dev.zhuli.core.roster.RegionLevel;
import dev.zhuli.core.roster.Roster;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The mentorship world every mentorship benchmark works in, built through the public API, in
 * regions of its own (so that it fits beside {@link Village} in one Zhuli): a district's help
 * group with a coordinator, a first secretary who owns a grape program (示範園) of one village,
 * and one professor whose tree (蛛網) holds the program's demonstration households. Growers are
 * registered on demand.
 *
 * @since 0.1.0
 */
public final class Vineyard {
  /** The season whose harvests the benchmarks record and report. */
  public static final String SEASON = "2025";

  private static final BigDecimal PRICE = new BigDecimal("18");

  private final Mentorship mentorship;
  private final Supervision supervision;
  private final Program program;
  private final MentorshipTree tree;
  private final Actor owner;
  private final List<HouseholdId> demos = new ArrayList<>();
  private int registered;

  private Vineyard(Zhuli zhuli, Program program, MentorshipTree tree, Actor owner) {
    this.mentorship = zhuli.mentorship();
    this.supervision = zhuli.supervision();
    this.program = program;
    this.tree = tree;
    this.owner = owner;
  }

  /**
   * Builds the roster and the program, with one expert's tree of {@code households} newly
   * registered and appointed demonstration households.
   *
   * @param zhuli Zhuli, on any store
   * @param households how many demonstration households, at most the policy's maximum
   * @param policy the program's numbers
   * @return the vineyard
   */
  public static Vineyard build(Zhuli zhuli, int households, ProgramPolicy policy) {
    Roster roster = zhuli.roster();
    Actor setup = Actor.system("bench");
    Region yanan = roster.createRegion(setup,
        new NewRegion.Builder().name("延安市").level(RegionLevel.CITY).build());
    Region baota = roster.createRegion(setup, new NewRegion.Builder().name("寶塔區")
        .level(RegionLevel.DISTRICT).parent(yanan.id()).build());
    Region madong = roster.createRegion(setup, new NewRegion.Builder().name("麻洞川鎮")
        .level(RegionLevel.TOWN).parent(baota.id()).build());
    dev.zhuli.core.roster.Village nangou = roster.createVillage(setup,
        new NewVillage.Builder().name("南溝村").town(madong.id()).build());
    HelpGroup group = roster.createGroup(setup,
        new NewGroup.Builder().name("寶塔區紅色助力團").county(baota.id()).build());
    Member coordinator = roster.addMember(setup, new NewMember.Builder().group(group.id())
        .name("韓協調").background(Background.WORK_TEAM_MEMBER).build());
    roster.appointCoordinator(setup, group.id(), coordinator.id(), null);
    Member secretary = roster.addMember(setup, new NewMember.Builder().group(group.id())
        .name("高書記").background(Background.FIRST_SECRETARY).build());
    Member professor = roster.addMember(setup, new NewMember.Builder().group(group.id())
        .name("田教授").background(Background.EXPERT).build());
    Mentorship m = zhuli.mentorship();
    Program program = m.createProgram(Actor.member(coordinator.id()), new NewProgram.Builder()
        .name("南溝葡萄示範園").village(nangou.id()).crop("陽光玫瑰葡萄").season(SEASON)
        .addPlan(Practice.of("石硫合劑清園", 10, 11), Practice.of("銅製劑防病", 12, 13),
            Practice.of("疏花疏果", 18, 20))
        .yieldTarget(new BigDecimal("2250")).owner(secretary.id()).policy(policy).build());
    Actor owner = Actor.member(secretary.id());
    MentorshipTree tree = m.addExpert(owner, program.id(), professor.id(), null);
    Vineyard vineyard = new Vineyard(zhuli, program, tree, owner);
    for (HouseholdId d : vineyard.register("示範", households)) {
      m.appoint(Actor.member(professor.id()), tree.id(), d, null);
      vineyard.demos.add(d);
    }
    return vineyard;
  }

  /**
   * Registers new households in the program, as growers not yet assigned.
   *
   * @param prefix the start of their heads' names
   * @param n how many
   * @return their ids, in the order registered
   */
  public List<HouseholdId> register(String prefix, int n) {
    List<HouseholdId> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(mentorship.registerHousehold(owner, program.id(), new NewHousehold.Builder()
          .head(prefix + (registered++) + "號戶").build()).id());
    }
    return out;
  }

  /**
   * The program.
   *
   * @return its id
   */
  public ProgramId program() {
    return program.id();
  }

  /**
   * The practices of the program's plan.
   *
   * @return the practices, in plan order
   */
  public List<Practice> plan() {
    return program.plan();
  }

  /**
   * The demonstration households of the tree.
   *
   * @return their ids, in the order appointed
   */
  public List<HouseholdId> demos() {
    return List.copyOf(demos);
  }

  /**
   * The tree.
   *
   * @return the tree as built
   */
  public MentorshipTree tree() {
    return tree;
  }

  /**
   * The household's head assigns a grower to its demonstration household: one command, with
   * every limit check (the household's room, one household per grower per program).
   *
   * @param grower an unassigned grower of the program
   * @param demo a demonstration household of the tree
   * @return the demonstration household
   */
  public DemoHousehold assign(HouseholdId grower, HouseholdId demo) {
    return mentorship.assign(Actor.household(demo), program.id(), grower, demo, null);
  }

  /**
   * The household's head unassigns one of its growers; it stays registered.
   *
   * @param grower the grower
   * @param demo its demonstration household
   * @return the demonstration household
   */
  public DemoHousehold unassign(HouseholdId grower, HouseholdId demo) {
    return mentorship.unassign(Actor.household(demo), program.id(), grower, "輪換", null);
  }

  /**
   * The head of the grower's demonstration household records an inspection (監督).
   *
   * @param grower an assigned grower
   * @param demo its demonstration household
   * @param practice the practice of the plan
   * @param date the day, not in the future
   * @param execution what was found
   * @return the inspection
   */
  public Inspection inspect(HouseholdId grower, HouseholdId demo, Practice practice,
      LocalDate date, Execution execution) {
    return supervision.recordInspection(Actor.household(demo), program.id(),
        new NewInspection.Builder().grower(grower).practice(practice.name()).date(date)
            .execution(execution).build());
  }

  /**
   * The demonstration household's head records a grower's harvest of {@link #SEASON}: yield per
   * mu given, revenue at 18 yuan per kg.
   *
   * @param grower the grower
   * @param demo its demonstration household
   * @param area the plot, in mu
   * @param kgPerMu the yield per mu
   * @return the harvest
   */
  public HarvestRecord harvest(HouseholdId grower, HouseholdId demo, BigDecimal area,
      double kgPerMu) {
    BigDecimal kg = area.multiply(BigDecimal.valueOf(kgPerMu)).setScale(2, RoundingMode.HALF_UP);
    return supervision.recordHarvest(Actor.household(demo), program.id(), new NewHarvest.Builder()
        .household(grower).season(SEASON).area(area).yieldKg(kg).revenue(kg.multiply(PRICE))
        .build());
  }
}
