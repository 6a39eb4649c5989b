package dev.zhuli.core.mentorship;

import java.util.OptionalDouble;

/**
 * Counts of inspections and the compliance rate they give: the mean of their scores (on time 1,
 * late 0.5, not done 0). Voided inspections count for nothing.
 *
 * @param onTime inspections that found the practice done on time
 * @param late inspections that found it done late
 * @param notDone inspections that found it not done
 * @since 0.1.0
 */
public record Compliance(int onTime, int late, int notDone) {
  static final Compliance NONE = new Compliance(0, 0, 0);

  /**
   * How many inspections count.
   *
   * @return the count
   */
  public int inspections() {
    return onTime + late + notDone;
  }

  /**
   * The compliance rate, 0 to 1; empty without inspections.
   *
   * @return the rate
   */
  public OptionalDouble rate() {
    int n = inspections();
    return n == 0 ? OptionalDouble.empty() : OptionalDouble.of((onTime + 0.5 * late) / n);
  }

  Compliance plus(Execution e) {
    switch (e) {
      case ON_TIME:
        return new Compliance(onTime + 1, late, notDone);
      case LATE:
        return new Compliance(onTime, late + 1, notDone);
      default:
        return new Compliance(onTime, late, notDone + 1);
    }
  }
}
