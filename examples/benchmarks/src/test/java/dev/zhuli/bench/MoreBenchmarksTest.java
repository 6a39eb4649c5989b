package dev.zhuli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zhuli.core.HouseholdId;
import dev.zhuli.core.mentorship.DemoHousehold;
import dev.zhuli.core.mentorship.Inspection;
import dev.zhuli.core.mentorship.MentorshipTree;
import dev.zhuli.core.order.OrderStatus;
import org.junit.jupiter.api.Test;

/**
 * The mentorship, query and relay benchmark states set up and one operation does what it
 * should, on a smaller store than the benchmarks use. Nothing here measures.
 */
class MoreBenchmarksTest {

  @Test
  void assigningRotatesGrowersThroughHouseholdsThatKeepTheirRoom() {
    MentorshipCommands bench = new MentorshipCommands();
    bench.database = Database.MEMORY;
    bench.poolSize = 160;
    bench.open();
    try {
      MentorshipCommands.Next next = new MentorshipCommands.Next();
      next.choose(bench);
      HouseholdId first = next.grower;
      DemoHousehold d = bench.assign(next);
      assertThat(d.growers()).contains(first).hasSize(MentorshipCommands.KEPT);
      // two more rounds: every household gives back its oldest grower before it takes one
      for (int i = 0; i < 2 * MentorshipCommands.HOUSEHOLDS; i++) {
        next.choose(bench);
        assertThat(bench.assign(next).growers()).hasSize(MentorshipCommands.KEPT);
      }
      MentorshipTree tree = bench.vineyard().tree();
      MentorshipTree now = bench.store().zhuli().mentorship().tree(tree.id()).orElseThrow();
      assertThat(now.households()).allSatisfy(
          h -> assertThat(h.growerCount()).isEqualTo(MentorshipCommands.KEPT));
    } finally {
      bench.close();
    }
  }

  @Test
  void inspectingRecordsAnInspectionOfAnAssignedGrower() {
    MentorshipCommands bench = new MentorshipCommands();
    bench.database = Database.MEMORY;
    bench.poolSize = 160;
    bench.open();
    try {
      Inspection inspection = bench.inspect();
      assertThat(bench.store().zhuli().supervision()
          .inspections(bench.vineyard().program(), inspection.grower()))
          .containsExactly(inspection);
      assertThat(bench.vineyard().plan().get(0).name()).isEqualTo(inspection.practice());
    } finally {
      bench.close();
    }
  }

  @Test
  void theQueriesSeeTheStoredOrdersAndTheSeason() {
    Queries bench = new Queries();
    bench.database = Database.MEMORY;
    bench.orders = 80;
    bench.growers = 3;
    bench.open();
    try {
      int perSquad = 80 / Queries.SQUADS;
      assertThat(bench.openOrdersPage().items()).hasSize(perSquad / 2)
          .allSatisfy(o -> assertThat(o.status())
              .isIn(OrderStatus.DISPATCHED, OrderStatus.ACCEPTED));
      assertThat(bench.disparityReport().yieldPerMu().count())
          .isEqualTo(Queries.HOUSEHOLDS * 3);
      assertThat(bench.serviceLevelStatistics().resolved()).isEqualTo(perSquad / 2);
      assertThat(bench.squadStatistics().placed()).isEqualTo(perSquad);
    } finally {
      bench.close();
    }
  }

  @Test
  void oneCallDeliversTheBatchFromAnH2File() {
    RelayDelivery bench = new RelayDelivery();
    bench.database = Database.H2;
    bench.villages = 2;
    bench.batch = 10;
    bench.open();
    try {
      bench.commit();
      assertThat(bench.delivered()).isZero();
      assertThat(bench.deliver()).isEqualTo(10);
      bench.commit();
      assertThat(bench.deliver()).isEqualTo(20);
    } finally {
      bench.close();
    }
  }

  @Test
  void latencyTimesEveryNotificationCommittedInTheMeasuredPeriod() {
    RelayDelivery.Lag lag = RelayDelivery.latency(Database.MEMORY, 50, 200, 5_000);
    assertThat(lag.missing()).isZero();
    assertThat(lag.sorted()).isNotEmpty().isSorted();
    assertThat(lag.sorted()[0]).isNotNegative();
  }
}
