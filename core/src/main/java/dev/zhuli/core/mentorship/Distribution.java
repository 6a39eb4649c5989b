package dev.zhuli.core.mentorship;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;

/**
 * How a figure spreads over growers: mean, median, 10th and 90th percentiles and their ratio.
 * Percentiles use the nearest-rank method: the p-th of n sorted values is the value at rank
 * ⌈p·n/100⌉; the median is the 50th percentile.
 *
 * @param count how many values
 * @param mean the mean
 * @param median the median
 * @param p10 the 10th percentile
 * @param p90 the 90th percentile
 * @since 0.1.0
 */
public record Distribution(int count, double mean, double median, double p10, double p90) {

  /**
   * The distribution of some values.
   *
   * @param values the values
   * @return the distribution; all zero for no values
   */
  public static Distribution of(List<Double> values) {
    if (values.isEmpty()) {
      return new Distribution(0, 0, 0, 0, 0);
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    double sum = 0;
    for (double v : sorted) {
      sum += v;
    }
    return new Distribution(sorted.size(), sum / sorted.size(), rank(sorted, 50),
        rank(sorted, 10), rank(sorted, 90));
  }

  private static double rank(List<Double> sorted, int p) {
    int r = (int) Math.ceil(p * sorted.size() / 100.0);
    return sorted.get(Math.max(0, r - 1));
  }

  /**
   * The disparity: p90 / p10; empty when p10 is 0.
   *
   * @return the ratio
   */
  public OptionalDouble ratio() {
    return p10 > 0 ? OptionalDouble.of(p90 / p10) : OptionalDouble.empty();
  }
}
