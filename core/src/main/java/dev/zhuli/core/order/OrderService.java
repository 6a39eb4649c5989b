package dev.zhuli.core.order;

import static dev.zhuli.core.order.OrderRecords.ORDER;
import static dev.zhuli.core.order.OrderRecords.ORDER_GIST;

import dev.zhuli.core.Actor;
import dev.zhuli.core.GroupId;
import dev.zhuli.core.MemberId;
import dev.zhuli.core.OrderId;
import dev.zhuli.core.PageRequest;
import dev.zhuli.core.ResultPage;
import dev.zhuli.core.RuleViolationException;
import dev.zhuli.core.SquadId;
import dev.zhuli.core.ValidationException;
import dev.zhuli.core.VillageId;
import dev.zhuli.core.access.AccessRequest;
import dev.zhuli.core.access.Role;
import dev.zhuli.core.order.OrderRecords.ActivityRecord;
import dev.zhuli.core.order.OrderRecords.EntryRecord;
import dev.zhuli.core.order.OrderRecords.OrderGist;
import dev.zhuli.core.order.OrderRecords.OrderRecord;
import dev.zhuli.core.order.OrderRecords.ExtensionRecord;
import dev.zhuli.core.order.OrderRecords.RatingRecord;
import dev.zhuli.core.order.OrderRecords.StageRecord;
import dev.zhuli.core.roster.Background;
import dev.zhuli.core.roster.HelpGroup;
import dev.zhuli.core.roster.Member;
import dev.zhuli.core.roster.RosterFacts;
import dev.zhuli.core.roster.Squad;
import dev.zhuli.core.roster.Village;
import dev.zhuli.core.store.Checks;
import dev.zhuli.core.store.CommandRunner;
import dev.zhuli.core.store.Session;
import dev.zhuli.core.store.Times;
import dev.zhuli.core.store.Versioned;
import dev.zhuli.spi.storage.IndexEntry;
import dev.zhuli.spi.storage.Limits;
import dev.zhuli.spi.storage.StoredRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The order lifecycle over the command runner, one transition-table row per command. */
final class OrderService implements Orders {
  static final int MAX_TITLE = 100;
  static final int MAX_TEXT = 2000;
  static final int MAX_REASON = 500;
  static final int MAX_REPORT = 4000;
  static final int MAX_ATTACHMENTS = 20;
  static final int MAX_ATTACHMENT = 256;
  static final int MAX_HELPERS = 10;
  static final int MAX_FIGURES = 20;
  private static final String NO_DATE = "9999-12-31";
  private static final String SWEEP = "sweep";
  /** Open orders by village and category: what a new order may duplicate. */
  private static final String OPEN_KIND = "openKind";
  private static final Set<OrderStatus> WORK =
      EnumSet.of(OrderStatus.DISPATCHED, OrderStatus.ACCEPTED, OrderStatus.IN_PROGRESS);

  private final CommandRunner runner;
  private final OrderSettings settings;
  private final Deadlines deadlines;

  OrderService(CommandRunner runner, OrderSettings settings) {
    this.runner = runner;
    this.settings = settings;
    this.deadlines = new Deadlines(settings);
  }

  // ---- intake -------------------------------------------------------------------------------

  @Override
  public Order place(Actor actor, NewOrder input) {
    Checks.present("order", input);
    String village = Checks.present("order.village", input.village()).value();
    String requester = Checks.present("order.requester", input.requester()).value();
    String title = Checks.text("order.title", input.title(), MAX_TITLE);
    String description = Checks.text("order.description", input.description(), MAX_TEXT);
    OrderCategory category = Checks.present("order.category", input.category());
    Urgency urgency = Checks.present("order.urgency", input.urgency());
    List<String> attachments = attachments("order.attachments", input.attachments());
    if (input.desiredBy().isPresent() && input.desiredBy().get().getYear() > 9999) {
      throw new ValidationException("order.desiredBy", "must lie before the year 10000");
    }
    String desiredBy = input.desiredBy().map(LocalDate::toString).orElse(null);
    String squadId = input.squad().map(SquadId::value).orElse(null);
    String kind = input.requestedSquadKind().map(k -> k.code()).orElse(null);
    return view(runner.run("order.place", actor, input.requestKey().orElse(null),
        Arrays.asList(village, requester, title, description, category.code(), urgency.name(),
            attachments, desiredBy, squadId, kind),
        Stamped.class, s -> {
          Village v = RosterFacts.village(s, input.village());
          HelpGroup group = RosterFacts.groupServing(s, v);
          Set<Role> roles = EnumSet.noneOf(Role.class);
          Optional<Member> me = actor.member().flatMap(m -> RosterFacts.member(s, m));
          if (me.isPresent() && isActiveCadreOf(me.get(), village)) {
            roles.add(Role.VILLAGE_CADRE);
          }
          Transition t = squadId == null ? Transition.PLACE : Transition.PLACE_TO_SQUAD;
          s.authorize(request(t, group, v).withRoles(roles));
          // The acting cadre is the requester: the member read above, not a second read.
          Member cadre = me.filter(m -> m.id().value().equals(requester))
              .orElseGet(() -> RosterFacts.requireMember(s, input.requester()));
          if (!isActiveCadreOf(cadre, village)) {
            throw new RuleViolationException("requester-is-cadre",
                "member " + requester + " is not an active cadre of village " + village);
          }
          if (me.isPresent() && !me.get().id().value().equals(requester)) {
            throw new ValidationException("order.requester", "must be the acting cadre");
          }
          if (desiredBy != null && input.desiredBy().get()
              .isBefore(LocalDate.ofInstant(s.now(), group.timeZone()))) {
            throw new ValidationException("order.desiredBy", "must not lie in the past");
          }
          if (squadId != null) {
            requireSquadOfGroup(s, input.squad().get(), group);
          }
          String duplicate = possibleDuplicate(s, village, category.code(), title);
          String id = s.newId();
          OrderStatus status = t.to(null);
          List<EntryRecord> timeline = List.of(new EntryRecord(s.now().toString(), t.name(),
              null, status.name(), actor.toString(), null));
          OrderRecord order = new OrderRecord(id, group.id().value(), village, requester, title,
              description, category.code(), urgency.name(), kind, desiredBy, attachments,
              status.name(), squadId, false, null, List.of(), s.now().toString(), null, null,
              null, null, null, Map.of(), 0, Map.of(), 0, timeline, List.of(), List.of(),
              duplicate, null, List.of(),
              deadlines.advance(List.of(), status, t, urgency, s.now(), group), List.of());
          long version = s.put(ORDER, id, order, 0, index(order));
          announce(s, t, order, version, group);
          return new Stamped(order, version);
        }));
  }

  // ---- coordinator --------------------------------------------------------------------------

  @Override
  public Order dispatch(Actor actor, OrderId order, SquadId squad, String requestKey) {
    Checks.present("squad", squad);
    return change("order.dispatch", actor, requestKey, order, List.of(squad.value()),
        EnumSet.of(Transition.DISPATCH),
        (s, o, group, b) -> {
          requireSquadOfGroup(s, squad, group);
          b.squad = squad.value();
          b.open = false;
          return step(Transition.DISPATCH, null);
        });
  }

