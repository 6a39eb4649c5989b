package dev.zhuli.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;

/**
 * Retained heap per stored order in the in-memory store: the heap in use after full collections,
 * before and after storing many orders, divided by their number. The relay delivers (to a
 * notifier that drops them) whatever is due as the orders are stored, so that pending outbox
 * messages are not counted as orders; messages due later, such as reminders, stay and count.
 *
 * @since 0.1.0
 */
public final class RetainedHeap {
  private RetainedHeap() {}

  /**
   * Measures.
   *
   * @param orders how many orders to store
   * @param closed true to take each through its whole lifecycle (timeline of four transitions and
   *     a rating), false to only place it (DISPATCHED)
   * @return bytes per stored order
   */
  static double bytesPerOrder(int orders, boolean closed) {
    Store store = Store.open(Database.MEMORY);
    try {
      Village village = Village.build(store.zhuli(), 1,
          Math.max(1, orders / Village.ORDERS_PER_VILLAGE));
      drain(store);
      long before = usedAfterGc();
      for (int i = 1; i <= orders; i++) {
        if (closed) {
          village.lifecycle(0, i);
        } else {
          village.place(0, i);
        }
        if (i % 1000 == 0) {
          drain(store);
        }
      }
      drain(store);
      long after = usedAfterGc();
      Reference.reachabilityFence(village);
      return (after - before) / (double) orders;
    } finally {
      store.close();
    }
  }

  private static void drain(Store store) {
    while (store.zhuli().relay().pollOnce(store.zhuli().clock().instant()) > 0) {
      // deliver until nothing is due
    }
  }

  private static long usedAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
