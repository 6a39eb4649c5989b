package dev.zhuli.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zhuli.spi.notify.DomainEvent;
import dev.zhuli.spi.notify.Notification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link MultiInstanceTest} trusts {@link DeliveryLog} to catch two deliveries of one message at
 * the same time; this shows that it does, and that deliveries one after the other pass.
 */
class DeliveryLogTest {
  @TempDir
  Path folder;

  @Test
  @Timeout(30)
  void aSecondDeliveryWhileTheFirstRunsIsReportedAsAnOverlap() throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    CountDownLatch overlapSeen = new CountDownLatch(1);
    AtomicBoolean first = new AtomicBoolean(true);
    // The first delivery stays inside its callback until the second has reported.
    DeliveryLog a = new DeliveryLog(folder, "a", line -> {
      lines.add(line);
      if (line.startsWith("delivered ") && first.getAndSet(false)) {
        try {
          assertThat(overlapSeen.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    });
    DeliveryLog b = new DeliveryLog(folder, "b", line -> {
      lines.add(line);
      if (line.startsWith("overlap ")) {
        overlapSeen.countDown();
      }
    });
    Notification n = Notification.of("n1", "order.placed", List.of("m1"), "order.placed",
        Map.of(), Locale.ROOT);
    Thread running = new Thread(() -> a.notifier().deliver(n));
    running.start();
    while (!Files.exists(folder.resolve("n1")) && running.isAlive()) {
      Thread.onSpinWait();
    }
    b.notifier().deliver(n);
    running.join(TimeUnit.SECONDS.toMillis(10));
    assertThat(lines).contains("overlap n1 b", "delivered n1 a notifier - 0",
        "delivered n1 b notifier - 0");
    assertThat(folder.resolve("n1")).doesNotExist();
  }

  @Test
  void deliveriesOneAfterTheOtherAreNoOverlap() {
    List<String> lines = new CopyOnWriteArrayList<>();
    DeliveryLog log = new DeliveryLog(folder, "a", lines::add);
    DomainEvent e = DomainEvent.of("e1", "order.placed", "order", "o1", 1, Instant.EPOCH, "{}");
    log.subscriber().on(e);
    log.subscriber().on(e);
    assertThat(lines).containsExactly("delivered e1.audit a subscriber:audit order/o1 1",
        "delivered e1.audit a subscriber:audit order/o1 1");
  }
}