  @Override
  public Order openForClaiming(Actor actor, OrderId order, String requestKey) {
    return change("order.openForClaiming", actor, requestKey, order, List.of(),
        EnumSet.of(Transition.OPEN_FOR_CLAIMING),
        (s, o, group, b) -> {
          b.squad = null;
          b.open = true;
          return step(Transition.OPEN_FOR_CLAIMING, null);
        });
  }

  @Override
  public Order assign(Actor actor, OrderId order, Acceptance acceptance) {
    Checks.present("acceptance", acceptance);
    SquadId squad = acceptance.squad().orElseThrow(() ->
        new ValidationException("acceptance.squad", "is required when assigning"));
    return change("order.assign", actor, acceptance.requestKey().orElse(null), order,
        acceptanceInput(acceptance), EnumSet.of(Transition.ASSIGN), (s, o, group, b) -> {
          requireSquadOfGroup(s, squad, group);
          take(s, group, squad, acceptance, b);
          return step(Transition.ASSIGN, null);
        });
  }

  @Override
  public Order closeOutOfScope(Actor actor, OrderId order, String reason, String requestKey) {
    String why = Checks.text("reason", reason, MAX_REASON);
    return change("order.closeOutOfScope", actor, requestKey, order, List.of(why),
        EnumSet.of(Transition.CLOSE_OUT_OF_SCOPE),
        (s, o, group, b) -> {
          b.closure = Closure.OUT_OF_SCOPE.name();
          b.closedAt = s.now().toString();
          b.squad = null;
          b.open = false;
          return step(Transition.CLOSE_OUT_OF_SCOPE, why);
        });
  }

  @Override
  public Order transfer(Actor actor, OrderId order, SquadId squad, String reason,
      String requestKey) {
    Checks.present("squad", squad);
    String why = Checks.text("reason", reason, MAX_REASON);
    return change("order.transfer", actor, requestKey, order, List.of(squad.value(), why),
        EnumSet.of(Transition.TRANSFER),
        (s, o, group, b) -> {
          requireSquadOfGroup(s, squad, group);
          if (squad.value().equals(o.squad())) {
            throw new RuleViolationException("transfer-elsewhere",
                "order " + o.id() + " is already with squad " + squad);
          }
          b.squad = squad.value();
          b.open = false;
          b.lead = null;
          b.helpers = List.of();
          return step(Transition.TRANSFER, why);
        });
  }

  @Override
  public Order closeUnrated(Actor actor, OrderId order, String requestKey) {
    return change("order.closeUnrated", actor, requestKey, order, List.of(),
        EnumSet.of(Transition.AUTO_CLOSE),
        (s, o, group, b) -> {
          if (o.resolvedAt() != null && s.now().isBefore(
              Times.parse(o.resolvedAt()).plus(settings.quietPeriod()))) {
            throw new RuleViolationException("quiet-period",
                "order " + o.id() + " may close unrated only " + settings.quietPeriod()
                    + " after its resolution");
          }
          b.closure = Closure.UNRATED.name();
          b.closedAt = s.now().toString();
          return step(Transition.AUTO_CLOSE, null);
        });
  }

  @Override
  public Order verify(Actor actor, OrderId order, Verdict verdict, String note,
      String requestKey) {
    Verdict v = Checks.present("verdict", verdict);
    String text = Checks.text("note", note, MAX_REASON);
    return change("order.verify", actor, requestKey, order, List.of(v.name(), text),
        EnumSet.of(v == Verdict.CONFIRMED ? Transition.VERIFY_CONFIRMED
            : Transition.VERIFY_DISPUTED),
        (s, o, group, b) -> {
          Transition t = v == Verdict.CONFIRMED ? Transition.VERIFY_CONFIRMED
              : Transition.VERIFY_DISPUTED;
          if (o.lead() == null || Closure.MERGED.name().equals(o.closure())) {
            throw new RuleViolationException("verify-handled-orders",
                "order " + o.id() + " was never handled or was merged away, so there is"
                    + " nothing to verify");
          }
          if (t == Transition.VERIFY_DISPUTED) {
            b.reopens++;
            b.closedAt = null;
            b.closure = null;
          }
          return step(t, text);
        });
  }

  @Override
  public Order merge(Actor actor, OrderId duplicate, OrderId survivor, String requestKey) {
    String dupId = Checks.present("duplicate", duplicate).value();
    String survivorId = Checks.present("survivor", survivor).value();
    if (dupId.equals(survivorId)) {
      throw new ValidationException("survivor", "must be another order than the duplicate");
    }
    return view(runner.run("order.merge", actor, requestKey, List.of(dupId, survivorId),
        Stamped.class, s -> {
          Versioned<OrderRecord> dup = s.require(ORDER, dupId, "order");
          Versioned<OrderRecord> keep = s.require(ORDER, survivorId, "order");
          OrderStatus dupFrom = OrderStatus.valueOf(dup.value().status());
          OrderStatus keepFrom = OrderStatus.valueOf(keep.value().status());
          if (!Transition.MERGE.allowedFrom(dupFrom)) {
            throw new RuleViolationException("order-transition",
                "cannot merge order " + dupId + " while it is " + dupFrom);
          }
          if (!Transition.MERGE_IN.allowedFrom(keepFrom)) {
            throw new RuleViolationException("order-transition",
                "cannot merge into order " + survivorId + " while it is " + keepFrom);
          }
          HelpGroup group = RosterFacts.group(s, GroupId.of(dup.value().group()));
          Village village = RosterFacts.village(s, VillageId.of(dup.value().village()));
          s.authorize(request(Transition.MERGE, group, village)
              .withRoles(rolesOf(s, actor, dup.value(), group, null)));
          if (!keep.value().group().equals(dup.value().group())) {
            throw new RuleViolationException("merge-within-group",
                "orders " + dupId + " and " + survivorId + " belong to different groups");
          }
          OrderRecords.Builder d = dup.value().edit();
          d.status = OrderStatus.CLOSED.name();
          d.closure = Closure.MERGED.name();
          d.closedAt = s.now().toString();
          d.mergedInto = survivorId;
          d.open = false;
          d.stages = deadlines.advance(d.stages, OrderStatus.CLOSED, Transition.MERGE,
              Urgency.valueOf(dup.value().urgency()), s.now(), group);
          lapseExtension(d, dup.value().runningStage(), Transition.MERGE, s.now());
          d.timeline.add(new EntryRecord(s.now().toString(), Transition.MERGE.name(),
              dupFrom.name(), OrderStatus.CLOSED.name(), actor.toString(),
              "merged into " + survivorId));
          OrderRecord closed = d.build();
          long dupVersion = s.put(ORDER, dupId, closed, dup.version(), index(closed));
          announce(s, Transition.MERGE, closed, dupVersion, group);
          OrderRecords.Builder k = keep.value().edit();
          k.mergedFrom.add(dupId);
          k.timeline.add(new EntryRecord(s.now().toString(), Transition.MERGE_IN.name(),
              keepFrom.name(), keepFrom.name(), actor.toString(), "merged from " + dupId));
          OrderRecord kept = k.build();
          long keptVersion = s.put(ORDER, survivorId, kept, keep.version(), index(kept));
          announce(s, Transition.MERGE_IN, kept, keptVersion, group);
          return new Stamped(kept, keptVersion);
        }));
  }

