package dev.zhuli.core.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.zhuli.core.Actor;
import dev.zhuli.core.ValidationException;
import dev.zhuli.core.Zhuli;
import dev.zhuli.core.roster.Background;
import dev.zhuli.core.roster.HelpGroup;
import dev.zhuli.core.roster.Member;
import dev.zhuli.core.roster.NewGroup;
import dev.zhuli.core.roster.NewMember;
import dev.zhuli.core.roster.NewRegion;
import dev.zhuli.core.roster.NewSquad;
import dev.zhuli.core.roster.NewVillage;
import dev.zhuli.core.roster.Region;
import dev.zhuli.core.roster.RegionLevel;
import dev.zhuli.core.roster.Roster;
import dev.zhuli.core.roster.Squad;
import dev.zhuli.core.roster.SquadKind;
import dev.zhuli.core.roster.SquadRole;
import dev.zhuli.core.roster.Village;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Per group and per squad figures over a period, on orders whose times the test controls. */
class OrderStatisticsTest {
  private static final Instant T0 = Instant.parse("2026-04-01T00:00:00Z");

  /** A clock the test moves. */
  static final class StepClock extends Clock {
    Instant now = T0;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void figuresOfAGroupAndItsSquads() {
    StepClock clock = new StepClock();
    try (Zhuli zhuli = Zhuli.builder().clock(clock).build()) {
      Roster roster = zhuli.roster();
      Actor sys = Actor.system("setup");
      Region city = roster.createRegion(sys,
          new NewRegion.Builder().name("渭南市").level(RegionLevel.CITY).build());
      Region county = roster.createRegion(sys, new NewRegion.Builder().name("澄城縣")
          .level(RegionLevel.COUNTY).parent(city.id()).build());
      Region town = roster.createRegion(sys, new NewRegion.Builder().name("韋莊鎮")
          .level(RegionLevel.TOWN).parent(county.id()).build());
      Village village = roster.createVillage(sys,
          new NewVillage.Builder().name("東白龍村").town(town.id()).build());
      HelpGroup group = roster.createGroup(sys,
          new NewGroup.Builder().name("澄城縣紅色助力團").county(county.id()).build());
      Squad industry = roster.createSquad(sys, new NewSquad.Builder().group(group.id())
          .name("產業組").kind(SquadKind.INDUSTRY).build());
      Squad training = roster.createSquad(sys, new NewSquad.Builder().group(group.id())
          .name("培訓組").kind(SquadKind.TRAINING).build());
      Member cadre = roster.addMember(sys, new NewMember.Builder().group(group.id())
          .name("村支書").background(Background.VILLAGE_CADRE).village(village.id()).build());
      Member grower = roster.addMember(sys, new NewMember.Builder().group(group.id())
          .name("產業專員").background(Background.AGRI_TECH_EXTENSION).build());
      Member teacher = roster.addMember(sys, new NewMember.Builder().group(group.id())
          .name("培訓專員").background(Background.EXPERT).build());
      roster.joinSquad(sys, grower.id(), industry.id(), SquadRole.LEADER, null);
      roster.joinSquad(sys, teacher.id(), training.id(), SquadRole.LEADER, null);
      Orders orders = zhuli.orders();

      // Three orders to the industry squad, accepted after 1, 2 and 10 hours, resolved 1, 3 and
      // 5 days after acceptance; a fourth returned by the training squad, then assigned to
      // industry; a fifth placed outside the period.
      List<Order> placed = new ArrayList<>();
      int[] acceptHours = {1, 2, 10};
      int[] resolveDays = {1, 3, 5};
      for (int i = 0; i < 3; i++) {
        clock.now = T0.plus(Duration.ofDays(i));
        Order o = orders.place(Actor.member(cadre.id()), newOrder(village, cadre, "冷庫設備 " + i)
            .squad(industry.id()).build());
        clock.now = clock.now.plus(Duration.ofHours(acceptHours[i]));
        orders.accept(Actor.member(grower.id()), o.id(),
            new Acceptance.Builder().lead(grower.id()).build());
        orders.recordActivity(Actor.member(grower.id()), o.id(), new NewActivity.Builder()
            .kind(ActivityKind.REFERRAL).summary("對接大唐幫扶項目").referredTo("合家樓村第一書記")
            .money(new BigDecimal("350000")).build());
        clock.now = clock.now.plus(Duration.ofDays(resolveDays[i]));
        orders.resolve(Actor.member(grower.id()), o.id(),
            new Resolution.Builder().report("設備到位").build());
        orders.rate(Actor.member(cadre.id()), o.id(), 3 + i, null, null);
        placed.add(o);
      }
      Order returned = orders.place(Actor.member(cadre.id()),
          newOrder(village, cadre, "培訓冷庫管理").squad(training.id()).build());
      orders.sendBack(Actor.member(teacher.id()), returned.id(), "屬於產業組", null);
      orders.assign(sys, returned.id(), new Acceptance.Builder().squad(industry.id())
          .lead(grower.id()).build());
      orders.recordActivity(Actor.member(grower.id()), returned.id(), new NewActivity.Builder()
          .kind(ActivityKind.TRAINING).summary("冷庫管理培訓").topic("冷庫管理").headCount(30)
          .build());
      clock.now = T0.plus(Duration.ofDays(40));
      orders.place(Actor.member(cadre.id()), newOrder(village, cadre, "期外需求").build());

      Instant from = T0;
      Instant to = T0.plus(Duration.ofDays(30));
      OrderStatistics all = orders.statisticsOf(group.id(), from, to);
      assertThat(all.placed()).isEqualTo(4);
      assertThat(all.byStatus()).containsEntry(OrderStatus.CLOSED, 3)
          .containsEntry(OrderStatus.IN_PROGRESS, 1).containsEntry(OrderStatus.PLACED, 0);
      assertThat(all.returns()).isEqualTo(1);
      assertThat(all.ratings()).containsEntry(3, 1).containsEntry(4, 1).containsEntry(5, 1)
          .containsEntry(1, 0);
      assertThat(all.meanRating()).contains(4.0);
      assertThat(all.moneyMobilised()).isEqualByComparingTo("1050000");
      assertThat(all.trained()).isEqualTo(30);
      // accepted after 1 h, 2 h, 10 h and (the assigned one) 0 h
      assertThat(all.medianTimeToAccept()).contains(Duration.ofHours(1));
      assertThat(all.p90TimeToAccept()).contains(Duration.ofHours(10));
      assertThat(all.medianTimeToResolve()).contains(Duration.ofDays(3));
      assertThat(all.p90TimeToResolve()).contains(Duration.ofDays(5));

      OrderStatistics trainingFigures = orders.statisticsOf(training.id(), from, to);
      assertThat(trainingFigures.placed()).isZero();
      assertThat(trainingFigures.returns()).isEqualTo(1);
      OrderStatistics industryFigures = orders.statisticsOf(industry.id(), from, to);
      assertThat(industryFigures.placed()).isEqualTo(4);
      assertThat(industryFigures.returns()).isZero();

      assertThatThrownBy(() -> orders.statisticsOf(group.id(), to, from))
          .isInstanceOf(ValidationException.class).hasMessageStartingWith("to:");
    }
  }

