package dev.zhuli.core.order;

import dev.zhuli.core.order.OrderRecords.AlertRecord;
import dev.zhuli.core.order.OrderRecords.StageRecord;
import java.time.Instant;
import java.util.List;

/** Lets tests outside the package ask {@link Deadlines} what is due on a hand-made clock. */
public final class DeadlinesProbe {
  private DeadlinesProbe() {}

  /** What is due at {@code now} on a dispatch clock whose overdue notice is out already. */
  public static String dueAlertAfterOverdueNotice(Instant remindAt, Instant due, Instant now) {
    StageRecord stage = new StageRecord("DISPATCH", remindAt.minusSeconds(36000).toString(),
        due.toString(), remindAt.toString(), due.plusSeconds(86400).toString(), null, null,
        List.of(new AlertRecord("MARK_OVERDUE", due.toString(), due.toString())));
    Transition t = Deadlines.dueAlert(stage, now);
    return t == null ? null : t.name();
  }

  /** What is due at {@code now} on a dispatch clock with nothing raised. */
  public static String dueAlertWithNothingRaised(Instant remindAt, Instant due, Instant now) {
    StageRecord stage = new StageRecord("DISPATCH", remindAt.minusSeconds(36000).toString(),
        due.toString(), remindAt.toString(), due.plusSeconds(86400).toString(), null, null,
        List.of());
    Transition t = Deadlines.dueAlert(stage, now);
    return t == null ? null : t.name();
  }
}
