package dev.zhuli.core.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zhuli.core.Actor;
import dev.zhuli.core.HouseholdId;
import dev.zhuli.core.RuleViolationException;
import dev.zhuli.core.Zhuli;
import dev.zhuli.core.mentorship.Mentorship;
import dev.zhuli.core.mentorship.MentorshipTree;
import dev.zhuli.core.mentorship.NewHousehold;
import dev.zhuli.core.mentorship.NewProgram;
import dev.zhuli.core.mentorship.Practice;
import dev.zhuli.core.mentorship.Program;
import dev.zhuli.core.mentorship.ProgramPolicy;
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
import dev.zhuli.core.store.InMemoryStorage;
import dev.zhuli.spi.storage.Capability;
import dev.zhuli.spi.storage.ClaimedMessage;
import dev.zhuli.spi.storage.FindRequest;
import dev.zhuli.spi.storage.OutboxMessage;
import dev.zhuli.spi.storage.Outbox;
import dev.zhuli.spi.storage.Page;
import dev.zhuli.spi.storage.Storage;
import dev.zhuli.spi.storage.StoredRecord;
import dev.zhuli.spi.storage.Transaction;
import dev.zhuli.spi.storage.UnitOfWork;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An assignment read the program's policy before the household it fills. A policy change that
 * committed between the two reads had already rewritten the household, so the assignment saw
 * the new household version, judged it by the old maximum, and committed without a conflict:
 * the household ended above the new maximum. The policy is now read again after the household.
 * Each test stops the command right after its first read of the program, deterministically.
 */
class PolicyChangeBetweenReadsTest {

  @Test
  @Timeout(30)
  void anAssignmentIsJudgedByThePolicyThatCommittedBeforeItsHouseholdRead() throws Exception {
    PausingStorage storage = new PausingStorage(InMemoryStorage.create());
    try (Zhuli zhuli = Zhuli.builder().storage(storage).build()) {
      Nangou w = Nangou.seed(zhuli);
      CompletableFuture<String> assign = CompletableFuture.supplyAsync(() -> {
        storage.victim = Thread.currentThread();
        try {
          w.m.assign(w.owner, w.program.id(), w.households.get(3), w.demo, null);
          return "ok";
        } catch (RuleViolationException e) {
          return e.rule();
        }
      });
      assertThat(storage.paused.await(10, TimeUnit.SECONDS)).as("the assignment paused").isTrue();
      w.m.changePolicy(w.owner, w.program.id(), ProgramPolicy.of(10, 1, 2), null);
      storage.resume.countDown();

      assertThat(assign.get(10, TimeUnit.SECONDS)).isEqualTo("household-full");
      assertThat(w.m.tree(w.tree.id()).orElseThrow().households().get(0).growerCount())
          .isEqualTo(2);
    }
  }

  /**
   * The same race on the way out: an unassignment judged the household it shrank by the
   * minimum it read before the household, so a minimum raised in between went unnoticed and
   * the expert never heard that the household fell below it.
   */
  @Test
  @Timeout(30)
  void aGrowerLeavingIsJudgedByThePolicyThatCommittedBeforeItsHouseholdRead() throws Exception {
    PausingStorage storage = new PausingStorage(InMemoryStorage.create());
    try (Zhuli zhuli = Zhuli.builder().storage(storage).build()) {
      Nangou w = Nangou.seed(zhuli);
      CompletableFuture<Void> unassign = CompletableFuture.runAsync(() -> {
        storage.victim = Thread.currentThread();
        w.m.unassign(w.owner, w.program.id(), w.households.get(1), "moved away", null);
      });
      assertThat(storage.paused.await(10, TimeUnit.SECONDS)).as("the grower paused").isTrue();
      w.m.changePolicy(w.owner, w.program.id(), ProgramPolicy.of(10, 2, 3), null);
      storage.resume.countDown();
      unassign.get(10, TimeUnit.SECONDS);

      List<String> types = new ArrayList<>();
      Outbox outbox = zhuli.storage().outbox();
      for (ClaimedMessage c : outbox.claim("test", Instant.now().plusSeconds(60),
          Duration.ofMinutes(1), 1000)) {
        types.add(c.message().type());
      }
      assertThat(types).containsOnlyOnce("mentorship.household_under_staffed");
    }
  }

