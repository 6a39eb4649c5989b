package dev.zhuli.core.order;

import dev.zhuli.core.GroupId;
import dev.zhuli.core.ValidationException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The configurable numbers of the order lifecycle: how long after resolution a poor rating
 * reopens the order, how many times it may reopen, and how long a resolved order waits for a
 * rating before it may be closed unrated; and each group's {@link ServiceLevels}.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class OrderSettings {
  private final Duration reopenWindow;
  private final int maxReopens;
  private final Duration quietPeriod;
  private final double duplicateThreshold;
  private final ServiceLevels serviceLevels;
  private final Map<GroupId, ServiceLevels> groupServiceLevels;

  private OrderSettings(Duration reopenWindow, int maxReopens, Duration quietPeriod,
      double duplicateThreshold, ServiceLevels serviceLevels,
      Map<GroupId, ServiceLevels> groupServiceLevels) {
    this.reopenWindow = reopenWindow;
    this.maxReopens = maxReopens;
    this.quietPeriod = quietPeriod;
    this.duplicateThreshold = duplicateThreshold;
    this.serviceLevels = serviceLevels;
    this.groupServiceLevels = groupServiceLevels;
  }

  /**
   * The defaults: a rating of at most 2 within 15 days of resolution reopens the order, at most
   * twice; unrated orders may close 7 days after resolution; titles at least 0.6 similar are
   * possible duplicates; every group on {@link ServiceLevels#defaults()}.
   *
   * @return the defaults
   */
  public static OrderSettings defaults() {
    return new OrderSettings(Duration.ofDays(15), 2, Duration.ofDays(7), 0.6,
        ServiceLevels.defaults(), Map.of());
  }

  /**
   * Settings with these numbers.
   *
   * @param reopenWindow how long after resolution a poor rating reopens; positive
   * @param maxReopens how many times an order may reopen, 0 to 10
   * @param quietPeriod how long a resolved order waits for a rating; positive
   * @return the settings
   * @throws ValidationException if a number is out of range
   */
  public static OrderSettings of(Duration reopenWindow, int maxReopens, Duration quietPeriod) {
    if (reopenWindow == null || reopenWindow.isNegative() || reopenWindow.isZero()) {
      throw new ValidationException("orderSettings.reopenWindow", "must be positive");
    }
    if (maxReopens < 0 || maxReopens > 10) {
      throw new ValidationException("orderSettings.maxReopens",
          "must be between 0 and 10, was " + maxReopens);
    }
    if (quietPeriod == null || quietPeriod.isNegative() || quietPeriod.isZero()) {
      throw new ValidationException("orderSettings.quietPeriod", "must be positive");
    }
    return new OrderSettings(reopenWindow, maxReopens, quietPeriod, 0.6,
        ServiceLevels.defaults(), Map.of());
  }

  /**
   * The same settings with other service levels for every group that has none of its own.
   *
   * @param levels the service levels
   * @return the settings
   * @throws ValidationException if the levels are null
   */
  public OrderSettings withServiceLevels(ServiceLevels levels) {
    return new OrderSettings(reopenWindow, maxReopens, quietPeriod, duplicateThreshold,
        ServiceLevel.present("serviceLevels", levels), groupServiceLevels);
  }

  /**
   * The same settings with service levels of one group's own, for example its working calendar.
   *
   * @param group the group
   * @param levels its service levels
   * @return the settings
   * @throws ValidationException if either is null
   */
  public OrderSettings withServiceLevels(GroupId group, ServiceLevels levels) {
    Map<GroupId, ServiceLevels> copy = new HashMap<>(groupServiceLevels);
    copy.put(ServiceLevel.present("group", group),
        ServiceLevel.present("serviceLevels", levels));
    return new OrderSettings(reopenWindow, maxReopens, quietPeriod, duplicateThreshold,
        serviceLevels, Map.copyOf(copy));
  }

  /**
   * The service levels of a group: its own, or the common ones.
   *
   * @param group the group
   * @return its service levels
   */
  public ServiceLevels serviceLevels(GroupId group) {
    return groupServiceLevels.getOrDefault(group, serviceLevels);
  }

  /**
   * The same settings with another duplicate threshold.
   *
   * @param threshold the least title similarity (see {@link #duplicateThreshold()}) that makes
   *     an order a possible duplicate, above 0 and at most 1
   * @return the settings
   * @throws ValidationException if the threshold is out of range
   */
  public OrderSettings withDuplicateThreshold(double threshold) {
    if (!(threshold > 0 && threshold <= 1)) {
      throw new ValidationException("orderSettings.duplicateThreshold",
          "must be above 0 and at most 1, was " + threshold);
    }
    return new OrderSettings(reopenWindow, maxReopens, quietPeriod, threshold, serviceLevels,
        groupServiceLevels);
  }

  /**
   * The least similarity of two titles that makes a new order a possible duplicate of an open
   * order of the same village and category. Similarity is the Dice coefficient of the titles'
   * character bigrams after Unicode normalisation, case-folding and removing spaces and
   * punctuation: 1 for the same words, 0 for nothing in common.
   *
   * @return the threshold
   */
  public double duplicateThreshold() {
    return duplicateThreshold;
  }

  /**
   * How long after resolution a poor rating reopens the order.
   *
   * @return the window
   */
  public Duration reopenWindow() {
    return reopenWindow;
  }

  /**
   * How many times an order may reopen.
   *
   * @return the maximum
   */
  public int maxReopens() {
    return maxReopens;
  }

  /**
   * How long a resolved order waits for a rating before it may close unrated.
   *
   * @return the period
   */
  public Duration quietPeriod() {
    return quietPeriod;
  }

  @Override
  public String toString() {
    return "reopen within " + reopenWindow + " at most " + maxReopens + " times, quiet "
        + quietPeriod + ", duplicates from " + duplicateThreshold + ", " + serviceLevels
        + (groupServiceLevels.isEmpty() ? "" : ", own levels for groups "
            + new java.util.TreeSet<>(groupServiceLevels.keySet().stream()
                .map(GroupId::value).collect(java.util.stream.Collectors.toList())));
  }
}
