package dev.zhuli.core.order;

import dev.zhuli.core.order.OrderRecords.ActivityRecord;
import dev.zhuli.core.order.OrderRecords.EntryRecord;
import dev.zhuli.core.order.OrderRecords.OrderRecord;
import dev.zhuli.core.order.OrderRecords.RatingRecord;
import dev.zhuli.core.store.Times;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Computes {@link OrderStatistics} from order records: a pure function, tested on its own. */
final class OrderFigures {
  private OrderFigures() {}

  static OrderStatistics of(List<OrderRecord> orders, String squad, Instant from, Instant to) {
    Map<OrderStatus, Integer> byStatus = new EnumMap<>(OrderStatus.class);
    for (OrderStatus s : OrderStatus.values()) {
      byStatus.put(s, 0);
    }
    Map<Integer, Integer> ratings = new TreeMap<>();
    for (int stars = 1; stars <= 5; stars++) {
      ratings.put(stars, 0);
    }
    List<Duration> toAccept = new ArrayList<>();
    List<Duration> toResolve = new ArrayList<>();
    int placed = 0;
    int returns = 0;
    int reopens = 0;
    int ratingSum = 0;
    int ratingCount = 0;
    BigDecimal money = BigDecimal.ZERO;
    long trained = 0;
    for (OrderRecord o : orders) {
      Instant placedAt = Times.parse(o.placedAt());
      if (placedAt.isBefore(from) || !placedAt.isBefore(to)) {
        continue;
      }
      if (squad != null && !squad.equals(o.squad()) && !o.returnsBySquad().containsKey(squad)) {
        continue;
      }
      boolean handled = squad == null || squad.equals(o.squad());
      if (squad != null) {
        returns += o.returnsBySquad().getOrDefault(squad, 0);
      } else {
        returns += o.returns();
      }
      if (!handled) {
        continue;
      }
      placed++;
      byStatus.merge(OrderStatus.valueOf(o.status()), 1, Integer::sum);
      reopens += o.reopens();
      Optional<Instant> accepted = first(o, Transition.ACCEPT, Transition.ASSIGN);
      Optional<Instant> resolved = first(o, Transition.RESOLVE);
      accepted.ifPresent(at -> toAccept.add(Duration.between(placedAt, at)));
      if (accepted.isPresent() && resolved.isPresent()) {
        toResolve.add(Duration.between(accepted.get(), resolved.get()));
      }
      for (RatingRecord r : o.ratings()) {
        ratings.merge(r.stars(), 1, Integer::sum);
        ratingSum += r.stars();
        ratingCount++;
      }
      for (ActivityRecord a : o.activities()) {
        if (a.voided()) {
          continue;
        }
        if (a.money() != null) {
          money = money.add(a.money());
        }
        if (a.headCount() != null) {
          trained += a.headCount();
        }
      }
    }
    toAccept.sort(null);
    toResolve.sort(null);
    return ImmutableOrderStatistics.builder().from(from).to(to).placed(placed)
        .byStatus(byStatus)
        .medianTimeToAccept(percentile(toAccept, 50)).p90TimeToAccept(percentile(toAccept, 90))
        .medianTimeToResolve(percentile(toResolve, 50))
        .p90TimeToResolve(percentile(toResolve, 90))
        .returns(returns).reopens(reopens).ratings(ratings)
        .meanRating(ratingCount == 0 ? Optional.empty()
            : Optional.of((double) ratingSum / ratingCount))
        .moneyMobilised(money).trained(trained).build();
  }

  /** The nearest-rank percentile of sorted values: the value at rank ⌈p·n/100⌉. */
  static Optional<Duration> percentile(List<Duration> sorted, int p) {
    if (sorted.isEmpty()) {
      return Optional.empty();
    }
    int rank = (int) Math.ceil(p * sorted.size() / 100.0);
    return Optional.of(sorted.get(Math.max(rank, 1) - 1));
  }

  private static Optional<Instant> first(OrderRecord o, Transition... transitions) {
    for (EntryRecord e : o.timeline()) {
      for (Transition t : transitions) {
        if (t.name().equals(e.transition())) {
          return Optional.of(Times.parse(e.at()));
        }
      }
    }
    return Optional.empty();
  }
}
