package dev.zhuli.weinan;

import dev.zhuli.core.HouseholdId;
import dev.zhuli.core.mentorship.BonusAward;
import dev.zhuli.core.mentorship.Compliance;
import dev.zhuli.core.mentorship.DemoHousehold;
import dev.zhuli.core.mentorship.Distribution;
import dev.zhuli.core.mentorship.HouseholdFigures;
import dev.zhuli.core.order.Order;
import dev.zhuli.core.order.OrderStatistics;
import dev.zhuli.core.roster.SquadKind;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The HTML report: one self-contained page without scripts. Inline CSS, and inline SVG for the
 * mentorship tree (expert, demonstration households, growers, coloured by compliance and yield),
 * the order flow per squad over the year and the yield distribution per household; then the
 * tables of the terminal report.
 */
final class HtmlReport {
  private static final String[] SQUAD_COLOURS = {"#c0392b", "#2e86c1", "#28b463", "#d68910"};
  private final Labels l;

  HtmlReport(Labels labels) {
    this.l = labels;
  }

  String render(Figures f) {
    StringBuilder h = new StringBuilder(64 * 1024);
    String lang = l.tag();
    h.append("<!DOCTYPE html>\n<html lang=\"").append(lang).append("\">\n<head>\n")
        .append("<meta charset=\"utf-8\"/>\n<title>").append(esc(l.get("title")))
        .append("</title>\n<style>\n")
        .append("body{font-family:'Noto Sans CJK TC','Noto Sans CJK SC','PingFang TC',")
        .append("'Microsoft JhengHei',sans-serif;margin:2em;color:#222;max-width:1200px}\n")
        .append("h1{color:#b03a2e}h2{border-bottom:2px solid #b03a2e;padding-bottom:.2em}\n")
        .append("table{border-collapse:collapse;margin:1em 0;font-size:.9em}\n")
        .append("th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left}\n")
        .append("th{background:#f6e5e3}tr.county td{background:#faf4f3;font-weight:bold}\n")
        .append("td.num{text-align:right}svg{display:block;margin:1em 0;background:#fff}\n")
        .append(".legend span{display:inline-block;margin-right:1.2em}\n")
        .append("pre{white-space:pre-wrap;margin:0}\n")
        .append("</style>\n</head>\n<body>\n");
    h.append("<h1>").append(esc(l.get("title"))).append("</h1>\n");
    orders(h, f);
    flowChart(h, f);
    tree(h, f);
    yieldChart(h, f);
    households(h, f);
    bonuses(h, f);
    h.append("<h2>").append(esc(l.get("promoted"))).append("</h2>\n<p>")
        .append(esc(f.story().nangou().name())).append(" → ")
        .append(esc(f.story().promoted().name())).append(" (")
        .append(esc(f.story().promoted().season())).append(")</p>\n");
    h.append("</body>\n</html>\n");
    return h.toString();
  }

