package dev.zhuli.core.mentorship;

import dev.zhuli.core.Actor;
import dev.zhuli.core.HouseholdId;
import dev.zhuli.core.IdGenerator;
import dev.zhuli.core.Zhuli;
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
import dev.zhuli.core.roster.Village;
import dev.zhuli.core.roster.VillageKind;
import dev.zhuli.spi.storage.ClaimedMessage;
import dev.zhuli.spi.storage.OutboxMessage;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A Nangou world for the mentorship tests: 合陽縣 新池鎮 南溝社區 with its help group, the first
 * secretary who owns the grape program, two professors (experts), a coordinator, and a member
 * of another county's group. All names of people are invented.
 */
final class MentorshipFixtures implements AutoCloseable {
  static final Instant START = Instant.parse("2026-03-02T01:00:00Z");

  final Zhuli zhuli;
  final Mentorship mentorship;
  final Village nangou;
  final Village beishun;
  final HelpGroup heyang;
  final Member coordinator;
  final Member secretary;
  final Member professorA;
  final Member professorB;
  final Member outsider;
  final Actor system = Actor.system("mentorship-tests");

  private MentorshipFixtures(long seed) {
    Clock clock = Clock.fixed(START, ZoneOffset.UTC);
    zhuli = Zhuli.builder().clock(clock).ids(IdGenerator.timeOrdered(clock, new Random(seed)))
        .build();
    mentorship = zhuli.mentorship();
    Roster r = zhuli.roster();
    Region weinan = r.createRegion(system, new NewRegion.Builder().name("渭南市")
        .level(RegionLevel.CITY).build());
    Region heyangCounty = r.createRegion(system, new NewRegion.Builder().name("合陽縣")
        .level(RegionLevel.COUNTY).parent(weinan.id()).build());
    Region xinchi = r.createRegion(system, new NewRegion.Builder().name("新池鎮")
        .level(RegionLevel.TOWN).parent(heyangCounty.id()).build());
    nangou = r.createVillage(system, new NewVillage.Builder().name("南溝社區")
        .kind(VillageKind.COMMUNITY).town(xinchi.id()).build());
    beishun = r.createVillage(system, new NewVillage.Builder().name("北順村")
        .town(xinchi.id()).build());
    heyang = r.createGroup(system, new NewGroup.Builder().name("合陽縣紅色助力團")
        .county(heyangCounty.id()).build());
    coordinator = member(heyang, "韓協調", Background.WORK_TEAM_MEMBER);
    r.appointCoordinator(system, heyang.id(), coordinator.id(), null);
    secretary = member(heyang, "高書記", Background.FIRST_SECRETARY);
    professorA = member(heyang, "田教授", Background.EXPERT);
    professorB = member(heyang, "馮教授", Background.EXPERT);
    Region chengcheng = r.createRegion(system, new NewRegion.Builder().name("澄城縣")
        .level(RegionLevel.COUNTY).parent(weinan.id()).build());
    HelpGroup other = r.createGroup(system, new NewGroup.Builder().name("澄城縣紅色助力團")
        .county(chengcheng.id()).build());
    outsider = member(other, "外縣專家", Background.EXPERT);
  }

  static MentorshipFixtures nangou() {
    return new MentorshipFixtures(20260302L);
  }

  private Member member(HelpGroup group, String name, Background background) {
    return zhuli.roster().addMember(system, new NewMember.Builder().group(group.id())
        .name(name).background(background).build());
  }

  /** The grape program with the article's policy. */
  Program grapes(ProgramPolicy policy) {
    return mentorship.createProgram(Actor.member(coordinator.id()), new NewProgram.Builder()
        .name("南溝葡萄示範園").village(nangou.id()).crop("陽光玫瑰葡萄").season("2026")
        .addPlan(Practice.of("石硫合劑清園", 10, 11), Practice.of("銅製劑防病", 12, 13),
            Practice.of("疏花疏果", 18, 20))
        .yieldTarget(new BigDecimal("2250")).owner(secretary.id()).policy(policy).build());
  }

  /** Registers n households in the program, by the owner. */
  List<HouseholdId> households(Program p, String prefix, int n) {
    List<HouseholdId> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(mentorship.registerHousehold(owner(), p.id(), new NewHousehold.Builder()
          .head(prefix + i + "號戶").build()).id());
    }
    return out;
  }

  Actor owner() {
    return Actor.member(secretary.id());
  }

  /** Claims and acknowledges every message due now; returns them. */
  List<OutboxMessage> drainAll() {
    List<OutboxMessage> out = new ArrayList<>();
    while (true) {
      List<ClaimedMessage> claimed = zhuli.storage().outbox()
          .claim("mentorship-tests", START, Duration.ofMinutes(1), 1000);
      if (claimed.isEmpty()) {
        return out;
      }
      for (ClaimedMessage c : claimed) {
        zhuli.storage().outbox().acknowledge(c.message().id(), c.fencingToken());
        out.add(c.message());
      }
    }
  }

  @Override
  public void close() {
    zhuli.close();
  }
}
