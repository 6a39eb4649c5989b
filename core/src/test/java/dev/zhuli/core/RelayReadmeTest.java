package dev.zhuli.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zhuli.core.order.NewOrder;
import dev.zhuli.core.order.OrderCategory;
import dev.zhuli.core.relay.Relay;
import dev.zhuli.core.relay.RelaySettings;
import dev.zhuli.core.relay.RelayStatistics;
import dev.zhuli.core.relay.TemplateRenderer;
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
import dev.zhuli.spi.notify.EventSubscriber;
import dev.zhuli.spi.notify.Notifier;
import dev.zhuli.spi.storage.DeadLetter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The README's "Receiving notifications and events", compiled and run as it stands there. */
class RelayReadmeTest {

  /** The host's SMS gateway. */
  static final class SmsGateway {
    final List<String> sent = new CopyOnWriteArrayList<>();

    void send(String party, String notificationId, String text) {
      sent.add(party + " " + notificationId + " " + text);
    }
  }

  /** The host's audit log. */
  static final class AuditLog {
    final List<String> entries = new CopyOnWriteArrayList<>();

    void append(String eventId, String type, String payloadJson) {
      entries.add(type);
    }
  }

  /** The host's on-call operators. */
  static final class Operators {
    final List<String> alerts = new CopyOnWriteArrayList<>();

    void alert(String messageId, String error) {
      alerts.add(messageId + ": " + error);
    }
  }

  private final SmsGateway gateway = new SmsGateway();
  private final AuditLog auditLog = new AuditLog();
  private final Operators operators = new Operators();
  private Member coordinator;

  /** The host's commands: a village of 臨渭區 asks its help group for training. */
  private void serveVillages(Zhuli zhuli) {
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
    coordinator = roster.addMember(setup, new NewMember.Builder().group(group.id())
        .name("周主任").background(Background.WORK_TEAM_MEMBER).build());
    roster.appointCoordinator(setup, group.id(), coordinator.id(), null);
    Member deputy = roster.addMember(setup, new NewMember.Builder().group(group.id())
        .name("李副主任").background(Background.VILLAGE_CADRE).village(liShisan.id()).build());
    zhuli.orders().place(Actor.member(deputy.id()), new NewOrder.Builder()
        .village(liShisan.id()).requester(deputy.id()).title("蜂蜜產品如何網上銷售")
        .description("想學直播帶貨，請派人培訓").category(OrderCategory.MARKETING).build());
  }

  @Test
  void aNotifierAnEventSubscriberAndTheRelaysLifecycle() {
    // --- README relay begins ---
    TemplateRenderer templates = TemplateRenderer.bundled();        // zh-Hans, zh-Hant, en
    Notifier sms = notification -> {                                // throw to have it retried
      String text = templates.render(notification);                 // in its locale hint
      for (String party : notification.recipients()) {
        gateway.send(party, notification.id(), text);               // de-duplicate on the id
      }
    };
    EventSubscriber audit = event ->
        auditLog.append(event.id(), event.type(), event.payloadJson());

    try (Zhuli zhuli = Zhuli.builder()
        .notifier(sms)
        .subscriber("audit", audit)
        .relaySettings(new RelaySettings.Builder().threads(2).batchSize(20).build())
        .build()) {
      Relay relay = zhuli.relay();                  // built with Zhuli, not started
      serveVillages(zhuli);                         // commands commit their messages with them
      relay.pollOnce(zhuli.clock().instant());      // one round now, from your scheduler...
      relay.start();                                // ...or threads that poll in the background

      RelayStatistics stats = relay.statistics();   // delivered, retried, buried, lag
      for (DeadLetter dead : relay.deadLetters(PageRequest.first()).items()) {
        operators.alert(dead.message().id(), dead.error());
      }
      relay.reviveAll();                            // once the cause is fixed: due again
      // --- README relay ends ---
      assertThat(stats.delivered()).isEqualTo(10);
      assertThat(stats.buried()).isZero();
    }                                               // closes the relay first, then the store
    assertThat(gateway.sent).singleElement().asString()
        .startsWith(coordinator.id().value() + " ")
        .contains("村里提交了新需求：“蜂蜜產品如何網上銷售”").endsWith("），等待派单。");
    assertThat(auditLog.entries).hasSize(9).contains("roster.region.created", "order.place");
    assertThat(operators.alerts).isEmpty();
  }
}
