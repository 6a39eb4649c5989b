package dev.zhuli.weinan;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The reports' labels in the three languages the demo speaks. The story's own names (places,
 * squads, people) stay as the story wrote them, in Traditional Chinese.
 */
enum Labels {
  ZH_HANT("zh-Hant"), ZH_HANS("zh-Hans"), EN("en");

  private final String tag;
  private final Map<String, String> words = new HashMap<>();

  Labels(String tag) {
    this.tag = tag;
  }

  /** The language tag, as {@code --lang} takes it. */
  String tag() {
    return tag;
  }

  /** The labels of a language tag, or null if the demo does not speak it. */
  static Labels of(String tag) {
    for (Labels l : values()) {
      if (l.tag.equalsIgnoreCase(tag)) {
        return l;
      }
    }
    return null;
  }

  /** The label for a key. */
  String get(String key) {
    String w = words.get(key);
    if (w == null) {
      throw new IllegalArgumentException("no label " + key + " in " + tag);
    }
    return w;
  }

  private static void put(String key, String hant, String hans, String en) {
    ZH_HANT.words.put(key, hant);
    ZH_HANS.words.put(key, hans);
    EN.words.put(key, en);
  }

  static {
    put("title", "渭南紅色助力團 二〇二五年報告", "渭南红色助力团 二〇二五年报告",
        "Weinan Red Assistance Groups: 2025 report");
    put("orders", "點單與接單", "点单与接单", "Orders");
    put("county", "縣區", "县区", "County");
    put("squad", "小組", "小组", "Squad");
    put("all", "全團", "全团", "whole group");
    put("placed", "點單", "点单", "placed");
    put("status", "狀態", "状态", "by status");
    put("accept", "接單用時 中位/P90", "接单用时 中位/P90", "to accept median/p90");
    put("resolve", "辦結用時 中位/P90", "办结用时 中位/P90", "to resolve median/p90");
    put("inTime", "按時辦結", "按时办结", "in time");
    put("rating", "評分", "评分", "rating");
    put("money", "撬動資金（元）", "撬动资金（元）", "money mobilised (yuan)");
    put("trained", "培訓人數", "培训人数", "trainees");
    put("total", "合計", "合计", "total");
    put("tree", "蛛網式管理：南溝葡萄示範園", "蛛网式管理：南沟葡萄示范园",
        "Spider-web management: the Nangou grape program");
    put("expert", "專家", "专家", "expert");
    put("households", "示範戶", "示范户", "demonstration households");
    put("growers", "種植戶", "种植户", "growers");
    put("compliance", "執行率", "执行率", "compliance");
    put("yield", "畝產（公斤）", "亩产（公斤）", "yield per mu (kg)");
    put("yieldByHousehold", "各示範戶帶動的種植戶畝產", "各示范户带动的种植户亩产",
        "Yield per mu of each demonstration household's growers");
    put("disparity", "差距", "差距", "Disparity");
    put("ratio", "P90/P10 倍數", "P90/P10 倍数", "p90/p10 ratio");
    put("correlation", "執行率與畝產相關係數", "执行率与亩产相关系数",
        "correlation of compliance and yield");
    put("atTarget", "達到目標畝產的比例", "达到目标亩产的比例", "share at the target yield");
    put("explains", "差距在執行：是", "差距在执行：是", "execution explains the gap: yes");
    put("notExplains", "差距在執行：否", "差距在执行：否", "execution explains the gap: no");
    put("bonuses", "年終獎勵", "年终奖励", "Year-end bonuses");
    put("approved", "已批准", "已批准", "approved");
    put("promoted", "模式推廣", "模式推广", "Promotion of the model");
    put("hours", "小時", "小时", "h");
    put("days", "天", "天", "d");
    put("flow", "各小組全年點單流量（按月）", "各小组全年点单流量（按月）",
        "Orders per squad over the year (by month)");
    put("yieldChart", "種植戶畝產分布（按示範戶）", "种植户亩产分布（按示范户）",
        "Yield per mu of growers, by demonstration household");
  }

  static {
    put("status.PLACED", "待派單", "待派单", "placed");
    put("status.DISPATCHED", "已派單", "已派单", "dispatched");
    put("status.RETURNED", "已退單", "已退单", "returned");
    put("status.ACCEPTED", "已接單", "已接单", "accepted");
    put("status.IN_PROGRESS", "辦理中", "办理中", "in progress");
    put("status.RESOLVED", "已辦結", "已办结", "resolved");
    put("status.CLOSED", "已評單", "已评单", "closed");
    put("status.CANCELLED", "已撤銷", "已撤销", "cancelled");
  }

  @Override
  public String toString() {
    return tag.toLowerCase(Locale.ROOT);
  }
}
