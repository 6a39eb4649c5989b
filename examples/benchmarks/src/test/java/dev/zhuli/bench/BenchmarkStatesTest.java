package dev.zhuli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zhuli.core.OrderId;
import dev.zhuli.core.order.OrderStatus;
import org.junit.jupiter.api.Test;

/**
 * The benchmark states set up and one operation runs, so that a broken benchmark shows in the
 * build rather than after minutes of a comparison run. Nothing here measures.
 */
class BenchmarkStatesTest {

  @Test
  void aLifecycleClosesTheOrderInMemoryAndInAnH2File() {
    for (Database database : new Database[] {Database.MEMORY, Database.H2}) {
      OrderLifecycle bench = new OrderLifecycle();
      bench.database = database;
      bench.open();
      try {
        OrderId id = bench.lifecycle();
        assertThat(bench.orders().order(id).orElseThrow().status())
            .as(database.name()).isEqualTo(OrderStatus.CLOSED);
      } finally {
        bench.close();
      }
    }
  }

  @Test
  void theFloorRunsItsFourTransactions() throws Exception {
    JdbcFloor floor = new JdbcFloor();
    floor.database = Database.H2;
    floor.open();
    try {
      assertThat(floor.lifecycle()).startsWith("order-");
    } finally {
      floor.close();
    }
  }

  @Test
  void growthStoresTheOrdersAndPagesTheirOpenWork() {
    Growth growth = new Growth();
    growth.database = Database.MEMORY;
    growth.stored = 100;
    growth.open();
    try {
      growth.lifecycle();
      assertThat(growth.openWorkPage().items()).hasSize(100 / Growth.FILLER_SQUADS);
    } finally {
      growth.close();
    }
  }
}