  /**
   * The most similar open order of the village and category, if similar enough; of equally
   * similar ones, the one with the least id (the oldest, with time-ordered ids). Reads only the
   * open orders of that village and category (index {@code openKind}), never the village's
   * whole history, and compares the titles that their index entries carry
   * ({@link #openKindEntry}), so that it decodes no order unless its entry lacks the title: one
   * written before entries carried it, or a title too long to fit.
   */
  private String possibleDuplicate(Session s, String village, String category, String title) {
    Similarity.Grams grams = Similarity.Grams.of(title);
    String best = null;
    double bestScore = 0;
    String key = village + "|" + category;
    String titled = key + "|";
    PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
    while (true) {
      // every entry of this village and category: the bare key (older entries) and the key, a
      // bar and a title; '}' follows '|', and neither ids nor category codes contain either
      ResultPage<StoredRecord> found = s.findStored(ORDER, OPEN_KIND, key, key + "}", page);
      for (StoredRecord r : found.items()) {
        String other = null;
        boolean decode = false;
        for (String value : r.indexValues(OPEN_KIND)) {
          if (value.length() > titled.length() && value.startsWith(titled)) {
            other = value.substring(titled.length());
          } else if (value.equals(key) || value.equals(titled)) {
            decode = true;
          }
        }
        if (other == null && decode) {
          OrderGist o = s.decode(ORDER_GIST, r);
          if (o.category().equals(category) && OrderStatus.valueOf(o.status()).isOpen()) {
            other = o.title();
          }
        }
        if (other == null) {
          continue; // another category whose code begins with this one
        }
        double score = grams.similarity(other);
        if (score >= settings.duplicateThreshold()
            && (score > bestScore || score == bestScore && r.id().compareTo(best) < 0)) {
          best = r.id();
          bestScore = score;
        }
      }
      if (found.nextCursor().isEmpty()) {
        return best;
      }
      page = page.after(found.nextCursor().get());
    }
  }

  /**
   * The entry that finds an open order among its village's open orders of its category when an
   * order is placed: the village, a bar, the category, a bar and the title, so that the check
   * for duplicates reads titles from the index rather than decoding every open order. A title
   * that does not fit an index value is left out (the entry ends with the bar) and read from the
   * order instead. With today's limits every title fits (ids of at most 64 characters, category
   * codes of 32, titles of 100): the check guards the index's limit if any of them grows.
   *
   * <p>Versions before this one wrote the bare village and category, and find only that: an
   * older version running beside this one on the same store does not flag duplicates of the
   * orders this one places.
   */
  static IndexEntry openKindEntry(OrderRecord o) {
    String titled = o.village() + "|" + o.category() + "|";
    int room = Limits.MAX_INDEX_VALUE_CODE_POINTS - titled.length();
    String title = o.title();
    return IndexEntry.of(OPEN_KIND, title.codePointCount(0, title.length()) <= room
        ? titled + title : titled);
  }

  @Override
  public List<TimelineEntry> joinedTimeline(OrderId id) {
    Order order = order(Checks.present("order", id)).orElseThrow(
        () -> new dev.zhuli.core.NotFoundException("order", id.value()));
    List<TimelineEntry> all = new ArrayList<>(order.timeline());
    for (OrderId merged : order.mergedFrom()) {
      all.addAll(joinedTimeline(merged));
    }
    all.sort(java.util.Comparator.comparing(TimelineEntry::at));
    return List.copyOf(all);
  }

  // ---- squads -------------------------------------------------------------------------------

  @Override
  public Order accept(Actor actor, OrderId order, Acceptance acceptance) {
    Checks.present("acceptance", acceptance);
    return change("order.accept", actor, acceptance.requestKey().orElse(null), order,
        acceptanceInput(acceptance), EnumSet.of(Transition.ACCEPT),
        o -> o.open() ? acceptance.squad().orElse(null)
            : o.squad() == null ? null : SquadId.of(o.squad()), (s, o, group, b) -> {
          SquadId squad;
          if (o.open()) {
            squad = acceptance.squad().orElseThrow(() -> new ValidationException(
                "acceptance.squad", "is required when claiming an open order"));
            requireSquadOfGroup(s, squad, group);
          } else {
            squad = SquadId.of(o.squad());
            if (acceptance.squad().isPresent() && !acceptance.squad().get().equals(squad)) {
              throw new RuleViolationException("accept-target-squad",
                  "order " + o.id() + " was dispatched to squad " + o.squad());
            }
          }
          take(s, group, squad, acceptance, b);
          return step(Transition.ACCEPT, null);
        });
  }

  @Override
  public Order sendBack(Actor actor, OrderId order, String reason, String requestKey) {
    String why = Checks.text("reason", reason, MAX_REASON);
    return change("order.sendBack", actor, requestKey, order, List.of(why),
        EnumSet.of(Transition.RETURN),
        (s, o, group, b) -> {
          if (o.open()) {
            throw new RuleViolationException("return-dispatched-only",
                "order " + o.id() + " is open for claiming; no squad holds it to return");
          }
          b.returns++;
          Map<String, Integer> bySquad = new TreeMap<>(b.returnsBySquad);
          bySquad.merge(o.squad(), 1, Integer::sum);
          b.returnsBySquad = bySquad;
          b.squad = null;
          return step(Transition.RETURN, why);
        });
  }

  // ---- handlers -----------------------------------------------------------------------------

  @Override
  public Order recordActivity(Actor actor, OrderId order, NewActivity input) {
    Checks.present("activity", input);
    ActivityKind kind = Checks.present("activity.kind", input.kind());
    String summary = Checks.text("activity.summary", input.summary(), MAX_TEXT);
    String topic = Checks.optionalText("activity.topic", input.topic().orElse(null), MAX_TITLE);
    Integer heads = input.headCount().orElse(null);
    String referred = Checks.optionalText("activity.referredTo",
        input.referredTo().orElse(null), 200);
    BigDecimal money = input.money().orElse(null);
    List<String> attachments = attachments("activity.attachments", input.attachments());
    if (kind == ActivityKind.TRAINING) {
      Checks.present("activity.topic", topic);
      if (heads == null || heads < 1 || heads > 100_000) {
        throw new ValidationException("activity.headCount",
            "a training needs a head-count between 1 and 100000");
      }
    } else if (heads != null) {
      throw new ValidationException("activity.headCount", "only a training has a head-count");
    }
    if (kind == ActivityKind.REFERRAL) {
      Checks.present("activity.referredTo", referred);
    }
    if (money != null && (money.signum() < 0 || money.scale() > 2
        || money.compareTo(new BigDecimal("1000000000000")) >= 0)) {
      throw new ValidationException("activity.money",
          "must be 0 or more yuan, below 10^12, with at most 2 decimals");
    }
    if (money != null && kind != ActivityKind.REFERRAL) {
      throw new ValidationException("activity.money", "only a referral mobilises money");
    }
    return change("order.recordActivity", actor, input.requestKey().orElse(null), order,
        Arrays.asList(kind.name(), summary, topic, heads, referred, money, attachments),
        EnumSet.of(Transition.START, Transition.RECORD_ACTIVITY),
        (s, o, group, b) -> {
          Transition t = OrderStatus.valueOf(o.status()) == OrderStatus.ACCEPTED
              ? Transition.START : Transition.RECORD_ACTIVITY;
          b.activities.add(new ActivityRecord("a" + (o.activities().size() + 1), kind.name(),
              s.now().toString(), actor.toString(), summary, topic, heads, referred, money,
              attachments, false, null));
          return step(t, null);
        });
  }

