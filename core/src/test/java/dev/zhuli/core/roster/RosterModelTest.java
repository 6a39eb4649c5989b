package dev.zhuli.core.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.zhuli.core.Actor;
import dev.zhuli.core.ErrorCode;
import dev.zhuli.core.GroupId;
import dev.zhuli.core.MemberId;
import dev.zhuli.core.ZhuliException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.quicktheories.core.stateful.Sequential;

/**
 * The roster against its model ({@link RosterModel}): random histories of commands by random
 * actors, allowed and not, compared with the model after every step; and two races on the
 * roster's uniqueness and request keys.
 */
class RosterModelTest {
  private static final long WAIT_SECONDS = 10;

  @Test
  void randomHistoriesByRandomActorsMatchTheModel() {
    qt().withExamples(100).withShrinkCycles(100)
        .forAll(RosterModel.histories())
        .checkAssert(history -> {
          List<RosterModel.Sut> made = new ArrayList<>();
          try {
            Sequential.modelCheck(RosterModel.State.initial(), history, m -> {
              RosterModel.Sut sut = new RosterModel.Sut();
              made.add(sut);
              return sut;
            }, RosterModel::project);
          } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + RosterModel.takeDiff(), e);
          } finally {
            made.forEach(RosterModel.Sut::close);
          }
        });
  }

  @Test
  @Timeout(60)
  void racingCommandsKeepNamesUniqueAndRequestKeysIdempotent() throws Exception {
    try (RosterModel.Sut sut = new RosterModel.Sut()) {
      Roster roster = sut.roster;
      GroupId group = sut.groups.get(1);
      Actor office = sut.actor(RosterModel.Who.ADMIN_LINWEI);
      Actor coordinator = sut.actor(RosterModel.Who.COORDINATOR_1);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        for (int round = 1; round <= 20; round++) {
          NewSquad squad = new NewSquad.Builder().group(group).name("搶答組" + round)
              .kind(SquadKind.TRAINING).build();
          List<String> outcomes = race(pool, () -> {
            try {
              return "created " + roster.createSquad(office, squad).id();
            } catch (ZhuliException e) {
              return e.code().name();
            }
          });
          assertThat(outcomes).as("round %d of racing createSquad", round)
              .hasSize(2).filteredOn(o -> o.startsWith("created ")).hasSize(1);
          assertThat(outcomes).as("round %d of racing createSquad", round)
              .contains(ErrorCode.DUPLICATE_NAME.name());
          String name = "搶答組" + round;
          assertThat(RosterModel.all(p -> roster.squadsOf(group, p), 50))
              .filteredOn(s -> s.name().equals(name)).hasSize(1);
        }
        for (int round = 1; round <= 20; round++) {
          int before = RosterModel.all(p -> roster.membersOf(group, p), 50).size();
          NewMember member = new NewMember.Builder().group(group).name("志願者" + round)
              .phone("13912345678").background(Background.SELECTED_GRADUATE)
              .addSkills("直播電商").requestKey("race-" + round).build();
          List<String> ids = race(pool,
              () -> roster.addMember(coordinator, member).id().value());
          assertThat(ids).as("round %d of racing addMember with one request key", round)
              .hasSize(2).containsOnly(ids.get(0));
          List<MemberId> after = new ArrayList<>();
          RosterModel.all(p -> roster.membersOf(group, p), 50).forEach(m -> after.add(m.id()));
          assertThat(after).as("members of the group after round %d", round)
              .hasSize(before + 1).contains(MemberId.of(ids.get(0)));
        }
      } finally {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
      }
    }
  }

  /** Runs a task on two threads released together; both results, each within the bound. */
  private static <T> List<T> race(ExecutorService pool, Callable<T> task) throws Exception {
    CountDownLatch ready = new CountDownLatch(2);
    CountDownLatch go = new CountDownLatch(1);
    Callable<T> racer = () -> {
      ready.countDown();
      if (!go.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the race never started");
      }
      return task.call();
    };
    List<Future<T>> futures = List.of(pool.submit(racer), pool.submit(racer));
    assertThat(ready.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("both racers ready").isTrue();
    go.countDown();
    List<T> out = new ArrayList<>();
    for (Future<T> f : futures) {
      out.add(f.get(WAIT_SECONDS, TimeUnit.SECONDS));
    }
    return out;
  }
}
