package dev.zhuli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zhuli.core.OrderId;
import dev.zhuli.core.order.OrderStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  /**
   * With a fixtures folder, the first growth benchmark on H2 keeps its stored orders, compacted,
   * and the next one measures on a copy: the same orders, its roster reopened from the kept ids,
   * and its own lifecycles leave the kept file alone.
   */
  @Test
  void aSecondForkOnH2MeasuresOnACopyOfTheFirstOnesOrders(@TempDir Path folder)
      throws Exception {
    String before = System.getProperty(Store.FIXTURES);
    System.setProperty(Store.FIXTURES, folder.toString());
    try {
      Growth first = growthOnH2(200);
      Path kept = folder.resolve("growth-200.mv.db");
      long keptSize;
      java.util.Properties ids = first.village().describe();
      try {
        assertThat(kept).exists();
        assertThat(folder.resolve("growth-200.properties")).exists();
        keptSize = Files.size(kept);
        first.lifecycle();
      } finally {
        first.close();
      }
      Growth second = growthOnH2(200);
      try {
        assertThat(second.village().describe()).isEqualTo(ids);
        assertThat(second.openWorkPage().items()).hasSize(200 / Growth.FILLER_SQUADS);
        OrderId id = second.lifecycle();
        assertThat(second.store().zhuli().orders().order(id).orElseThrow().status())
            .isEqualTo(OrderStatus.CLOSED);
      } finally {
        second.close();
      }
      assertThat(Files.size(kept)).isEqualTo(keptSize);
    } finally {
      if (before == null) {
        System.clearProperty(Store.FIXTURES);
      } else {
        System.setProperty(Store.FIXTURES, before);
      }
    }
  }

  private static Growth growthOnH2(int stored) {
    Growth growth = new Growth();
    growth.database = Database.H2;
    growth.stored = stored;
    growth.open();
    return growth;
  }
}
