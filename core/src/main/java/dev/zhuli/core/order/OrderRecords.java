package dev.zhuli.core.order;

import dev.zhuli.core.store.PersistedType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The persisted shape of an order: one record with its timeline, activities and ratings, so that
 * every change is one versioned write and the timeline can never disagree with the status.
 */
final class OrderRecords {
  static final PersistedType<OrderRecord> ORDER =
      PersistedType.of("order", OrderRecord.class, 1);

  /**
   * The few fields of an order the duplicate check compares, read without binding the rest: a
   * village may hold a hundred open orders of one category, each read at every placement.
   */
  static final PersistedType<OrderGist> ORDER_GIST = ORDER.projection(OrderGist.class);

  private OrderRecords() {}

  /** The fields of {@link OrderRecord} the duplicate check needs. */
  record OrderGist(String id, String category, String status, String title) {}

  record OrderRecord(String id, String group, String village, String requester, String title,
      String description, String category, String urgency, String requestedSquadKind,
      String desiredBy, List<String> attachments, String status, String squad, boolean open,
      String lead, List<String> helpers, String placedAt, String acceptedAt, String resolvedAt,
      String closedAt, String closure, String report, Map<String, BigDecimal> outcome,
      int returns, Map<String, Integer> returnsBySquad, int reopens,
      List<EntryRecord> timeline, List<ActivityRecord> activities,
      List<RatingRecord> ratings, String possibleDuplicateOf, String mergedInto,
      List<String> mergedFrom, List<StageRecord> stages, List<ExtensionRecord> extensions) {

    /** The clocks, oldest first; empty for records written before service levels existed. */
    List<StageRecord> stagesOrEmpty() {
      return stages == null ? List.of() : stages;
    }

    /** The running clock, or null. */
    StageRecord runningStage() {
      List<StageRecord> all = stagesOrEmpty();
      StageRecord last = all.isEmpty() ? null : all.get(all.size() - 1);
      return last != null && last.endedAt() == null ? last : null;
    }

    /** The extension request waiting for the coordinator, or null. */
    ExtensionRecord pendingExtension() {
      List<ExtensionRecord> all = extensions == null ? List.of() : extensions;
      ExtensionRecord last = all.isEmpty() ? null : all.get(all.size() - 1);
      return last != null && last.decidedAt() == null ? last : null;
    }

    Builder edit() {
      return new Builder(this);
    }
  }

  record EntryRecord(String at, String transition, String from, String to, String actor,
      String note) {}

  record ActivityRecord(String id, String kind, String at, String actor, String summary,
      String topic, Integer headCount, String referredTo, BigDecimal money,
      List<String> attachments, boolean voided, String voidReason) {}

  record RatingRecord(String at, int stars, String comment, String actor) {}

  /**
   * One clock of an order (see {@link ServiceStage}): when it started and is due, when its
   * reminder and second escalation fall (null when there is none), when and by which transition
   * it ended (null while it runs), and the alerts raised, each for the deadline it was raised
   * for, so an extension's new deadline gets alerts of its own.
   */
  record StageRecord(String stage, String startedAt, String dueAt, String remindAt,
      String escalateAt, String endedAt, String endedBy, List<AlertRecord> alerts) {

    boolean raised(Transition alert) {
      for (AlertRecord a : alerts) {
        if (a.alert().equals(alert.name()) && a.forDue().equals(dueAt)) {
          return true;
        }
      }
      return false;
    }

    StageRecord ended(String at, Transition by) {
      return new StageRecord(stage, startedAt, dueAt, remindAt, escalateAt, at, by.name(),
          alerts);
    }

    StageRecord withAlert(Transition alert, String at) {
      List<AlertRecord> more = new ArrayList<>(alerts);
      more.add(new AlertRecord(alert.name(), dueAt, at));
      return new StageRecord(stage, startedAt, dueAt, remindAt, escalateAt, endedAt, endedBy,
          List.copyOf(more));
    }
  }

  /** An alert raised: REMIND, MARK_OVERDUE or ESCALATE, for which deadline, and when. */
  record AlertRecord(String alert, String forDue, String at) {}

  /** A request to move the resolution deadline, and the coordinator's decision once made. */
  record ExtensionRecord(String requestedAt, String requestedBy, String until, String reason,
      String decidedAt, String decidedBy, Boolean approved, String note) {}

  /** A copy of an order record with some parts changed. */
  static final class Builder {
    String status;
    String squad;
    boolean open;
    String lead;
    List<String> helpers;
    String acceptedAt;
    String resolvedAt;
    String closedAt;
    String closure;
    String report;
    Map<String, BigDecimal> outcome;
    int returns;
    Map<String, Integer> returnsBySquad;
    int reopens;
    String mergedInto;
    List<StageRecord> stages;
    final List<ExtensionRecord> extensions;
    final List<String> mergedFrom;
    final List<EntryRecord> timeline;
    final List<ActivityRecord> activities;
    final List<RatingRecord> ratings;
    private final OrderRecord base;

    Builder(OrderRecord o) {
      base = o;
      status = o.status();
      squad = o.squad();
      open = o.open();
      lead = o.lead();
      helpers = o.helpers();
      acceptedAt = o.acceptedAt();
      resolvedAt = o.resolvedAt();
      closedAt = o.closedAt();
      closure = o.closure();
      report = o.report();
      outcome = o.outcome();
      returns = o.returns();
      returnsBySquad = o.returnsBySquad();
      reopens = o.reopens();
      mergedInto = o.mergedInto();
      stages = new ArrayList<>(o.stagesOrEmpty());
      extensions = new ArrayList<>(o.extensions() == null ? List.of() : o.extensions());
      mergedFrom = new ArrayList<>(o.mergedFrom() == null ? List.of() : o.mergedFrom());
      timeline = new ArrayList<>(o.timeline());
      activities = new ArrayList<>(o.activities());
      ratings = new ArrayList<>(o.ratings());
    }

    OrderRecord build() {
      return new OrderRecord(base.id(), base.group(), base.village(), base.requester(),
          base.title(), base.description(), base.category(), base.urgency(),
          base.requestedSquadKind(), base.desiredBy(), base.attachments(), status, squad, open,
          lead, List.copyOf(helpers), base.placedAt(), acceptedAt, resolvedAt, closedAt,
          closure, report, outcome, returns, Map.copyOf(returnsBySquad), reopens,
          List.copyOf(timeline), List.copyOf(activities), List.copyOf(ratings),
          base.possibleDuplicateOf(), mergedInto, List.copyOf(mergedFrom), List.copyOf(stages),
          List.copyOf(extensions));
    }
  }
}
