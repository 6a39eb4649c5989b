package dev.zhuli.weinan;

import dev.zhuli.core.HouseholdId;
import dev.zhuli.core.mentorship.BonusAward;
import dev.zhuli.core.mentorship.Compliance;
import dev.zhuli.core.mentorship.DemoHousehold;
import dev.zhuli.core.mentorship.Distribution;
import dev.zhuli.core.mentorship.HouseholdFigures;
import dev.zhuli.core.order.OrderStatistics;
import dev.zhuli.core.order.OrderStatus;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/** The terminal report: orders per county and squad, the Nangou tree, yields and bonuses. */
final class TextReport {
  private final Labels l;

  TextReport(Labels labels) {
    this.l = labels;
  }

  String render(Figures f) {
    StringBuilder out = new StringBuilder();
    out.append("== ").append(l.get("title")).append(" ==\n\n");
    out.append("-- ").append(l.get("orders")).append(" --\n");
    for (Figures.Row r : f.rows()) {
      OrderStatistics s = r.stats();
      String who = r.squad() == null ? r.county() + " " + l.get("all") : "    " + r.squad();
      out.append(String.format("%s: %s %d; %s %s; %s %s; %s %s; %s %s; %s %s; %s %s; %s %d%n",
          who, l.get("placed"), s.placed(), l.get("status"), statuses(s.byStatus()),
          l.get("accept"), span(s.medianTimeToAccept(), s.p90TimeToAccept()),
          l.get("resolve"), span(s.medianTimeToResolve(), s.p90TimeToResolve()),
          l.get("inTime"), share(r.inTime().inTimeShare(), r.inTime().resolvedInTime(),
              r.inTime().resolved()),
          l.get("rating"), s.meanRating().map(m -> String.format("%.1f (%s)", m,
              stars(s.ratings()))).orElse("-"),
          l.get("money"), s.moneyMobilised().toPlainString(), l.get("trained"), s.trained()));
    }
    Figures.Totals t = f.totals();
    out.append(String.format("%s: %s %d; %s %s; %s %d/%d; %s %s; %s %d%n%n", l.get("total"),
        l.get("placed"), t.placed(), l.get("status"), statuses(t.byStatus()), l.get("inTime"),
        t.resolvedInTime(), t.resolved(), l.get("money"), t.money().toPlainString(),
        l.get("trained"), t.trained()));

    out.append("-- ").append(l.get("tree")).append(" --\n");
    Map<HouseholdId, String> names = f.story().householdNames();
    out.append(String.format("%s %s: %d %s, %d %s%n", l.get("expert"),
        f.story().professor().name(), f.tree().households().size(), l.get("households"),
        f.tree().growerCount(), l.get("growers")));
    int n = f.tree().households().size();
    for (int i = 0; i < n; i++) {
      DemoHousehold d = f.tree().households().get(i);
      boolean last = i == n - 1;
      Compliance c = f.compliance().byHousehold().get(d.household());
      out.append(String.format("%s %s: %d %s, %s %s%n", last ? "└──" : "├──",
          names.getOrDefault(d.household(), d.household().value()), d.growerCount(),
          l.get("growers"), l.get("compliance"), c == null ? "-" : percent(c.rate())));
    }
    out.append('\n');

    out.append("-- ").append(l.get("yieldByHousehold")).append(" --\n");
    for (HouseholdFigures h : f.disparity().byHousehold()) {
      out.append(String.format("%s: %s %s, %s %s%n", names.get(h.household()),
          l.get("yield"), h.yieldPerMu().isPresent()
              ? String.format("%.0f", h.yieldPerMu().getAsDouble()) : "-",
          l.get("compliance"), percent(h.meanCompliance())));
    }
    Distribution y = f.disparity().yieldPerMu();
    out.append(String.format("%s: %s p10 %.0f, median %.0f, p90 %.0f; %s %.2f; %s %.2f;"
        + " %s %s%n%s%n%n", l.get("disparity"), l.get("yield"), y.p10(), y.median(), y.p90(),
        l.get("ratio"), y.ratio().orElse(Double.NaN), l.get("correlation"),
        f.disparity().correlation().orElse(Double.NaN), l.get("atTarget"),
        percent(f.disparity().shareAtTarget()),
        l.get(f.disparity().executionExplainsGap() ? "explains" : "notExplains")));

    out.append("-- ").append(l.get("bonuses")).append(" --\n");
    for (BonusAward a : f.bonuses().awards()) {
      out.append(names.get(a.household())).append(": ").append(a.amount().toPlainString())
          .append('\n');
      for (String line : a.lines()) {
        out.append("    ").append(line).append('\n');
      }
    }
    out.append(l.get("total")).append(": ").append(f.bonuses().total().toPlainString());
    f.bonuses().approvalNote().ifPresent(note -> out.append(" (").append(l.get("approved"))
        .append(": ").append(note).append(')'));
    out.append("\n\n-- ").append(l.get("promoted")).append(" --\n");
    out.append(f.story().nangou().name()).append(" → ").append(f.story().promoted().name())
        .append(" (").append(f.story().promoted().season()).append(")\n");
    return out.toString();
  }

  String statuses(Map<OrderStatus, Integer> byStatus) {
    String s = byStatus.entrySet().stream().filter(e -> e.getValue() > 0)
        .map(e -> l.get("status." + e.getKey().name()) + " " + e.getValue())
        .collect(Collectors.joining(", "));
    return s.isEmpty() ? "-" : s;
  }

  static String stars(Map<Integer, Integer> ratings) {
    return ratings.entrySet().stream().filter(e -> e.getValue() > 0)
        .map(e -> e.getValue() + "×" + e.getKey() + "★").collect(Collectors.joining(" "));
  }

  String span(Optional<Duration> median, Optional<Duration> p90) {
    return duration(median) + "/" + duration(p90);
  }

  private String duration(Optional<Duration> d) {
    if (d.isEmpty()) {
      return "-";
    }
    long hours = d.get().toHours();
    return hours < 48 ? hours + l.get("hours")
        : String.format("%.1f%s", hours / 24.0, l.get("days"));
  }

  static String share(OptionalDouble share, int inTime, int resolved) {
    return share.isPresent() ? String.format("%.0f%% (%d/%d)", 100 * share.getAsDouble(),
        inTime, resolved) : "-";
  }

  static String percent(OptionalDouble d) {
    return d.isPresent() ? String.format("%.0f%%", 100 * d.getAsDouble()) : "-";
  }
}
