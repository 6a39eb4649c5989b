package dev.zhuli.core.mentorship;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zhuli.core.Actor;
import dev.zhuli.core.HouseholdId;
import dev.zhuli.core.IdGenerator;
import dev.zhuli.core.ProgramId;
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
import dev.zhuli.spi.storage.FindRequest;
import dev.zhuli.spi.storage.OutboxMessage;
import dev.zhuli.spi.storage.Page;
import dev.zhuli.spi.storage.StoredRecord;
import dev.zhuli.spi.storage.Transaction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A Nangou world for the mentorship tests: 合陽縣 新池鎮 南溝社區 with its help group, the first
 * secretary who owns the grape program, two professors (experts), a coordinator, and a member
 * of another county's group; an administrator of 合陽縣 and one of 澄城縣. Every instance has an
 * event subscriber ({@value #AUDIT}), so that committed commands leave their events in the
 * outbox. All names of people are invented.
 */
final class MentorshipFixtures implements AutoCloseable {
  static final Instant START = Instant.parse("2026-03-02T01:00:00Z");
  /** The event subscriber every instance registers. */
  static final String AUDIT = "audit";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Each kind of record mentorship writes, with an index key every record of it carries. */
  private static final Map<String, String> KINDS = Map.of("program", "village", "tree",
      "program", "household", "village", "participant", "program", "zhuli_request", "about");

  final Zhuli zhuli;
  final Mentorship mentorship;
  final Region heyangCounty;
  final Region chengcheng;
  final Village nangou;
  final Village beishun;
  final HelpGroup heyang;
  final Member coordinator;
  final Member secretary;
  final Member professorA;
  final Member professorB;
  final Member outsider;
  final Actor system = Actor.system("mentorship-tests");
  /** An administrator of 合陽縣, the county of the programs. */
  final Actor countyAdmin;
  /** An administrator of 澄城縣, another county. */
  final Actor otherCountyAdmin;
  private Others others;

  private MentorshipFixtures(long seed, int maxAttempts) {
    Clock clock = Clock.fixed(START, ZoneOffset.UTC);
    zhuli = Zhuli.builder().clock(clock).ids(IdGenerator.timeOrdered(clock, new Random(seed)))
        .subscriber(AUDIT, e -> { }).maxAttempts(maxAttempts).build();
    mentorship = zhuli.mentorship();
    Roster r = zhuli.roster();
    Region weinan = r.createRegion(system, new NewRegion.Builder().name("渭南市")
        .level(RegionLevel.CITY).build());
    heyangCounty = r.createRegion(system, new NewRegion.Builder().name("合陽縣")
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
    chengcheng = r.createRegion(system, new NewRegion.Builder().name("澄城縣")
        .level(RegionLevel.COUNTY).parent(weinan.id()).build());
    HelpGroup other = r.createGroup(system, new NewGroup.Builder().name("澄城縣紅色助力團")
        .county(chengcheng.id()).build());
    outsider = member(other, "外縣專家", Background.EXPERT);
    countyAdmin = Actor.administrator("heyang-office", List.of(heyangCounty.id()));
    otherCountyAdmin = Actor.administrator("chengcheng-office", List.of(chengcheng.id()));
  }

  static MentorshipFixtures nangou() {
    return new MentorshipFixtures(20260302L, 5);
  }

  /**
   * A Nangou world whose commands re-run up to {@code maxAttempts} times on a conflict: races of
   * n commands on one record need n attempts for every loser to see the winners' result.
   */
  static MentorshipFixtures nangou(long seed, int maxAttempts) {
    return new MentorshipFixtures(seed, maxAttempts);
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

  /** Another program in Nangou, owned by the secretary, with the given policy. */
  Program apples(ProgramPolicy policy) {
    return mentorship.createProgram(system, new NewProgram.Builder().name("南溝蘋果示範園")
        .village(nangou.id()).crop("富士蘋果").season("2026")
        .addPlan(Practice.of("套袋", 22, 24)).yieldTarget(new BigDecimal("3500.5"))
        .owner(secretary.id()).policy(policy).build());
  }

  /**
   * The apple program with two households registered in it only, made once per world: programs
   * of other tests in the world may register them too, each in its own right.
   */
  synchronized Others others() {
    if (others == null) {
      Program p = apples(ProgramPolicy.defaults());
      others = new Others(p.id(), households(p, "外", 2));
    }
    return others;
  }

  /** A program and households registered in it. */
  record Others(ProgramId program, List<HouseholdId> households) {}

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

  /** The notifications among the messages, as type and recipients, read from their payloads. */
  static List<Note> notes(List<OutboxMessage> messages) {
    List<Note> out = new ArrayList<>();
    for (OutboxMessage m : messages) {
      if (m.destination().equals("notifier")) {
        try {
          JsonNode n = JSON.readTree(m.payload());
          List<String> recipients = new ArrayList<>();
          n.path("recipients").forEach(r -> recipients.add(r.asText()));
          out.add(new Note(m.type(), recipients));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return out;
  }

  /** A notification waiting in the outbox: its type and its recipients' ids. */
  record Note(String type, List<String> recipients) {}

  /**
   * Every record mentorship writes (programs, trees, households, participations, and request
   * keys that remember an aggregate), read in one transaction: kind and id to version, index and
   * body, the body in Base64 so that equal snapshots mean equal bytes.
   */
  Map<String, String> snapshot() {
    return zhuli.storage().transact(tx -> {
      Map<String, String> out = new TreeMap<>();
      KINDS.forEach((kind, key) -> find(tx, FindRequest.of(kind, key), out));
      return out;
    });
  }

  /**
   * The records of some programs only (each program, its trees and participations) and of some
   * households, as {@link #snapshot()} shows them, for a world that holds other programs too.
   */
  Map<String, String> snapshot(List<String> programs, Collection<String> households) {
    return zhuli.storage().transact(tx -> {
      Map<String, String> out = new TreeMap<>();
      for (String p : programs) {
        tx.get("program", p).ifPresent(r -> out.put("program/" + p, show(r)));
        find(tx, FindRequest.of("tree", "program").equalTo(p), out);
        find(tx, FindRequest.of("participant", "program").equalTo(p), out);
      }
      for (String h : households) {
        tx.get("household", h).ifPresent(r -> out.put("household/" + h, show(r)));
      }
      return out;
    });
  }

  private static void find(Transaction tx, FindRequest first, Map<String, String> out) {
    FindRequest request = first.limit(100);
    while (true) {
      Page<StoredRecord> page = tx.find(request);
      for (StoredRecord r : page.items()) {
        out.put(r.kind() + "/" + r.id(), show(r));
      }
      if (page.nextCursor().isEmpty()) {
        return;
      }
      request = request.after(page.nextCursor().get());
    }
  }

  private static String show(StoredRecord r) {
    TreeSet<String> index = new TreeSet<>();
    r.index().forEach(e -> index.add(e.key() + "=" + e.value()));
    return "v" + r.version() + " " + index + " " + Base64.getEncoder().encodeToString(r.body());
  }

  @Override
  public void close() {
    zhuli.close();
  }
}
