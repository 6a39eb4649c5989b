package dev.zhuli.spi.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The rule index and the tests agree: every rule has its test, every test its rule. */
class TckRuleIndexTest {
  private static final List<Class<?>> SUITES = List.of(
      TckSupport.class, RecordRules.class, FindRules.class, OutboxRules.class, StorageTck.class,
      SharedStorageRules.class, DurableStorageRules.class);

  @Test
  void everyRuleHasATestNamedAfterItAndEveryTestARule() {
    Set<String> tests = new TreeSet<>();
    for (Class<?> suite : SUITES) {
      for (Method m : suite.getDeclaredMethods()) {
        if (m.isAnnotationPresent(Test.class)) {
          tests.add(m.getName());
        }
      }
    }
    Set<String> rules = Arrays.stream(TckRule.values()).map(Enum::name)
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(tests).isEqualTo(rules);
  }

  @Test
  void everyRuleSaysWhatToCheck() {
    for (TckRule rule : TckRule.values()) {
      assertThat(rule.hint()).as(rule.name()).isNotBlank().doesNotEndWith(".");
      assertThat(rule.name()).matches("(required_[a-z]+[A-Za-z]*|shared|durable)_[a-z][A-Za-z]+");
    }
  }

  @Test
  void theFailureMessageNamesTheRuleAndTheHint() {
    assertThat(TckSupport.message(TckRule.required_versions_staleUpdateIsRejected, "boom"))
        .isEqualTo("[required_versions_staleUpdateIsRejected] boom. If this fails, check: "
            + TckRule.required_versions_staleUpdateIsRejected.hint());
  }
}