  @Override
  public Order voidActivity(Actor actor, OrderId order, String activityId, String reason,
      String requestKey) {
    String id = Checks.text("activityId", activityId, 16);
    String why = Checks.text("reason", reason, MAX_REASON);
    return change("order.voidActivity", actor, requestKey, order, List.of(id, why),
        EnumSet.of(Transition.VOID_ACTIVITY),
        (s, o, group, b) -> {
          int at = -1;
          for (int i = 0; i < b.activities.size(); i++) {
            if (b.activities.get(i).id().equals(id)) {
              at = i;
            }
          }
          if (at < 0) {
            throw new dev.zhuli.core.NotFoundException("activity", id);
          }
          ActivityRecord a = b.activities.get(at);
          if (a.voided()) {
            throw new RuleViolationException("void-once", "activity " + id + " is void already");
          }
          b.activities.set(at, new ActivityRecord(a.id(), a.kind(), a.at(), a.actor(),
              a.summary(), a.topic(), a.headCount(), a.referredTo(), a.money(),
              a.attachments(), true, why));
          return step(Transition.VOID_ACTIVITY, why);
        });
  }

  @Override
  public Order resolve(Actor actor, OrderId order, Resolution input) {
    Checks.present("resolution", input);
    String report = Checks.text("resolution.report", input.report(), MAX_REPORT);
    Map<String, BigDecimal> figures = new TreeMap<>();
    for (Map.Entry<String, BigDecimal> e : Checks.present("resolution.outcome",
        input.outcome()).entrySet()) {
      figures.put(Checks.text("resolution.outcome", e.getKey(), 64),
          Checks.present("resolution.outcome", e.getValue()));
    }
    if (figures.size() > MAX_FIGURES) {
      throw new ValidationException("resolution.outcome",
          "must have at most " + MAX_FIGURES + " figures, had " + figures.size());
    }
    return change("order.resolve", actor, input.requestKey().orElse(null), order,
        List.of(report, figures), EnumSet.of(Transition.RESOLVE), (s, o, group, b) -> {
          b.report = report;
          b.outcome = Map.copyOf(figures);
          b.resolvedAt = s.now().toString();
          return step(Transition.RESOLVE, null);
        });
  }

  // ---- village ------------------------------------------------------------------------------

  @Override
  public Order cancel(Actor actor, OrderId order, String reason, String requestKey) {
    String why = Checks.text("reason", reason, MAX_REASON);
    return change("order.cancel", actor, requestKey, order, List.of(why),
        EnumSet.of(Transition.CANCEL),
        (s, o, group, b) -> {
          if (o.acceptedAt() != null) {
            throw new RuleViolationException("cancel-before-acceptance",
                "order " + o.id() + " was accepted once; the village can no longer cancel it");
          }
          b.closedAt = s.now().toString();
          b.open = false;
          return step(Transition.CANCEL, why);
        });
  }

  @Override
  public Order rate(Actor actor, OrderId order, int stars, String comment, String requestKey) {
    if (stars < 1 || stars > 5) {
      throw new ValidationException("rating.stars", "must be 1 to 5, was " + stars);
    }
    String text = Checks.optionalText("rating.comment", comment, MAX_REASON);
    return change("order.rate", actor, requestKey, order, Arrays.asList(stars, text),
        EnumSet.of(Transition.RATE, Transition.REOPEN_ON_RATING),
        (s, o, group, b) -> {
          b.ratings.add(new RatingRecord(s.now().toString(), stars, text, actor.toString()));
          boolean withinWindow = o.resolvedAt() != null && !s.now().isAfter(
              Times.parse(o.resolvedAt()).plus(settings.reopenWindow()));
          if (stars <= 2 && withinWindow && o.reopens() < settings.maxReopens()) {
            b.reopens++;
            return step(Transition.REOPEN_ON_RATING, text);
          }
          b.closure = Closure.RATED.name();
          b.closedAt = s.now().toString();
          return step(Transition.RATE, text);
        });
  }

  // ---- service levels -----------------------------------------------------------------------

  private static final Actor SWEEPER = Actor.system("service-levels");
  private static final Set<Transition> ALERTS = EnumSet.of(Transition.REMIND,
      Transition.MARK_OVERDUE, Transition.ESCALATE, Transition.AUTO_CLOSE);

  @Override
  public Order requestExtension(Actor actor, OrderId order, LocalDate until, String reason,
      String requestKey) {
    LocalDate day = Checks.present("until", until);
    if (day.getYear() < 1 || day.getYear() > 9998) {
      throw new ValidationException("until", "must lie between the years 1 and 9998");
    }
    String why = Checks.text("reason", reason, MAX_REASON);
    return change("order.requestExtension", actor, requestKey, order,
        List.of(day.toString(), why), EnumSet.of(Transition.REQUEST_EXTENSION),
        (s, o, group, b) -> {
          if (actor.member().isPresent() && !actor.member().get().value().equals(o.lead())) {
            throw new RuleViolationException("extension-by-lead",
                "only the lead of order " + o.id() + " asks for more time");
          }
          if (o.pendingExtension() != null) {
            throw new RuleViolationException("one-extension-request",
                "order " + o.id() + " has an extension request waiting already");
          }
          StageRecord running = requireResolveClock(o);
          Instant newDue = Deadlines.endOf(day, group);
          if (!newDue.isAfter(Times.parse(running.dueAt()))) {
            throw new ValidationException("until", "must end after the current deadline "
                + DEADLINE.format(Times.parse(running.dueAt()).atZone(group.timeZone()))
                + ", was " + day);
          }
          b.extensions.add(new ExtensionRecord(s.now().toString(), actor.toString(),
              day.toString(), why, null, null, null, null));
          return step(Transition.REQUEST_EXTENSION, why);
        });
  }