  /** Nangou's program with one tree: a demonstration household guiding two of three growers. */
  private record Nangou(Mentorship m, Actor owner, Program program, MentorshipTree tree,
      HouseholdId demo, List<HouseholdId> households) {

    static Nangou seed(Zhuli zhuli) {
      Actor setup = Actor.system("setup");
      Roster r = zhuli.roster();
      Region city = r.createRegion(setup, new NewRegion.Builder().name("渭南市")
          .level(RegionLevel.CITY).build());
      Region county = r.createRegion(setup, new NewRegion.Builder().name("合陽縣")
          .level(RegionLevel.COUNTY).parent(city.id()).build());
      Region town = r.createRegion(setup, new NewRegion.Builder().name("新池鎮")
          .level(RegionLevel.TOWN).parent(county.id()).build());
      Village nangou = r.createVillage(setup, new NewVillage.Builder().name("南溝社區")
          .town(town.id()).build());
      HelpGroup group = r.createGroup(setup, new NewGroup.Builder().name("合陽縣紅色助力團")
          .county(county.id()).build());
      Member secretary = r.addMember(setup, new NewMember.Builder().group(group.id())
          .name("高書記").background(Background.FIRST_SECRETARY).build());
      Member professor = r.addMember(setup, new NewMember.Builder().group(group.id())
          .name("田教授").background(Background.EXPERT).build());
      Mentorship m = zhuli.mentorship();
      Actor owner = Actor.member(secretary.id());
      Program p = m.createProgram(setup, new NewProgram.Builder().name("南溝葡萄示範園")
          .village(nangou.id()).crop("葡萄").season("2026").addPlan(Practice.of("疏果", 18, 20))
          .yieldTarget(new BigDecimal("2250")).owner(secretary.id())
          .policy(ProgramPolicy.of(10, 1, 3)).build());
      MentorshipTree tree = m.addExpert(owner, p.id(), professor.id(), null);
      List<HouseholdId> hs = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        hs.add(m.registerHousehold(owner, p.id(), new NewHousehold.Builder().head("戶" + i)
            .build()).id());
      }
      HouseholdId demo = hs.get(0);
      m.appoint(owner, tree.id(), demo, null);
      m.assign(owner, p.id(), hs.get(1), demo, null);
      m.assign(owner, p.id(), hs.get(2), demo, null);
      return new Nangou(m, owner, p, tree, demo, List.copyOf(hs));
    }
  }

  /** Delegates, but stops the victim thread once, right after it first reads a program. */
  static final class PausingStorage implements Storage {
    private final Storage inner;
    volatile Thread victim;
    final CountDownLatch paused = new CountDownLatch(1);
    final CountDownLatch resume = new CountDownLatch(1);
    private final AtomicBoolean armed = new AtomicBoolean(true);

    PausingStorage(Storage inner) {
      this.inner = inner;
    }

    @Override
    public Set<Capability> capabilities() {
      return inner.capabilities();
    }

    @Override
    public <T> T transact(UnitOfWork<T> work) {
      return inner.transact(tx -> work.run(new Transaction() {
        @Override
        public Optional<StoredRecord> get(String kind, String id) {
          Optional<StoredRecord> r = tx.get(kind, id);
          if (kind.equals("program") && Thread.currentThread() == victim
              && armed.compareAndSet(true, false)) {
            paused.countDown();
            try {
              resume.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          return r;
        }

        @Override
        public long put(StoredRecord record, long expectedVersion) {
          return tx.put(record, expectedVersion);
        }

        @Override
        public void delete(String kind, String id, long expectedVersion) {
          tx.delete(kind, id, expectedVersion);
        }

        @Override
        public Page<StoredRecord> find(FindRequest request) {
          return tx.find(request);
        }

        @Override
        public void enqueue(OutboxMessage message) {
          tx.enqueue(message);
        }
      }));
    }

    @Override
    public Outbox outbox() {
      return inner.outbox();
    }

    @Override
    public void close() {
      inner.close();
    }
  }
}