  private void orders(StringBuilder h, Figures f) {
    h.append("<h2>").append(esc(l.get("orders"))).append("</h2>\n<table id=\"orders\">\n<tr>");
    for (String k : new String[] {"county", "squad", "placed", "status", "accept", "resolve",
        "inTime", "rating", "money", "trained"}) {
      h.append("<th>").append(esc(l.get(k))).append("</th>");
    }
    h.append("</tr>\n");
    TextReport text = new TextReport(l);
    for (Figures.Row r : f.rows()) {
      OrderStatistics s = r.stats();
      h.append(r.squad() == null ? "<tr class=\"county\">" : "<tr>")
          .append("<td>").append(esc(r.county())).append("</td><td>")
          .append(esc(r.squad() == null ? l.get("all") : r.squad())).append("</td>")
          .append("<td class=\"num\">").append(s.placed()).append("</td><td>")
          .append(esc(text.statuses(s.byStatus()))).append("</td><td>")
          .append(esc(text.span(s.medianTimeToAccept(), s.p90TimeToAccept()))).append("</td><td>")
          .append(esc(text.span(s.medianTimeToResolve(), s.p90TimeToResolve())))
          .append("</td><td>").append(esc(TextReport.share(r.inTime().inTimeShare(),
              r.inTime().resolvedInTime(), r.inTime().resolved()))).append("</td><td>")
          .append(esc(s.meanRating().map(m -> String.format(Locale.ROOT, "%.1f (%s)", m,
              TextReport.stars(s.ratings()))).orElse("-"))).append("</td>")
          .append("<td class=\"num\">").append(s.moneyMobilised().toPlainString())
          .append("</td><td class=\"num\">").append(s.trained()).append("</td></tr>\n");
    }
    Figures.Totals t = f.totals();
    h.append("<tr class=\"county\"><td>").append(esc(l.get("total"))).append("</td><td></td>")
        .append("<td class=\"num\">").append(t.placed()).append("</td><td>")
        .append(esc(text.statuses(t.byStatus()))).append("</td><td></td><td></td><td>")
        .append(t.resolvedInTime()).append('/').append(t.resolved()).append("</td><td></td>")
        .append("<td class=\"num\">").append(t.money().toPlainString())
        .append("</td><td class=\"num\">").append(t.trained()).append("</td></tr>\n</table>\n");
  }