  @Override
  public Order decideExtension(Actor actor, OrderId order, boolean approve, String note,
      String requestKey) {
    String text = Checks.optionalText("note", note, MAX_REASON);
    return change("order.decideExtension", actor, requestKey, order,
        Arrays.asList(approve, text), EnumSet.of(Transition.DECIDE_EXTENSION),
        (s, o, group, b) -> {
          ExtensionRecord pending = o.pendingExtension();
          if (pending == null) {
            throw new RuleViolationException("extension-pending",
                "order " + o.id() + " has no extension request waiting");
          }
          b.extensions.set(b.extensions.size() - 1, new ExtensionRecord(pending.requestedAt(),
              pending.requestedBy(), pending.until(), pending.reason(), s.now().toString(),
              actor.toString(), approve, text));
          if (approve) {
            StageRecord running = requireResolveClock(o);
            b.stages.set(b.stages.size() - 1, deadlines.extended(running,
                LocalDate.parse(pending.until()), Urgency.valueOf(o.urgency()), s.now(),
                group));
          }
          return step(Transition.DECIDE_EXTENSION, (approve ? "approved" : "refused")
              + (text == null ? "" : ": " + text));
        });
  }

  /**
   * A request to extend a clock that has just ended (the order was resolved, transferred,
   * merged) lapses: it is decided as refused, by the transition that ended the clock, so that a
   * coordinator never approves a request of an earlier lead for a later clock.
   */
  private static void lapseExtension(OrderRecords.Builder b, StageRecord before, Transition t,
      Instant now) {
    if (b.extensions.isEmpty() || before == null) {
      return;
    }
    ExtensionRecord last = b.extensions.get(b.extensions.size() - 1);
    StageRecord after = b.stages.isEmpty() ? null : b.stages.get(b.stages.size() - 1);
    boolean ended = after == null || after.endedAt() != null
        || !after.startedAt().equals(before.startedAt())
        || !after.stage().equals(before.stage());
    if (last.decidedAt() == null && ended) {
      b.extensions.set(b.extensions.size() - 1, new ExtensionRecord(last.requestedAt(),
          last.requestedBy(), last.until(), last.reason(), now.toString(), "lapsed",
          false, "lapsed: the clock it asked to extend ended with " + t));
    }
  }

  private static StageRecord requireResolveClock(OrderRecord o) {
    StageRecord running = o.runningStage();
    if (running == null || !ServiceStage.RESOLVE.name().equals(running.stage())) {
      throw new RuleViolationException("extension-of-resolution",
          "order " + o.id() + " has no resolution deadline running to extend");
    }
    return running;
  }

  @Override
  public SweepReport sweep(Instant now) {
    Checks.present("now", now);
    if (now.isBefore(Times.parse("0001-01-01T00:00:00Z"))
        || !now.isBefore(Times.parse("9999-01-01T00:00:00Z"))) {
      throw new ValidationException("now", "must lie between the years 1 and 9998");
    }
    OrderService at = new OrderService(runner.at(now), settings);
    Map<Transition, Integer> raised = new java.util.EnumMap<>(Transition.class);
    int deferred = 0;
    String upper = sortable(now);
    PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
    while (true) {
      PageRequest current = page;
      ResultPage<Versioned<OrderRecord>> found = runner.read("order.sweep", SWEEPER,
          s -> s.find(ORDER, SWEEP, "0", upper, current));
      for (Versioned<OrderRecord> v : found.items()) {
        if (!at.sweepOne(v.value().id(), raised)) {
          deferred++;
        }
      }
      if (found.nextCursor().isEmpty()) {
        break;
      }
      page = page.after(found.nextCursor().get());
    }
    return ImmutableSweepReport.builder().at(now)
        .reminders(raised.getOrDefault(Transition.REMIND, 0))
        .overdue(raised.getOrDefault(Transition.MARK_OVERDUE, 0))
        .escalations(raised.getOrDefault(Transition.ESCALATE, 0))
        .autoClosed(raised.getOrDefault(Transition.AUTO_CLOSE, 0)).deferred(deferred).build();
  }

  /**
   * Raises what is due on one order, one alert per transaction, until nothing is; false if it
   * had to leave the order for the next sweep.
   */
  private boolean sweepOne(String id, Map<Transition, Integer> raised) {
    for (int i = 0; i < ALERTS.size(); i++) {
      Order after;
      try {
        after = change("order.sweep", SWEEPER, null, OrderId.of(id), List.of(), ALERTS,
            (s, o, group, b) -> {
              StageRecord running = o.runningStage();
              Transition t = Deadlines.dueAlert(running, s.now());
              if (t == null) {
                throw NothingDue.INSTANCE;
              }
              if (t == Transition.AUTO_CLOSE) {
                b.closure = Closure.UNRATED.name();
                b.closedAt = s.now().toString();
              } else {
                b.stages.set(b.stages.size() - 1, running.withAlert(t, s.now().toString()));
              }
              return step(t, null);
            });
      } catch (NothingDue | RuleViolationException e) {
        // Nothing due, or the order moved on to a status without alerts since it was found.
        return true;
      } catch (dev.zhuli.core.ZhuliException e) {
        org.slf4j.LoggerFactory.getLogger(OrderService.class).warn(
            "service-level sweep left order {} for the next sweep: {}", id,
            e.getClass().getSimpleName());
        return false;
      }
      Transition t = after.timeline().get(after.timeline().size() - 1).transition();
      raised.merge(t, 1, Integer::sum);
    }
    return true;
  }

  /** Nothing is due on an order: rolls its transaction back, changing nothing. */
  private static final class NothingDue extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final NothingDue INSTANCE = new NothingDue();

