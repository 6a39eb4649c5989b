package dev.zhuli.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zhuli.core.store.CommandRunner.EventRecord;
import dev.zhuli.core.store.CommandRunner.NotificationRecord;
import dev.zhuli.spi.notify.DomainEvent;
import dev.zhuli.spi.notify.Notification;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The relay's way into the payloads the runner writes: whole messages, or errors without data. */
class OutboxPayloadsTest {
  private final Codec codec = Codec.create();
  private final OutboxPayloads payloads = new OutboxPayloads(codec);

  @Test
  void aNotificationAndAnEventReadBackWhole() {
    byte[] n = codec.encodeValue(new NotificationRecord("n-1", "order.place", List.of("p-1"),
        "order.place", Map.of("title", "王建國的蜂蜜")));
    assertThat(payloads.notification(n, Locale.TAIWAN)).isEqualTo(Notification.of("n-1",
        "order.place", List.of("p-1"), "order.place", Map.of("title", "王建國的蜂蜜"),
        Locale.TAIWAN));
    byte[] e = codec.encodeValue(new EventRecord("e-1", "order.place", "order", "o-1", 3,
        "2026-03-01T08:00:00Z", "{\"a\":1}"));
    assertThat(payloads.event(e)).isEqualTo(DomainEvent.of("e-1", "order.place", "order", "o-1",
        3, Instant.parse("2026-03-01T08:00:00Z"), "{\"a\":1}"));
  }

  @Test
  void payloadsThatCannotBeReadFailWithoutQuotingThem() {
    String secret = "王建國 13800138000";
    byte[] noRecipient = codec.encodeValue(new NotificationRecord("n-1", "order.place",
        List.of(), "order.place", Map.of("title", secret)));
    byte[] badTime = codec.encodeValue(new EventRecord("e-1", "order.place", "order", "o-1", 3,
        "yesterday " + secret, "{}"));
    byte[] noTime = codec.encodeValue(new EventRecord("e-1", "order.place", "order", "o-1", 3,
        null, "{}"));
    byte[] notJson = ("{\"id\":\"" + secret).getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> payloads.notification(noRecipient, Locale.ROOT))
        .isInstanceOf(CodecException.class).hasMessageContaining("recipients")
        .hasMessageNotContaining("王建國");
    assertThatThrownBy(() -> payloads.event(badTime)).isInstanceOf(CodecException.class)
        .hasMessageNotContaining("王建國");
    assertThatThrownBy(() -> payloads.event(noTime)).isInstanceOf(CodecException.class)
        .hasMessageContaining("occurredAt");
    assertThatThrownBy(() -> payloads.notification(notJson, Locale.ROOT))
        .isInstanceOf(CodecException.class).hasMessageNotContaining("王建國");
    assertThatThrownBy(() -> new OutboxPayloads(null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
