package dev.zhuli.core.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

import dev.zhuli.core.ValidationException;
import java.time.Duration;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

/** The relay's numbers: sensible defaults, and every one checked with the field named. */
class RelaySettingsTest {

  @Test
  void theDefaultsAreDocumented() {
    RelaySettings d = RelaySettings.defaults();
    assertThat(d.threads()).isEqualTo(1);
    assertThat(d.batchSize()).isEqualTo(10);
    assertThat(d.lease()).isEqualTo(Duration.ofSeconds(60));
    assertThat(d.callbackTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(d.pollInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(d.backoffBase()).isEqualTo(Duration.ofSeconds(5));
    assertThat(d.backoffCap()).isEqualTo(Duration.ofHours(1));
    assertThat(d.maxAttempts()).isEqualTo(8);
    assertThat(d.closeGrace()).isEqualTo(Duration.ofSeconds(10));
    assertThat(d.owner()).isEmpty();
    assertThat(d.jitterSeed()).isEmpty();
    assertThat(d.localeHint()).isEqualTo(Locale.forLanguageTag("zh-Hans"));
    assertThat(d).isEqualTo(new RelaySettings.Builder().build());
  }

  @Test
  void everyValueOutOfRangeIsRefusedNamingItsField() {
    assertRefused("threads", b -> b.threads(0));
    assertRefused("threads", b -> b.threads(17));
    assertRefused("batchSize", b -> b.batchSize(0));
    assertRefused("batchSize", b -> b.batchSize(101));
    assertRefused("maxAttempts", b -> b.maxAttempts(0));
    assertRefused("maxAttempts", b -> b.maxAttempts(101));
    assertRefused("lease", b -> b.lease(Duration.ZERO));
    assertRefused("lease", b -> b.lease(Duration.ofSeconds(-1)));
    assertRefused("lease", b -> b.lease(Duration.ofDays(2)));
    assertRefused("lease", b -> b.lease(null));
    assertRefused("callbackTimeout", b -> b.callbackTimeout(Duration.ZERO));
    assertRefused("callbackTimeout", b -> b.callbackTimeout(null));
    assertRefused("callbackTimeout", b -> b.callbackTimeout(Duration.ofSeconds(60)));
    assertRefused("callbackTimeout",
        b -> b.lease(Duration.ofSeconds(10)).callbackTimeout(Duration.ofSeconds(11)));
    assertRefused("pollInterval", b -> b.pollInterval(Duration.ZERO));
    assertRefused("pollInterval", b -> b.pollInterval(null));
    assertRefused("backoffBase", b -> b.backoffBase(Duration.ZERO));
    assertRefused("backoffBase", b -> b.backoffBase(Duration.ofDays(8)));
    assertRefused("backoffCap", b -> b.backoffCap(Duration.ofSeconds(4)));
    assertRefused("backoffCap", b -> b.backoffCap(null));
    assertRefused("closeGrace", b -> b.closeGrace(Duration.ofMillis(-1)));
    assertRefused("closeGrace", b -> b.closeGrace(Duration.ofHours(2)));
    assertRefused("closeGrace", b -> b.closeGrace(null));
    assertRefused("owner", b -> b.owner(""));
    assertRefused("owner", b -> b.owner("has space"));
    assertRefused("owner", b -> b.owner("中"));
    assertRefused("owner", b -> b.owner("o".repeat(129)));
    assertRefused("localeHint", b -> b.localeHint(null));
  }

  @Test
  void zhuliRefusesNoSettings() {
    assertThatThrownBy(() -> dev.zhuli.core.Zhuli.builder().relaySettings(null))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).field()).isEqualTo("relaySettings"));
  }

  @Test
  void valuesAtTheLimitsAreAccepted() {
    RelaySettings s = new RelaySettings.Builder().threads(16).batchSize(100).maxAttempts(100)
        .lease(Duration.ofDays(1)).callbackTimeout(Duration.ofDays(1).minusNanos(1))
        .pollInterval(Duration.ofNanos(1)).backoffBase(Duration.ofNanos(1))
        .backoffCap(Duration.ofDays(7)).closeGrace(Duration.ZERO).owner("o".repeat(128))
        .jitterSeed(-1).localeHint(Locale.ROOT).build();
    assertThat(s.threads()).isEqualTo(16);
    assertThat(s.closeGrace()).isZero();
  }

  @Test
  void aTimeoutIsAcceptedExactlyWhenItIsShorterThanTheLease() {
    qt().withExamples(100)
        .forAll(Generate.range(1, 86_400), Generate.range(1, 86_400))
        .checkAssert((lease, timeout) -> {
          RelaySettings.Builder b = new RelaySettings.Builder();
          b.lease(Duration.ofSeconds(lease)).callbackTimeout(Duration.ofSeconds(timeout));
          if (timeout < lease) {
            assertThat(b.build().callbackTimeout()).isEqualTo(Duration.ofSeconds(timeout));
          } else {
            assertThatThrownBy(b::build).isInstanceOf(ValidationException.class)
                .hasMessageContaining("relaySettings.callbackTimeout")
                .hasMessageContaining("shorter than the lease");
          }
        });
  }

  @Test
  void settingsAreValuesThatNameNoPersonalData() {
    RelaySettings a = new RelaySettings.Builder().owner("relay-1").build();
    RelaySettings b = new RelaySettings.Builder().owner("relay-1").build();
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.toString()).contains("relay-1").contains("PT1M");
  }

  private static void assertRefused(String field, UnaryOperator<RelaySettings.Builder> change) {
    assertThatThrownBy(() -> change.apply(new RelaySettings.Builder()).build())
        .as(field).isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).field())
            .isEqualTo("relaySettings." + field));
  }
}
