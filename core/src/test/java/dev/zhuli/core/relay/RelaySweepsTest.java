package dev.zhuli.core.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zhuli.core.Actor;
import dev.zhuli.core.ValidationException;
import dev.zhuli.core.Zhuli;
import dev.zhuli.core.order.NewOrder;
import dev.zhuli.core.order.Order;
import dev.zhuli.core.order.OrderCategory;
import dev.zhuli.core.order.Transition;
import dev.zhuli.core.order.Urgency;
import dev.zhuli.core.roster.Background;
import dev.zhuli.core.roster.HelpGroup;
import dev.zhuli.core.roster.Member;
import dev.zhuli.core.roster.NewGroup;
import dev.zhuli.core.roster.NewMember;
import dev.zhuli.core.roster.NewRegion;
import dev.zhuli.core.roster.NewVillage;
import dev.zhuli.core.roster.Region;
import dev.zhuli.core.roster.RegionLevel;
import dev.zhuli.core.roster.Roster;
import dev.zhuli.core.roster.Village;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A started relay runs the service-level sweep by itself, so a host without a scheduler still
 * gets its overdue notices; {@code pollOnce} never sweeps; a zero interval leaves the sweeps to
 * the host.
 */
class RelaySweepsTest {

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aStartedRelaySweepsAndAPollDoesNot() throws InterruptedException {
    RelayFixtures.ManualClock clock = new RelayFixtures.ManualClock(RelayFixtures.T0);
    try (Zhuli zhuli = Zhuli.builder().clock(clock).relaySettings(RelayFixtures
        .settings("sweeper").sweepInterval(Duration.ofMillis(5)).build()).build()) {
      Order order = placed(zhuli);
      clock.advance(Duration.ofDays(3)); // past the routine dispatch deadline
      zhuli.relay().pollOnce(clock.instant());
      assertThat(overdue(zhuli, order)).as("pollOnce delivers; it does not sweep").isFalse();
      zhuli.relay().start();
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (!overdue(zhuli, order) && System.nanoTime() < until) {
        Thread.onSpinWait();
      }
      assertThat(overdue(zhuli, order)).as("the started relay swept").isTrue();
    }
  }

  @Test
  void theIntervalIsZeroOrPositiveAndAtMostADay() {
    assertThat(RelaySettings.defaults().sweepInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(new RelaySettings.Builder().sweepInterval(Duration.ZERO).build().sweepInterval())
        .isZero();
    assertThatThrownBy(() -> new RelaySettings.Builder().sweepInterval(Duration.ofSeconds(-1))
        .build()).isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.field()).isEqualTo("relaySettings.sweepInterval"));
    assertThatThrownBy(() -> new RelaySettings.Builder().sweepInterval(Duration.ofDays(2))
        .build()).isInstanceOf(ValidationException.class);
  }

  private static boolean overdue(Zhuli zhuli, Order order) {
    return zhuli.orders().order(order.id()).orElseThrow().timeline().stream()
        .anyMatch(e -> e.transition() == Transition.MARK_OVERDUE);
  }

  private static Order placed(Zhuli zhuli) {
    Actor setup = Actor.system("setup");
    Roster r = zhuli.roster();
    Region city = r.createRegion(setup, new NewRegion.Builder().name("渭南市")
        .level(RegionLevel.CITY).build());
    Region county = r.createRegion(setup, new NewRegion.Builder().name("合陽縣")
        .level(RegionLevel.COUNTY).parent(city.id()).build());
    Region town = r.createRegion(setup, new NewRegion.Builder().name("新池鎮")
        .level(RegionLevel.TOWN).parent(county.id()).build());
    Village village = r.createVillage(setup, new NewVillage.Builder().name("北順村")
        .town(town.id()).build());
    HelpGroup group = r.createGroup(setup, new NewGroup.Builder().name("合陽縣紅色助力團")
        .county(county.id()).build());
    Member cadre = r.addMember(setup, new NewMember.Builder().group(group.id()).name("村書記")
        .background(Background.VILLAGE_CADRE).village(village.id()).build());
    return zhuli.orders().place(Actor.member(cadre.id()), new NewOrder.Builder()
        .village(village.id()).requester(cadre.id()).title("葡萄技術指導")
        .description("需要技術指導").category(OrderCategory.INDUSTRY).urgency(Urgency.ROUTINE)
        .build());
  }
}
