package dev.zhuli.core.mentorship;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zhuli.core.HouseholdId;
import dev.zhuli.core.ProgramId;
import dev.zhuli.core.TreeId;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The figures of supervision counted again, independently, from the raw entries a program lists
 * ({@link Supervision#inspections}, {@link Supervision#harvests}) and its trees, following the
 * documented definitions: voided entries count for nothing; compliance scores on time 1, late
 * 0.5, not done 0; percentiles by nearest rank; a grower's season is the sum of its plots; a
 * household's and a tree's yield pooled (sum of kg over sum of area). Also the tolerant
 * comparison of two disparity reports.
 */
final class SupervisionRecount {
  /** How far two doubles may differ, relative to the larger (or absolutely, below 1). */
  static final double TOLERANCE = 1e-9;

  private SupervisionRecount() {}

  // ---- raw entries --------------------------------------------------------------------------

  /** Every inspection of the program's growers (and of households now without a tree). */
  static List<Inspection> inspections(SupervisionWorld w) {
    List<Inspection> out = new ArrayList<>();
    Set<HouseholdId> all = new LinkedHashSet<>(w.growers);
    all.addAll(w.demos);
    if (w.loner != null) {
      all.add(w.loner);
    }
    for (HouseholdId h : all) {
      out.addAll(w.supervision.inspections(w.program.id(), h));
    }
    return out;
  }

  /** Demonstration households of the program now, tree by tree in the program's order. */
  static Map<TreeId, List<DemoHousehold>> structure(SupervisionWorld w) {
    Map<TreeId, List<DemoHousehold>> out = new LinkedHashMap<>();
    for (TreeId t : w.trees) {
      out.put(t, w.mentorship.tree(t).orElseThrow().households());
    }
    return out;
  }

  // ---- compliance and coverage --------------------------------------------------------------

  static ComplianceReport compliance(ProgramId program, List<Inspection> inspections,
      LocalDate from, LocalDate to) {
    Map<HouseholdId, int[]> byGrower = new HashMap<>();
    Map<HouseholdId, int[]> byHousehold = new HashMap<>();
    Map<TreeId, int[]> byTree = new HashMap<>();
    int[] overall = new int[3];
    for (Inspection i : inspections) {
      if (i.voided() || i.date().isBefore(from) || i.date().isAfter(to)) {
        continue;
      }
      int k = i.execution().ordinal();
      byGrower.computeIfAbsent(i.grower(), x -> new int[3])[k]++;
      byHousehold.computeIfAbsent(i.household(), x -> new int[3])[k]++;
      byTree.computeIfAbsent(i.tree(), x -> new int[3])[k]++;
      overall[k]++;
    }
    return new ComplianceReport(program, from, to, counts(byGrower), counts(byHousehold),
        counts(byTree), compliance(overall));
  }

  private static <K> Map<K, Compliance> counts(Map<K, int[]> raw) {
    Map<K, Compliance> out = new HashMap<>();
    raw.forEach((k, v) -> out.put(k, compliance(v)));
    return out;
  }

  private static Compliance compliance(int[] c) {
    return new Compliance(c[Execution.ON_TIME.ordinal()], c[Execution.LATE.ordinal()],
        c[Execution.NOT_DONE.ordinal()]);
  }

  static Coverage coverage(ProgramId program, Map<TreeId, List<DemoHousehold>> structure,
      List<Inspection> inspections, LocalDate asOf, int days) {
    LocalDate first = asOf.minusDays(days - 1L);
    Set<HouseholdId> inspected = new LinkedHashSet<>();
    for (Inspection i : inspections) {
      if (!i.voided() && !i.date().isBefore(first) && !i.date().isAfter(asOf)) {
        inspected.add(i.grower());
      }
    }
    int growers = 0;
    int covered = 0;
    Map<HouseholdId, Integer> left = new HashMap<>();
    for (List<DemoHousehold> households : structure.values()) {
      for (DemoHousehold d : households) {
        for (HouseholdId g : d.growers()) {
          growers++;
          if (inspected.contains(g)) {
            covered++;
          } else {
            left.merge(d.household(), 1, Integer::sum);
          }
        }
      }
    }
    return new Coverage(program, asOf, days, growers, covered, left);
  }

  // ---- the disparity report -----------------------------------------------------------------

  /** A grower's compliance rate from all its live inspections; empty without. */
  static Map<HouseholdId, Double> rates(List<Inspection> inspections) {
    Map<HouseholdId, double[]> sums = new HashMap<>();
    for (Inspection i : inspections) {
      if (!i.voided()) {
        double[] s = sums.computeIfAbsent(i.grower(), x -> new double[2]);
        s[0] += i.execution() == Execution.ON_TIME ? 1 : i.execution() == Execution.LATE
            ? 0.5 : 0;
        s[1]++;
      }
    }
    Map<HouseholdId, Double> out = new HashMap<>();
    sums.forEach((g, s) -> out.put(g, s[0] / s[1]));
    return out;
  }

  /** Per household that is no demonstration household: area, kg and yuan of its live plots. */
  static Map<HouseholdId, double[]> plots(List<HarvestRecord> harvests,
      Set<HouseholdId> demonstration) {
    Map<HouseholdId, double[]> out = new LinkedHashMap<>();
    for (HarvestRecord h : harvests) {
      if (!h.voided() && !demonstration.contains(h.household())) {
        double[] s = out.computeIfAbsent(h.household(), x -> new double[3]);
        s[0] += h.area().doubleValue();
        s[1] += h.yieldKg().doubleValue();
        s[2] += h.revenue().doubleValue();
      }
    }
    return out;
  }

  static DisparityReport disparity(ProgramId program, String season, BigDecimal target,
      Map<TreeId, List<DemoHousehold>> structure, List<HarvestRecord> harvests,
      List<Inspection> inspections) {
    Set<HouseholdId> demonstration = new LinkedHashSet<>();
    structure.values().forEach(ds -> ds.forEach(d -> demonstration.add(d.household())));
    Map<HouseholdId, double[]> plots = plots(harvests, demonstration);
    Map<HouseholdId, Double> rates = rates(inspections);
    List<Double> yields = new ArrayList<>();
    List<Double> revenues = new ArrayList<>();
    List<double[]> pairs = new ArrayList<>();
    Map<ComplianceBand, List<Double>> bands = new EnumMap<>(ComplianceBand.class);
    int atTarget = 0;
    for (Map.Entry<HouseholdId, double[]> e : plots.entrySet()) {
      double perMu = e.getValue()[1] / e.getValue()[0];
      yields.add(perMu);
      revenues.add(e.getValue()[2] / e.getValue()[0]);
      if (perMu >= target.doubleValue()) {
        atTarget++;
      }
      Double rate = rates.get(e.getKey());
      if (rate != null) {
        pairs.add(new double[] {rate, perMu});
        ComplianceBand band = rate < 0.5 ? ComplianceBand.LOW
            : rate < 0.8 ? ComplianceBand.MEDIUM : ComplianceBand.HIGH;
        bands.computeIfAbsent(band, b -> new ArrayList<>()).add(perMu);
      }
    }
    List<HouseholdFigures> byHousehold = new ArrayList<>();
    Map<TreeId, Double> byTree = new LinkedHashMap<>();
    for (Map.Entry<TreeId, List<DemoHousehold>> t : structure.entrySet()) {
      double[] tree = new double[3];
      for (DemoHousehold d : t.getValue()) {
        double[] pooled = new double[3];
        int harvested = 0;
        List<Double> complied = new ArrayList<>();
        for (HouseholdId g : d.growers()) {
          double[] p = plots.get(g);
          if (p != null) {
            harvested++;
            for (int k = 0; k < 3; k++) {
              pooled[k] += p[k];
            }
          }
          if (rates.containsKey(g)) {
            complied.add(rates.get(g));
          }
        }
        for (int k = 0; k < 3; k++) {
          tree[k] += pooled[k];
        }
        byHousehold.add(new HouseholdFigures(d.household(), t.getKey(), harvested,
            pooled[0] > 0 ? OptionalDouble.of(pooled[1] / pooled[0]) : OptionalDouble.empty(),
            pooled[0] > 0 ? OptionalDouble.of(pooled[2] / pooled[0]) : OptionalDouble.empty(),
            mean(complied)));
      }
      if (tree[0] > 0) {
        byTree.put(t.getKey(), tree[1] / tree[0]);
      }
    }
    Map<ComplianceBand, Double> meanByBand = new EnumMap<>(ComplianceBand.class);
    bands.forEach((b, v) -> meanByBand.put(b, mean(v).getAsDouble()));
    return new DisparityReport(program, season, target, distribution(yields),
        distribution(revenues), yields.isEmpty() ? OptionalDouble.empty()
            : OptionalDouble.of((double) atTarget / yields.size()),
        byHousehold, byTree, pearson(pairs), meanByBand);
  }

  static OptionalDouble mean(Collection<Double> values) {
    if (values.isEmpty()) {
      return OptionalDouble.empty();
    }
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return OptionalDouble.of(sum / values.size());
  }

  /** Count, mean, and the nearest-rank median, p10 and p90: rank ⌈p·n/100⌉ of the sorted values. */
  static Distribution distribution(List<Double> values) {
    if (values.isEmpty()) {
      return new Distribution(0, 0, 0, 0, 0);
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return new Distribution(n, mean(sorted).getAsDouble(), sorted.get(rank(50, n) - 1),
        sorted.get(rank(10, n) - 1), sorted.get(rank(90, n) - 1));
  }

  private static int rank(int p, int n) {
    return Math.max(1, (p * n + 99) / 100);
  }

  /** Whether all values are one and the same: no spread. */
  static boolean noSpread(List<double[]> pairs, int k) {
    return pairs.stream().mapToDouble(p -> p[k]).distinct().count() <= 1;
  }

  /** Pearson's correlation; empty with fewer than 3 pairs or when either side has no spread. */
  static OptionalDouble pearson(List<double[]> pairs) {
    int n = pairs.size();
    if (n < 3 || noSpread(pairs, 0) || noSpread(pairs, 1)) {
      return OptionalDouble.empty();
    }
    double mx = 0;
    double my = 0;
    for (double[] p : pairs) {
      mx += p[0];
      my += p[1];
    }
    mx /= n;
    my /= n;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (double[] p : pairs) {
      sxy += (p[0] - mx) * (p[1] - my);
      sxx += (p[0] - mx) * (p[0] - mx);
      syy += (p[1] - my) * (p[1] - my);
    }
    return OptionalDouble.of(sxy / Math.sqrt(sxx) / Math.sqrt(syy));
  }

  // ---- comparing ----------------------------------------------------------------------------

  static boolean close(double a, double b) {
    return Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
  }

  /** Asserts two disparity reports equal, doubles within the tolerance. */
  static void assertClose(DisparityReport actual, DisparityReport expected, String about) {
    assertThat(actual.program()).as(about).isEqualTo(expected.program());
    assertThat(actual.season()).as(about).isEqualTo(expected.season());
    assertThat(actual.yieldTarget()).as(about).isEqualByComparingTo(expected.yieldTarget());
    assertClose(actual.yieldPerMu(), expected.yieldPerMu(), about + ": yield per mu");
    assertClose(actual.revenuePerMu(), expected.revenuePerMu(), about + ": revenue per mu");
    assertClose(actual.shareAtTarget(), expected.shareAtTarget(), about + ": share at target");
    assertThat(actual.byHousehold()).as(about + ": households").hasSameSizeAs(
        expected.byHousehold());
    for (int i = 0; i < expected.byHousehold().size(); i++) {
      HouseholdFigures a = actual.byHousehold().get(i);
      HouseholdFigures e = expected.byHousehold().get(i);
      String which = about + ": household " + e.household() + "\n actual   " + a
          + "\n expected " + e;
      assertThat(a.household()).as(which).isEqualTo(e.household());
      assertThat(a.tree()).as(which).isEqualTo(e.tree());
      assertThat(a.growers()).as(which).isEqualTo(e.growers());
      assertClose(a.yieldPerMu(), e.yieldPerMu(), which);
      assertClose(a.revenuePerMu(), e.revenuePerMu(), which);
      assertClose(a.meanCompliance(), e.meanCompliance(), which);
    }
    assertThat(actual.byTree().keySet()).as(about + ": trees " + actual.byTree() + " against "
        + expected.byTree()).isEqualTo(expected.byTree().keySet());
    expected.byTree().forEach((t, v) -> assertThat(close(actual.byTree().get(t), v))
        .as(about + ": tree " + t + " " + actual.byTree().get(t) + " against " + v).isTrue());
    assertClose(actual.correlation(), expected.correlation(), about + ": correlation");
    assertThat(actual.meanYieldByBand().keySet()).as(about + ": bands "
        + actual.meanYieldByBand() + " against " + expected.meanYieldByBand())
        .isEqualTo(expected.meanYieldByBand().keySet());
    expected.meanYieldByBand().forEach((b, v) -> assertThat(
        close(actual.meanYieldByBand().get(b), v)).as(about + ": band " + b + " "
            + actual.meanYieldByBand().get(b) + " against " + v).isTrue());
  }

  static void assertClose(Distribution actual, Distribution expected, String about) {
    String which = about + "\n actual   " + actual + "\n expected " + expected;
    assertThat(actual.count()).as(which).isEqualTo(expected.count());
    assertThat(close(actual.mean(), expected.mean())).as(which + ": mean").isTrue();
    assertThat(close(actual.median(), expected.median())).as(which + ": median").isTrue();
    assertThat(close(actual.p10(), expected.p10())).as(which + ": p10").isTrue();
    assertThat(close(actual.p90(), expected.p90())).as(which + ": p90").isTrue();
    OptionalDouble ratio = expected.p10() > 0 ? OptionalDouble.of(expected.p90() / expected.p10())
        : OptionalDouble.empty();
    assertClose(actual.ratio(), ratio, which + ": ratio p90/p10");
  }

  static void assertClose(OptionalDouble actual, OptionalDouble expected, String about) {
    String which = about + ": " + actual + " against " + expected;
    assertThat(actual.isPresent()).as(which).isEqualTo(expected.isPresent());
    if (expected.isPresent()) {
      assertThat(close(actual.getAsDouble(), expected.getAsDouble())).as(which).isTrue();
    }
  }
}