    private NothingDue() {
      super("nothing due", null, false, false);
    }
  }

  @Override
  public ResultPage<Order> overdue(GroupId group, Instant now, PageRequest page) {
    String g = Checks.present("group", group).value();
    return find("due", g + "|", g + "|" + sortable(Checks.present("now", now)), page);
  }

  @Override
  public ResultPage<Order> overdue(SquadId squad, Instant now, PageRequest page) {
    String sq = Checks.present("squad", squad).value();
    return find("squadDue", sq + "|", sq + "|" + sortable(Checks.present("now", now)), page);
  }

  @Override
  public InTimeFigures inTime(GroupId group, Instant from, Instant to) {
    return inTime("groupResolved", Checks.present("group", group).value(), from, to);
  }

  @Override
  public InTimeFigures inTime(SquadId squad, Instant from, Instant to) {
    return inTime("squadResolved", Checks.present("squad", squad).value(), from, to);
  }

  private InTimeFigures inTime(String key, String owner, Instant from, Instant to) {
    checkPeriod(from, to);
    String lower = owner + "|" + sortable(from);
    String upper = owner + "|" + sortable(to.minusNanos(1));
    int[] resolved = new int[2];
    eachFound("order.inTime", key, lower, upper, o -> {
      StageRecord last = null;
      for (StageRecord st : o.stagesOrEmpty()) {
        if (Transition.RESOLVE.name().equals(st.endedBy())) {
          last = st;
        }
      }
      if (last != null) {
        resolved[0]++;
        if (!Times.parse(last.endedAt()).isAfter(Times.parse(last.dueAt()))) {
          resolved[1]++;
        }
      }
    });
    return ImmutableInTimeFigures.builder().from(from).to(to).resolved(resolved[0])
        .resolvedInTime(resolved[1]).build();
  }

  /**
   * Every order found under an index key between two values, a page at a time, each page its
   * own read.
   */
  private void eachFound(String name, String key, String lower, String upper,
      java.util.function.Consumer<OrderRecord> each) {
    PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
    while (true) {
      PageRequest current = page;
      ResultPage<Versioned<OrderRecord>> found = runner.read(name,
          Actor.system("order-query"), s -> s.find(ORDER, key, lower, upper, current));
      found.items().forEach(v -> each.accept(v.value()));
      if (found.nextCursor().isEmpty()) {
        return;
      }
      page = page.after(found.nextCursor().get());
    }
  }

  // ---- queries ------------------------------------------------------------------------------

  @Override
  public Optional<Order> order(OrderId id) {
    String oid = Checks.present("order", id).value();
    return runner.read("order.get", Actor.system("order-query"),
        s -> s.get(ORDER, oid)).map(this::view);
  }

  @Override
  public ResultPage<Order> ofVillage(VillageId village, PageRequest page) {
    String v = Checks.present("village", village).value();
    return find("village", v + "|", v + "|~", page);
  }

  @Override
  public ResultPage<Order> openWorkOf(SquadId squad, PageRequest page) {
    String sq = Checks.present("squad", squad).value();
    return find("squadWork", sq + "|", sq + "|~", page);
  }

  @Override
  public ResultPage<Order> withStatus(GroupId group, OrderStatus status, PageRequest page) {
    String key = Checks.present("group", group).value() + "|"
        + Checks.present("status", status).name() + "|";
    return find("status", key, key + "~", page);
  }

  @Override
  public ResultPage<Order> claimable(GroupId group, PageRequest page) {
    String g = Checks.present("group", group).value();
    return find("claimable", g + "|", g + "|~", page);
  }

  @Override
  public OrderStatistics statisticsOf(GroupId group, Instant from, Instant to) {
    String g = Checks.present("group", group).value();
    checkPeriod(from, to);
    return OrderFigures.of(placedBetween(g, from, to), null, from, to);
  }

  @Override
  public OrderStatistics statisticsOf(SquadId squad, Instant from, Instant to) {
    String sq = Checks.present("squad", squad).value();
    checkPeriod(from, to);
    String g = runner.read("order.statistics", Actor.system("order-query"),
        s -> RosterFacts.squad(s, squad).group().value());
    return OrderFigures.of(placedBetween(g, from, to), sq, from, to);
  }

  private static void checkPeriod(Instant from, Instant to) {
    Checks.present("from", from);
    Checks.present("to", to);
    if (!to.isAfter(from)) {
      throw new ValidationException("to", "must lie after from");
    }
  }

  private static final Instant FIRST_PLACEABLE = Instant.parse("0000-01-01T00:00:00Z");
  private static final Instant LAST_PLACEABLE = Instant.parse("+10000-01-01T00:00:00Z");

  /**
   * The group's orders placed in [from, to), found through the status index (group, status, time
   * placed) one status at a time, so that the cost follows the period asked for, not the group's
   * whole history.
   */
  private List<OrderRecord> placedBetween(String group, Instant from, Instant to) {
    List<OrderRecord> all = new ArrayList<>();
    // sortable text is time order for the years 0 to 9999, the times the index can hold
    Instant start = from.isBefore(FIRST_PLACEABLE) ? FIRST_PLACEABLE : from;
    Instant end = to.isAfter(LAST_PLACEABLE) ? LAST_PLACEABLE : to;
    if (!end.isAfter(start)) {
      return all;
    }
    String first = sortable(start);
    String last = sortable(end.minusNanos(1));
    for (OrderStatus status : OrderStatus.values()) {
      String prefix = group + "|" + status.name() + "|";
      eachFound("order.statistics", "status", prefix + first, prefix + last, all::add);
    }
    return all;
  }

  private ResultPage<Order> find(String key, String lower, String upper, PageRequest page) {
    PageRequest p = page == null ? PageRequest.first() : page;
    return runner.read("order.find", Actor.system("order-query"),
        s -> s.find(ORDER, key, lower, upper, p)).map(this::view);
  }

  // ---- the one way an order changes ---------------------------------------------------------

  /** What a command decides: the transition taken and its note. */
  private record Step(Transition transition, String note) {}

  private static Step step(Transition t, String note) {
    return new Step(t, note);
  }

  private interface Decision {
    Step decide(Session s, OrderRecord order, HelpGroup group, OrderRecords.Builder changes);
  }

  private Order change(String name, Actor actor, String requestKey, OrderId orderId,
      Object input, Set<Transition> candidates, Decision decision) {
    return change(name, actor, requestKey, orderId, input, candidates,
        o -> o.squad() == null ? null : SquadId.of(o.squad()), decision);
  }

  /**
   * The one way an order changes: load it, check that one of the command's transitions starts
   * from its status (else rule {@code order-transition}), check access for the actor's roles
   * towards it, let the command decide (its own rules), then append to the timeline, write under
   * the version read, and announce.
   */
  private Order change(String name, Actor actor, String requestKey, OrderId orderId,
      Object input, Set<Transition> candidates,
      java.util.function.Function<OrderRecord, SquadId> actingSquad, Decision decision) {
    String oid = Checks.present("order", orderId).value();
    return view(runner.run(name, actor, requestKey, List.of(oid, input), Stamped.class,
        s -> {
          Versioned<OrderRecord> current = s.require(ORDER, oid, "order");
          OrderRecord o = current.value();
          HelpGroup group = RosterFacts.group(s, GroupId.of(o.group()));
          Village village = RosterFacts.village(s, VillageId.of(o.village()));
          OrderStatus from = OrderStatus.valueOf(o.status());
          Transition first = candidates.iterator().next();
          if (candidates.stream().noneMatch(c -> c.allowedFrom(from))) {
            throw new RuleViolationException("order-transition",
                "cannot " + first.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                    + " order " + oid + " while it is " + from);
          }
          s.authorize(request(first, group, village)
              .withRoles(rolesOf(s, actor, o, group, actingSquad.apply(o))));
          OrderRecords.Builder b = o.edit();
          Step step = decision.decide(s, o, group, b);
          Transition t = step.transition();
          if (!candidates.contains(t) || !t.allowedFrom(from)) {
            throw new IllegalStateException(name + " decided " + t + " from " + from);
          }
          OrderStatus to = t.to(from);
          b.status = to.name();
          b.stages = deadlines.advance(b.stages, to, t, Urgency.valueOf(o.urgency()), s.now(),
              group);
          lapseExtension(b, o.runningStage(), t, s.now());
          b.timeline.add(new EntryRecord(s.now().toString(), t.name(), from.name(), to.name(),
              actor.toString(), step.note()));
          OrderRecord changed = b.build();
          long version = s.put(ORDER, oid, changed, current.version(), index(changed));
          announce(s, t, changed, version, group);
          return new Stamped(changed, version);
        }));
  }

  private Set<Role> rolesOf(Session s, Actor actor, OrderRecord o, HelpGroup group,
      SquadId squad) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    Optional<MemberId> me = actor.member();
    if (me.isEmpty()) {
      return roles;
    }
    if (group.coordinator().equals(me)) {
      roles.add(Role.COORDINATOR);
    }
    Optional<Member> member = RosterFacts.member(s, me.get());
    if (member.isEmpty() || member.get().removed()
        || !member.get().group().value().equals(o.group())) {
      return roles;
    }
    Member m = member.get();
    if (isActiveCadreOf(m, o.village())) {
      roles.add(Role.VILLAGE_CADRE);
    }
    // The target squad's members; for an open order, members of any squad (of the named one,
    // when the command names the squad taking it).
    if (squad != null ? m.squads().containsKey(squad) : o.open() && !m.squads().isEmpty()) {
      roles.add(Role.TARGET_SQUAD_MEMBER);
    }
    if (me.get().value().equals(o.lead()) || o.helpers().contains(me.get().value())) {
      roles.add(Role.HANDLER);
    }
    return roles;
  }

  private static boolean isActiveCadreOf(Member m, String village) {
    return !m.removed() && m.background() == Background.VILLAGE_CADRE
        && m.village().map(v -> v.value().equals(village)).orElse(false);
  }

  private static AccessRequest request(Transition t, HelpGroup group, Village village) {
    List<dev.zhuli.core.RegionId> path = new ArrayList<>(village.path());
    return AccessRequest.of(t.action(), path).inGroup(group.id(),
        group.coordinator().orElse(null));
  }

  private static Squad requireSquadOfGroup(Session s, SquadId id, HelpGroup group) {
    Squad squad = RosterFacts.squad(s, id);
    if (!squad.group().equals(group.id())) {
      throw new RuleViolationException("squad-in-group",
          "squad " + id + " belongs to another group than " + group.id());
    }
    return squad;
  }

  /** A squad takes the order (accepted or assigned): its handlers, and the time. */
  private static void take(Session s, HelpGroup group, SquadId squad, Acceptance acceptance,
      OrderRecords.Builder b) {
    handlers(s, group, squad, acceptance, b);
    b.squad = squad.value();
    b.open = false;
    b.acceptedAt = s.now().toString();
  }

  private static void handlers(Session s, HelpGroup group, SquadId squad,
      Acceptance acceptance, OrderRecords.Builder b) {
    MemberId leadId = Checks.present("acceptance.lead", acceptance.lead());
    Member lead = RosterFacts.requireMember(s, leadId);
    if (lead.removed() || !lead.group().equals(group.id())
        || !lead.squads().containsKey(squad)) {
      throw new RuleViolationException("lead-in-squad",
          "member " + leadId + " does not serve in squad " + squad);
    }
    Set<String> helpers = new LinkedHashSet<>();
    for (MemberId h : Checks.present("acceptance.helpers", acceptance.helpers())) {
      Member helper = RosterFacts.requireMember(s, Checks.present("acceptance.helpers", h));
      if (helper.removed() || !helper.group().equals(group.id()) || helper.squads().isEmpty()) {
        throw new RuleViolationException("helpers-in-group",
            "member " + h + " serves in no squad of group " + group.id());
      }
      if (!h.equals(leadId)) {
        helpers.add(h.value());
      }
    }
    if (helpers.size() > MAX_HELPERS) {
      throw new ValidationException("acceptance.helpers",
          "must name at most " + MAX_HELPERS + " helpers, named " + helpers.size());
    }
    b.lead = leadId.value();
    b.helpers = List.copyOf(helpers);
  }

  private static Object acceptanceInput(Acceptance a) {
    List<String> helpers = new ArrayList<>();
    if (a.helpers() != null) {
      a.helpers().forEach(h -> helpers.add(String.valueOf(h)));
    }
    return Arrays.asList(a.squad().map(SquadId::value).orElse(null),
        String.valueOf(a.lead()), helpers);
  }

  private static List<String> attachments(String field, List<String> values) {
    List<String> out = new ArrayList<>();
    int i = 0;
    for (String ref : Checks.present(field, values)) {
      out.add(Checks.text(field + "[" + i++ + "]", ref, MAX_ATTACHMENT));
    }
    if (out.size() > MAX_ATTACHMENTS) {
      throw new ValidationException(field,
          "must have at most " + MAX_ATTACHMENTS + " references, had " + out.size());
    }
    return out;
  }

  private static List<IndexEntry> index(OrderRecord o) {
    List<IndexEntry> index = new ArrayList<>();
    String placed = "|" + sortable(Times.parse(o.placedAt()));
    index.add(IndexEntry.of("village", o.village() + placed));
    index.add(IndexEntry.of("group", o.group()));
    index.add(IndexEntry.of("status", o.group() + "|" + o.status() + placed));
    OrderStatus status = OrderStatus.valueOf(o.status());
    if (o.squad() != null && WORK.contains(status)) {
      index.add(IndexEntry.of("squadWork", o.squad() + "|"
          + (o.desiredBy() == null ? NO_DATE : o.desiredBy())));
    }
    if (o.open() && status == OrderStatus.DISPATCHED) {
      index.add(IndexEntry.of("claimable", o.group() + placed));
    }
    if (status.isOpen()) {
      index.add(openKindEntry(o));
    }
    StageRecord running = o.runningStage();
    Instant next = Deadlines.nextAlert(running);
    if (next != null) {
      index.add(IndexEntry.of(SWEEP, sortable(next)));
    }
    if (running != null && !ServiceStage.RATING.name().equals(running.stage())) {
      String due = "|" + sortable(Times.parse(running.dueAt()));
      index.add(IndexEntry.of("due", o.group() + due));
      if (o.squad() != null && !o.open()) {
        index.add(IndexEntry.of("squadDue", o.squad() + due));
      }
    }
    if (o.resolvedAt() != null && (status == OrderStatus.RESOLVED
        || status == OrderStatus.CLOSED)) {
      String resolved = "|" + sortable(Times.parse(o.resolvedAt()));
      index.add(IndexEntry.of("groupResolved", o.group() + resolved));
      if (o.squad() != null) {
        index.add(IndexEntry.of("squadResolved", o.squad() + resolved));
      }
    }
    return index;
  }

  /** A time as a fixed-width string whose text order is time order (years 0 to 9999). */
  static String sortable(Instant at) {
    return dev.zhuli.core.store.Sortable.time(at);
  }

  // ---- notifications and events -------------------------------------------------------------

  private static void announce(Session s, Transition t, OrderRecord o, long version,
      HelpGroup group) {
    s.emit("order." + t.name().toLowerCase(java.util.Locale.ROOT), "order", o.id(), version,
        o);
    Set<String> people = new LinkedHashSet<>();
    for (Transition.Recipient r : t.notifies()) {
      switch (r) {
        case COORDINATOR:
          group.coordinator().ifPresent(c -> people.add(c.value()));
          break;
        case REQUESTER:
          people.add(o.requester());
          break;
        case HANDLERS:
          if (o.lead() != null) {
            people.add(o.lead());
          }
          people.addAll(o.helpers());
          break;
        case SQUAD:
          if (o.squad() != null) {
            RosterFacts.membersOfSquad(s, SquadId.of(o.squad()))
                .forEach(m -> people.add(m.id().value()));
          }
          break;
        case ALL_SQUADS:
          allSquads(s, group, people);
          break;
        case RESPONSIBLE:
          responsible(s, o, group, people);
          break;
        case ADMINISTRATORS:
          people.add(Transition.ADMINISTRATORS_OF + group.id().value());
          break;
        default:
          throw new IllegalStateException("unknown recipient " + r);
      }
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("orderId", o.id());
    parameters.put("title", o.title());
    parameters.put("status", o.status());
    StageRecord running = o.runningStage();
    if (running != null) {
      parameters.put("deadline", DEADLINE.format(Times.parse(running.dueAt())
          .atZone(group.timeZone())));
    }
    s.notify("order." + t.name().toLowerCase(java.util.Locale.ROOT), people, t.templateKey(),
        parameters, "order", o.id());
  }

  private static final java.time.format.DateTimeFormatter DEADLINE =
      java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm");

  private static void allSquads(Session s, HelpGroup group, Set<String> people) {
    for (Squad squad : RosterFacts.squadsOf(s, group.id())) {
      RosterFacts.membersOfSquad(s, squad.id()).forEach(m -> people.add(m.id().value()));
    }
  }

  /** Whoever the running clock waits for. */
  private static void responsible(Session s, OrderRecord o, HelpGroup group,
      Set<String> people) {
    StageRecord running = o.runningStage();
    ServiceStage stage = running == null ? null : ServiceStage.valueOf(running.stage());
    if (stage == ServiceStage.DISPATCH) {
      group.coordinator().ifPresent(c -> people.add(c.value()));
    } else if (stage == ServiceStage.ACCEPT && o.open()) {
      allSquads(s, group, people);
    } else if (stage == ServiceStage.ACCEPT && o.squad() != null) {
      RosterFacts.membersOfSquad(s, SquadId.of(o.squad()))
          .forEach(m -> people.add(m.id().value()));
    } else if (stage == ServiceStage.RESOLVE) {
      if (o.lead() != null) {
        people.add(o.lead());
      }
      people.addAll(o.helpers());
    }
  }

  // ---- views --------------------------------------------------------------------------------

  /** A command's result: the order as it committed, with its new version. */
  record Stamped(OrderRecord order, long version) {}

  private Order view(Stamped stamped) {
    return view(new Versioned<>(stamped.order(), stamped.version()));
  }

  private Order view(Versioned<OrderRecord> v) {
    OrderRecord o = v.value();
    ImmutableOrder.Builder b = ImmutableOrder.builder()
        .id(OrderId.of(o.id())).group(GroupId.of(o.group())).village(VillageId.of(o.village()))
        .requester(MemberId.of(o.requester())).title(o.title()).description(o.description())
        .category(OrderCategory.of(o.category())).urgency(Urgency.valueOf(o.urgency()))
        .requestedSquadKind(Optional.ofNullable(o.requestedSquadKind())
            .map(dev.zhuli.core.roster.SquadKind::of))
        .desiredBy(Optional.ofNullable(o.desiredBy()).map(LocalDate::parse))
        .attachments(o.attachments()).status(OrderStatus.valueOf(o.status()))
        .squad(Optional.ofNullable(o.squad()).map(SquadId::of)).openForClaiming(o.open())
        .lead(Optional.ofNullable(o.lead()).map(MemberId::of))
        .placedAt(Times.parse(o.placedAt()))
        .acceptedAt(Optional.ofNullable(o.acceptedAt()).map(Times::parse))
        .resolvedAt(Optional.ofNullable(o.resolvedAt()).map(Times::parse))
        .closedAt(Optional.ofNullable(o.closedAt()).map(Times::parse))
        .closure(Optional.ofNullable(o.closure()).map(Closure::valueOf))
        .report(Optional.ofNullable(o.report())).outcome(o.outcome()).returns(o.returns())
        .reopens(o.reopens()).version(v.version())
        .possibleDuplicateOf(Optional.ofNullable(o.possibleDuplicateOf()).map(OrderId::of))
        .mergedInto(Optional.ofNullable(o.mergedInto()).map(OrderId::of));
    if (o.mergedFrom() != null) {
      o.mergedFrom().forEach(m -> b.addMergedFrom(OrderId.of(m)));
    }
    o.helpers().forEach(h -> b.addHelpers(MemberId.of(h)));
    Map<SquadId, Integer> returns = new HashMap<>();
    o.returnsBySquad().forEach((k, n) -> returns.put(SquadId.of(k), n));
    b.returnsBySquad(returns);
    for (EntryRecord e : o.timeline()) {
      b.addTimeline(ImmutableTimelineEntry.builder().at(Times.parse(e.at()))
          .transition(Transition.valueOf(e.transition()))
          .from(Optional.ofNullable(e.from()).map(OrderStatus::valueOf))
          .to(OrderStatus.valueOf(e.to())).actor(e.actor())
          .note(Optional.ofNullable(e.note())).build());
    }
    for (ActivityRecord a : o.activities()) {
      b.addActivities(ImmutableActivity.builder().id(a.id()).kind(ActivityKind.valueOf(a.kind()))
          .at(Times.parse(a.at())).actor(a.actor()).summary(a.summary())
          .topic(Optional.ofNullable(a.topic())).headCount(Optional.ofNullable(a.headCount()))
          .referredTo(Optional.ofNullable(a.referredTo())).money(Optional.ofNullable(a.money()))
          .attachments(a.attachments()).voided(a.voided())
          .voidReason(Optional.ofNullable(a.voidReason())).build());
    }
    for (StageRecord st : o.stagesOrEmpty()) {
      b.addDeadlines(ImmutableDeadline.builder().stage(ServiceStage.valueOf(st.stage()))
          .startedAt(Times.parse(st.startedAt())).dueAt(Times.parse(st.dueAt()))
          .remindAt(Optional.ofNullable(st.remindAt()).map(Times::parse))
          .escalateAt(Optional.ofNullable(st.escalateAt()).map(Times::parse))
          .endedAt(Optional.ofNullable(st.endedAt()).map(Times::parse))
          .endedBy(Optional.ofNullable(st.endedBy()).map(Transition::valueOf)).build());
    }
    if (o.extensions() != null) {
      for (ExtensionRecord x : o.extensions()) {
        b.addExtensions(ImmutableExtension.builder().requestedAt(Times.parse(x.requestedAt()))
            .requestedBy(x.requestedBy()).until(LocalDate.parse(x.until())).reason(x.reason())
            .decidedAt(Optional.ofNullable(x.decidedAt()).map(Times::parse))
            .decidedBy(Optional.ofNullable(x.decidedBy()))
            .approved(Optional.ofNullable(x.approved()))
            .note(Optional.ofNullable(x.note())).build());
      }
    }
    for (RatingRecord r : o.ratings()) {
      b.addRatings(ImmutableRating.builder().at(Times.parse(r.at())).stars(r.stars())
          .comment(Optional.ofNullable(r.comment())).actor(r.actor()).build());
    }
    return b.build();
  }
}