  @Test
  void percentilesFollowTheNearestRankDefinition() {
    qt().withExamples(200)
        .forAll(lists().of(integers().between(0, 10_000)).ofSizeBetween(1, 60),
            integers().between(1, 100))
        .checkAssert((values, p) -> {
          List<Duration> sorted = new ArrayList<>();
          values.forEach(v -> sorted.add(Duration.ofMinutes(v)));
          sorted.sort(null);
          Duration q = OrderFigures.percentile(sorted, p).orElseThrow();
          long atOrBelow = sorted.stream().filter(d -> d.compareTo(q) <= 0).count();
          long below = sorted.stream().filter(d -> d.compareTo(q) < 0).count();
          // the smallest value with at least p% of the values at or below it
          assertThat(atOrBelow * 100).isGreaterThanOrEqualTo((long) p * sorted.size());
          assertThat(below * 100).isLessThan((long) p * sorted.size());
        });
    assertThat(OrderFigures.percentile(List.of(), 50)).isEmpty();
  }

  private static NewOrder.Builder newOrder(Village village, Member cadre, String title) {
    NewOrder.Builder b = new NewOrder.Builder();
    b.village(village.id()).requester(cadre.id()).title(title).description(title + "，請幫忙")
        .category(OrderCategory.INFRASTRUCTURE);
    return b;
  }
}