  /** Orders placed per month, a line per kind of squad, summed over the counties. */
  private void flowChart(StringBuilder h, Figures f) {
    List<SquadKind> kinds = SquadKind.standard();
    Map<SquadKind, int[]> placed = new LinkedHashMap<>();
    Map<SquadKind, int[]> resolved = new LinkedHashMap<>();
    for (SquadKind k : kinds) {
      placed.put(k, new int[12]);
      resolved.put(k, new int[12]);
    }
    for (Order o : f.orders()) {
      SquadKind k = o.squad().map(f.kinds()::get).orElse(null);
      if (k == null) {
        continue;
      }
      month(o.placedAt()).ifPresent(m -> placed.get(k)[m]++);
      o.resolvedAt().flatMap(HtmlReport::month).ifPresent(m -> resolved.get(k)[m]++);
    }
    int max = 1;
    for (SquadKind k : kinds) {
      for (int m = 0; m < 12; m++) {
        max = Math.max(max, Math.max(placed.get(k)[m], resolved.get(k)[m]));
      }
    }
    int w = 760;
    int ht = 300;
    int left = 50;
    int top = 20;
    int cw = w - left - 20;
    int ch = ht - top - 40;
    h.append("<h2>").append(esc(l.get("flow"))).append("</h2>\n");
    h.append("<svg id=\"order-flow\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(w)
        .append("\" height=\"").append(ht).append("\" viewBox=\"0 0 ").append(w).append(' ')
        .append(ht).append("\" role=\"img\" aria-label=\"").append(esc(l.get("flow")))
        .append("\">\n");
    h.append(line(left, top + ch, left + cw, top + ch, "#444", 1, ""))
        .append(line(left, top, left, top + ch, "#444", 1, ""));
    for (int v = 0; v <= max; v += Math.max(1, max / 5)) {
      double y = top + ch - (double) ch * v / max;
      h.append(line(left - 4, y, left + cw, y, "#eee", 1, ""))
          .append(text(left - 8, y + 4, String.valueOf(v), "end", 11, "#444"));
    }
    double step = cw / 12.0;
    for (int m = 0; m < 12; m++) {
      h.append(text(left + step * (m + 0.5), top + ch + 16, (m + 1) + "", "middle", 11, "#444"));
    }
    int i = 0;
    for (SquadKind k : kinds) {
      String colour = SQUAD_COLOURS[i % SQUAD_COLOURS.length];
      double bar = step / (kinds.size() + 1);
      for (int m = 0; m < 12; m++) {
        int n = placed.get(k)[m];
        if (n > 0) {
          double bh = (double) ch * n / max;
          h.append(String.format(Locale.ROOT, "<rect class=\"flow-bar\" x=\"%.1f\" y=\"%.1f\""
              + " width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s %d: %d</title></rect>%n",
              left + step * m + bar * (i + 0.5), top + ch - bh, bar * 0.9, bh, colour,
              esc(Scenario.SQUADS.get(k)), m + 1, n));
        }
        int r = resolved.get(k)[m];
        if (r > 0) {
          double cy = top + ch - (double) ch * r / max;
          h.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\""
              + " fill=\"#fff\" stroke=\"%s\" stroke-width=\"2\"/>%n",
              left + step * m + bar * (i + 0.95), cy, colour));
        }
      }
      h.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\""
          + " fill=\"%s\"/>%n", left + 10 + i * 120, ht - 14, colour))
          .append(text(left + 24 + i * 120, ht - 5, Scenario.SQUADS.get(k), "start", 12,
              "#222"));
      i++;
    }
    h.append("</svg>\n<p class=\"legend\">")
        .append(esc("▮ " + l.get("placed") + "   ○ " + l.get("status.RESOLVED")))
        .append("</p>\n");
  }

  private static java.util.Optional<Integer> month(Instant at) {
    var d = at.atOffset(ZoneOffset.ofHours(8));
    return d.getYear() == Scenario.YEAR ? java.util.Optional.of(d.getMonthValue() - 1)
        : java.util.Optional.empty();
  }

  /** The tree: the expert on top, the households below, and their growers under them. */
  private void tree(StringBuilder h, Figures f) {
    List<DemoHousehold> demos = f.tree().households();
    Map<HouseholdId, String> names = f.story().householdNames();
    double target = f.disparity().yieldTarget().doubleValue();
    int cols = Math.max(1, demos.size());
    int colW = 110;
    int w = cols * colW + 40;
    int maxGrowers = demos.stream().mapToInt(DemoHousehold::growerCount).max().orElse(0);
    int rows = (maxGrowers + 3) / 4;
    int ht = 220 + rows * 22 + 40;
    h.append("<h2>").append(esc(l.get("tree"))).append("</h2>\n");
    h.append("<svg id=\"mentorship-tree\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(w).append("\" height=\"").append(ht).append("\" viewBox=\"0 0 ").append(w)
        .append(' ').append(ht).append("\" role=\"img\" aria-label=\"")
        .append(esc(l.get("tree"))).append("\">\n");
    double ex = w / 2.0;
    double ey = 40;
    for (int i = 0; i < demos.size(); i++) {
      double x = 20 + colW * (i + 0.5);
      h.append(line(ex, ey + 18, x, 150 - 18, "#999", 1.5, ""));
    }
    h.append(String.format(Locale.ROOT, "<g class=\"expert\"><circle cx=\"%.1f\" cy=\"%.1f\""
        + " r=\"20\" fill=\"#b03a2e\"/>", ex, ey))
        .append(text(ex, ey + 36, l.get("expert") + " " + f.story().professor().name(),
            "middle", 13, "#222"))
        .append("</g>\n");
    for (int i = 0; i < demos.size(); i++) {
      DemoHousehold d = demos.get(i);
      double x = 20 + colW * (i + 0.5);
      Compliance c = f.compliance().byHousehold().get(d.household());
      OptionalDouble rate = c == null ? OptionalDouble.empty() : c.rate();
      h.append("<g class=\"household\">");
      for (int g = 0; g < d.growers().size(); g++) {
        HouseholdId grower = d.growers().get(g);
        double gx = x - 33 + 22 * (g % 4);
        double gy = 210 + 22 * (g / 4);
        h.append(line(x, 168, gx, gy - 7, "#ddd", 1, ""));
        Double y = f.growerYield().get(grower);
        h.append(String.format(Locale.ROOT, "<circle class=\"grower\" cx=\"%.1f\" cy=\"%.1f\""
            + " r=\"7\" fill=\"%s\"><title>%s: %s</title></circle>", gx, gy,
            y == null ? "#ccc" : ramp(y / target / 1.5), esc(names.getOrDefault(grower, "")),
            y == null ? "-" : String.format(Locale.ROOT, "%.0f kg/mu", y)));
      }
      h.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"150\" r=\"18\" fill=\"%s\""
          + " stroke=\"#333\"><title>%s: %s %s</title></circle>", x,
          rate.isPresent() ? ramp(rate.getAsDouble()) : "#ccc",
          esc(names.getOrDefault(d.household(), "")), esc(l.get("compliance")),
          TextReport.percent(rate)));
      h.append(text(x, 155, String.valueOf(d.growerCount()), "middle", 12, "#000"));
      h.append(text(x, 185, shortName(names.getOrDefault(d.household(), "")), "middle", 11,
          "#222"));
      h.append("</g>\n");
    }
    h.append("</svg>\n<p class=\"legend\"><span>")
        .append(esc(l.get("households") + ": " + l.get("compliance"))).append("</span><span>")
        .append(esc(l.get("growers") + ": " + l.get("yield"))).append("</span><span>")
        .append("<svg width=\"120\" height=\"12\" xmlns=\"http://www.w3.org/2000/svg\">");
    for (int i = 0; i < 12; i++) {
      h.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"0\" width=\"10\" height=\"12\""
          + " fill=\"%s\"/>", i * 10, ramp(i / 11.0)));
    }
    h.append("</svg></span></p>\n");
  }

  private static String shortName(String s) {
    int cut = s.indexOf('（');
    return cut > 0 ? s.substring(0, cut) : s;
  }

  /** Yield per mu of each household's growers: dots, with the target as a line. */
  private void yieldChart(StringBuilder h, Figures f) {
    List<DemoHousehold> demos = f.tree().households();
    Map<HouseholdId, String> names = f.story().householdNames();
    double target = f.disparity().yieldTarget().doubleValue();
    double max = target * 1.6;
    for (Double y : f.growerYield().values()) {
      max = Math.max(max, y * 1.05);
    }
    int w = 760;
    int rowH = 26;
    int left = 110;
    int ht = demos.size() * rowH + 50;
    int cw = w - left - 20;
    h.append("<h2>").append(esc(l.get("yieldChart"))).append("</h2>\n");
    h.append("<svg id=\"yield-distribution\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(w).append("\" height=\"").append(ht).append("\" viewBox=\"0 0 ").append(w)
        .append(' ').append(ht).append("\" role=\"img\" aria-label=\"")
        .append(esc(l.get("yieldChart"))).append("\">\n");
    for (int v = 0; v <= max; v += 1000) {
      double x = left + cw * v / max;
      h.append(line(x, 10, x, ht - 30, "#eee", 1, ""))
          .append(text(x, ht - 15, String.valueOf(v), "middle", 11, "#444"));
    }
    double tx = left + cw * target / max;
    h.append(line(tx, 5, tx, ht - 30, "#b03a2e", 2, "6,4"))
        .append(text(tx + 4, 12, String.format(Locale.ROOT, "%.0f", target), "start", 11,
            "#b03a2e"));
    for (int i = 0; i < demos.size(); i++) {
      DemoHousehold d = demos.get(i);
      double cy = 20 + rowH * i + rowH / 2.0;
      h.append(text(left - 8, cy + 4, shortName(names.getOrDefault(d.household(), "")), "end",
          12, "#222"));
      List<Double> ys = new ArrayList<>();
      for (HouseholdId g : d.growers()) {
        Double y = f.growerYield().get(g);
        if (y != null) {
          ys.add(y);
          h.append(String.format(Locale.ROOT, "<circle class=\"yield-dot\" cx=\"%.1f\""
              + " cy=\"%.1f\" r=\"4\" fill=\"%s\" fill-opacity=\"0.8\"><title>%.0f</title>"
              + "</circle>%n", left + cw * y / max, cy, ramp(y / target / 1.5), y));
        }
      }
      if (!ys.isEmpty()) {
        double mean = ys.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double mx = left + cw * mean / max;
        h.append(line(mx, cy - 9, mx, cy + 9, "#000", 2, ""));
      }
    }
    h.append("</svg>\n");
  }

  private void households(StringBuilder h, Figures f) {
    Map<HouseholdId, String> names = f.story().householdNames();
    h.append("<h2>").append(esc(l.get("yieldByHousehold"))).append("</h2>\n<table>\n<tr><th>")
        .append(esc(l.get("households"))).append("</th><th>").append(esc(l.get("growers")))
        .append("</th><th>").append(esc(l.get("yield"))).append("</th><th>")
        .append(esc(l.get("compliance"))).append("</th></tr>\n");
    for (HouseholdFigures x : f.disparity().byHousehold()) {
      h.append("<tr><td>").append(esc(names.getOrDefault(x.household(), "")))
          .append("</td><td class=\"num\">").append(x.growers())
          .append("</td><td class=\"num\">").append(x.yieldPerMu().isPresent()
              ? String.format(Locale.ROOT, "%.0f", x.yieldPerMu().getAsDouble()) : "-")
          .append("</td><td class=\"num\">").append(TextReport.percent(x.meanCompliance()))
          .append("</td></tr>\n");
    }
    h.append("</table>\n");
    Distribution y = f.disparity().yieldPerMu();
    h.append(String.format(Locale.ROOT, "<p id=\"disparity\">%s: p10 %.0f, median %.0f, p90"
        + " %.0f; %s %.2f; %s %.2f; %s %s. <strong>%s</strong></p>%n",
        esc(l.get("yield")), y.p10(), y.median(), y.p90(), esc(l.get("ratio")),
        y.ratio().orElse(Double.NaN), esc(l.get("correlation")),
        f.disparity().correlation().orElse(Double.NaN), esc(l.get("atTarget")),
        TextReport.percent(f.disparity().shareAtTarget()),
        esc(l.get(f.disparity().executionExplainsGap() ? "explains" : "notExplains"))));
  }

  private void bonuses(StringBuilder h, Figures f) {
    Map<HouseholdId, String> names = f.story().householdNames();
    h.append("<h2>").append(esc(l.get("bonuses"))).append("</h2>\n<table id=\"bonuses\">\n");
    for (BonusAward a : f.bonuses().awards()) {
      h.append("<tr><td>").append(esc(names.getOrDefault(a.household(), "")))
          .append("</td><td class=\"num\">").append(a.amount().toPlainString())
          .append("</td><td><pre>").append(esc(String.join("\n", a.lines())))
          .append("</pre></td></tr>\n");
    }
    h.append("<tr class=\"county\"><td>").append(esc(l.get("total")))
        .append("</td><td class=\"num\">").append(f.bonuses().total().toPlainString())
        .append("</td><td>").append(esc(f.bonuses().approvalNote().orElse("")))
        .append("</td></tr>\n</table>\n");
  }

  /** Red (0) through amber to green (1). */
  static String ramp(double v) {
    double t = Math.max(0, Math.min(1, v));
    int r = (int) Math.round(t < 0.5 ? 215 : 215 - (t - 0.5) * 2 * 175);
    int g = (int) Math.round(t < 0.5 ? 60 + t * 2 * 130 : 190 - (t - 0.5) * 2 * 30);
    int b = 60;
    return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, b);
  }

  private static String line(double x1, double y1, double x2, double y2, String colour,
      double width, String dash) {
    return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\""
        + " stroke=\"%s\" stroke-width=\"%.1f\"%s/>%n", x1, y1, x2, y2, colour, width,
        dash.isEmpty() ? "" : " stroke-dasharray=\"" + dash + "\"");
  }

  private static String text(double x, double y, String s, String anchor, int size,
      String colour) {
    return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\""
        + " font-size=\"%d\" fill=\"%s\">%s</text>%n", x, y, anchor, size, colour, esc(s));
  }

  /** Escapes text for HTML and XML alike. */
  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<': b.append("&lt;"); break;
        case '>': b.append("&gt;"); break;
        case '&': b.append("&amp;"); break;
        case '"': b.append("&quot;"); break;
        case '\'': b.append("&#39;"); break;
        default: b.append(c);
      }
    }
    return b.toString();
  }
}
