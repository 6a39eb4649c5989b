package dev.zhuli.core.roster;

import dev.zhuli.core.Code;
import dev.zhuli.core.ValidationException;
import java.util.List;
import java.util.Locale;

/**
 * What a squad (功能小組) does. Every group has the four of the article; hosts may add their own
 * kinds with {@link #of(String)}.
 *
 * <p>Immutable and thread-safe; kinds are equal when their codes are.
 *
 * @since 0.1.0
 */
public final class SquadKind extends Code {
  /** 頭雁: the capacity of village leaders and the role of party members. */
  public static final SquadKind LEAD_GEESE = new SquadKind("LEAD_GEESE");
  /** 產業: what to produce, and links between villages and enterprises. */
  public static final SquadKind INDUSTRY = new SquadKind("INDUSTRY");
  /** 培訓: training plans, courses and expert lectures. */
  public static final SquadKind TRAINING = new SquadKind("TRAINING");
  /** 行銷: e-commerce accounts, online shops, policy and technical help. */
  public static final SquadKind MARKETING = new SquadKind("MARKETING");

  private static final List<SquadKind> STANDARD =
      List.of(LEAD_GEESE, INDUSTRY, TRAINING, MARKETING);

  private SquadKind(String code) {
    super(code);
  }

  /**
   * The kind with this code: one of the four standard kinds, or a host's own.
   *
   * @param code 1 to 32 characters of {@code A–Z 0–9 _}, starting with a letter
   * @return the kind
   * @throws ValidationException if the code is malformed
   */
  public static SquadKind of(String code) {
    SquadKind standard = standard(STANDARD, check("squad.kind", code));
    return standard != null ? standard : new SquadKind(code);
  }

  /**
   * The four kinds every group has, in the article's order.
   *
   * @return the standard kinds
   */
  public static List<SquadKind> standard() {
    return STANDARD;
  }

  /**
   * Whether this is one of the four standard kinds.
   *
   * @return true for the standard kinds
   */
  public boolean isStandard() {
    return STANDARD.contains(this);
  }

  /**
   * The kind's name in a language: zh-Hans, zh-Hant or English; a host's own kind is named by its
   * code.
   *
   * @param locale the language
   * @return the label
   */
  public String label(Locale locale) {
    return isStandard() ? Labels.label("squad." + code(), locale) : code();
  }
}
