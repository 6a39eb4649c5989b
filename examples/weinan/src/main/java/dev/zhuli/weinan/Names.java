package dev.zhuli.weinan;

import dev.zhuli.core.roster.Background;
import dev.zhuli.core.roster.SquadKind;
import java.util.Map;

/** Invented names and the squads' make-up; no name here belongs to a real person. */
final class Names {
  static final String[] SURNAMES = {"王", "李", "張", "劉", "陳", "楊", "趙", "黃", "周", "吳",
      "徐", "孫", "馬", "朱", "胡", "郭", "何", "高", "林", "羅"};
  private static final String[] GIVEN = {"建國", "秀英", "志強", "麗華", "海峰", "春燕", "國慶",
      "桂蘭", "永紅", "曉東", "明輝", "玉梅", "新民", "淑芬", "振華", "小軍", "文斌", "彩霞",
      "德勝", "雪梅", "保平", "金花", "長安", "秋菊"};

  /** Who serves in each kind of squad: the leader first, then two members. */
  static final Map<SquadKind, Background[]> BACKGROUNDS_BY_SQUAD = Map.of(
      SquadKind.LEAD_GEESE, new Background[] {Background.FIRST_SECRETARY,
          Background.WORK_TEAM_MEMBER, Background.SELECTED_GRADUATE},
      SquadKind.INDUSTRY, new Background[] {Background.AGRI_TECH_EXTENSION,
          Background.FIRST_SECRETARY, Background.EXPERT},
      SquadKind.TRAINING, new Background[] {Background.AGRI_TECH_EXTENSION,
          Background.SELECTED_GRADUATE, Background.WORK_TEAM_MEMBER},
      SquadKind.MARKETING, new Background[] {Background.ENTERPRISE_LIAISON,
          Background.SELECTED_GRADUATE, Background.FIRST_SECRETARY});

  private Names() {}

  /** The n-th invented person's name. */
  static String person(int n) {
    return SURNAMES[n % SURNAMES.length] + GIVEN[(n / SURNAMES.length + n) % GIVEN.length];
  }

  /** The n-th invented household's head. */
  static String household(int n) {
    return person(n * 7 + 3) + "戶";
  }

  /** A short title for a background, put after a name. */
  static String title(Background b) {
    switch (b) {
      case FIRST_SECRETARY: return "（第一書記）";
      case WORK_TEAM_MEMBER: return "（駐村工作隊員）";
      case SELECTED_GRADUATE: return "（選調生）";
      case AGRI_TECH_EXTENSION: return "（農技人員）";
      case EXPERT: return "（專家）";
      case VILLAGE_CADRE: return "（村幹部）";
      default: return "（企業聯絡人）";
    }
  }

  /** The skill each kind of squad brings. */
  static String skill(SquadKind kind) {
    if (kind.equals(SquadKind.LEAD_GEESE)) {
      return "村級治理";
    } else if (kind.equals(SquadKind.INDUSTRY)) {
      return "產業規劃";
    } else if (kind.equals(SquadKind.TRAINING)) {
      return "培訓授課";
    }
    return "直播電商";
  }
}
