package dev.zhuli.core.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zhuli.core.Actor;
import dev.zhuli.core.PageRequest;
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
import org.junit.jupiter.api.Test;

/** The README's "Orders" section, compiled and run as it stands there. */
class OrdersReadmeTest {

  @Test
  void liShisanAsksForLiveStreamTraining() {
    try (Zhuli zhuli = Zhuli.builder().build()) {
      Roster roster = zhuli.roster();
      Actor setup = Actor.system("setup");
      Region weinan = roster.createRegion(setup,
          new NewRegion.Builder().name("渭南市").level(RegionLevel.CITY).build());
      Region linwei = roster.createRegion(setup, new NewRegion.Builder().name("臨渭區")
          .level(RegionLevel.DISTRICT).parent(weinan.id()).build());
      Region lindian = roster.createRegion(setup, new NewRegion.Builder().name("藺店鎮")
          .level(RegionLevel.TOWN).parent(linwei.id()).build());
      Village liShisan = roster.createVillage(setup,
          new NewVillage.Builder().name("李十三村").town(lindian.id()).build());
      HelpGroup group = roster.createGroup(setup,
          new NewGroup.Builder().name("臨渭區紅色助力團").county(linwei.id()).build());
      Squad marketing = roster.createSquad(setup, new NewSquad.Builder().group(group.id())
          .name("行銷組").kind(SquadKind.MARKETING).build());
      Member coordinatorMember = roster.addMember(setup, new NewMember.Builder()
          .group(group.id()).name("周主任").background(Background.WORK_TEAM_MEMBER).build());
      roster.appointCoordinator(setup, group.id(), coordinatorMember.id(), null);
      Member deputy = roster.addMember(setup, new NewMember.Builder().group(group.id())
          .name("李副主任").background(Background.VILLAGE_CADRE).village(liShisan.id()).build());
      Member seller = roster.addMember(setup, new NewMember.Builder().group(group.id())
          .name("孫老師").background(Background.ENTERPRISE_LIAISON).addSkills("直播電商").build());
      roster.joinSquad(setup, seller.id(), marketing.id(), SquadRole.LEADER, null);

      // --- README orders begin ---
      Orders orders = zhuli.orders();
      Actor village = Actor.member(deputy.id());           // a cadre of 李十三村
      Actor coordinator = Actor.member(coordinatorMember.id());
      Actor squad = Actor.member(seller.id());             // the marketing squad's leader

      Order order = orders.place(village, new NewOrder.Builder()
          .village(liShisan.id()).requester(deputy.id())
          .title("蜂蜜產品如何網上銷售").description("想學直播帶貨，請派人培訓")
          .category(OrderCategory.MARKETING).urgency(Urgency.ROUTINE).build());
      orders.dispatch(coordinator, order.id(), marketing.id(), null);
      orders.accept(squad, order.id(), new Acceptance.Builder().lead(seller.id()).build());
      orders.recordActivity(squad, order.id(), new NewActivity.Builder()
          .kind(ActivityKind.TRAINING).summary("直播電商培訓")
          .topic("直播帶貨入門").headCount(52).build());
      orders.resolve(squad, order.id(), new Resolution.Builder()
          .report("培訓50餘人，蜂蜜開始線上銷售")
          .putOutcome("trained", BigDecimal.valueOf(52)).build());
      Order closed = orders.rate(village, order.id(), 5, "很有幫助", null);
      // --- README orders end ---

      assertThat(closed.status()).isEqualTo(OrderStatus.CLOSED);
      assertThat(closed.closure()).contains(Closure.RATED);
      assertThat(closed.timeline()).extracting(TimelineEntry::transition).containsExactly(
          Transition.PLACE, Transition.DISPATCH, Transition.ACCEPT, Transition.START,
          Transition.RESOLVE, Transition.RATE);
      assertThat(orders.ofVillage(liShisan.id(), PageRequest.first()).items())
          .extracting(Order::id).containsExactly(order.id());
      assertThat(closed.activities()).singleElement()
          .satisfies(a -> assertThat(a.headCount()).contains(52));
    }
  }
}
