package dev.zhuli.core.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zhuli.core.order.DeadlinesProbe;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Two sweeps at different instants raced on one order: the later one raised the overdue notice,
 * then the earlier one, re-run after the conflict, still found its instant inside the reminder
 * window and reminded after the overdue notice of the same deadline. A reminder is now passed
 * over once the overdue notice is out.
 */
class ReminderAfterOverdueNoticeTest {

  @Test
  void noReminderOnceTheOverdueNoticeOfTheSameDeadlineIsOut() {
    Instant remindAt = Instant.parse("2024-06-03T09:30:00Z");
    Instant due = Instant.parse("2024-06-03T11:30:00Z");
    Instant between = Instant.parse("2024-06-03T10:30:00Z");
    assertThat(DeadlinesProbe.dueAlertAfterOverdueNotice(remindAt, due, between)).isNull();
    assertThat(DeadlinesProbe.dueAlertWithNothingRaised(remindAt, due, between))
        .isEqualTo("REMIND");
  }
}
