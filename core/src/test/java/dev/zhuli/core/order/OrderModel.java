package dev.zhuli.core.order;

import static dev.zhuli.core.order.OrderStatus.ACCEPTED;
import static dev.zhuli.core.order.OrderStatus.CANCELLED;
import static dev.zhuli.core.order.OrderStatus.CLOSED;
import static dev.zhuli.core.order.OrderStatus.DISPATCHED;
import static dev.zhuli.core.order.OrderStatus.IN_PROGRESS;
import static dev.zhuli.core.order.OrderStatus.PLACED;
import static dev.zhuli.core.order.OrderStatus.RESOLVED;
import static dev.zhuli.core.order.OrderStatus.RETURNED;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zhuli.core.AccessDeniedException;
import dev.zhuli.core.Actor;
import dev.zhuli.core.GroupId;
import dev.zhuli.core.IdGenerator;
import dev.zhuli.core.MemberId;
import dev.zhuli.core.NotFoundException;
import dev.zhuli.core.OrderId;
import dev.zhuli.core.PageRequest;
import dev.zhuli.core.RegionId;
import dev.zhuli.core.ResultPage;
import dev.zhuli.core.RuleViolationException;
import dev.zhuli.core.SquadId;
import dev.zhuli.core.ValidationException;
import dev.zhuli.core.VillageId;
import dev.zhuli.core.Zhuli;
import dev.zhuli.core.ZhuliException;
import dev.zhuli.core.access.Action;
import dev.zhuli.core.roster.Background;
import dev.zhuli.core.roster.Member;
import dev.zhuli.core.roster.NewGroup;
import dev.zhuli.core.roster.NewMember;
import dev.zhuli.core.roster.NewRegion;
import dev.zhuli.core.roster.NewSquad;
import dev.zhuli.core.roster.NewVillage;
import dev.zhuli.core.roster.RegionLevel;
import dev.zhuli.core.roster.Roster;
import dev.zhuli.core.roster.Squad;
import dev.zhuli.core.roster.SquadKind;
import dev.zhuli.core.roster.SquadRole;
import dev.zhuli.core.roster.VillageKind;
import dev.zhuli.spi.storage.ClaimedMessage;
import java.io.IOException;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.quicktheories.core.Gen;
import org.quicktheories.core.stateful.Command;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * The model of the {@link Orders} contract, the order service under test beside it, and random
 * histories of order commands by random actors (allowed and not) to run against both.
 *
 * <p><b>The world.</b> Every history starts from the same world, built by the system actor in the
 * SUT factory and not part of the history: 渭南市 with 合陽縣 (group G: two towns of two villages,
 * {@code v0 v1 | v2 v3}; the four standard squads {@code s0…s3}, each with a leader
 * {@code s<i>a} and a member {@code s<i>b}; the coordinator {@code co}; a cadre {@code c0} of v0
 * and {@code c1} of v2; {@code x}, a member in no squad) and 臨渭區 (group H: squad {@code os}
 * with member {@code om}, coordinator {@code oc}), for wrong-group cases. The clock is a
 * {@link SteppingClock} only the {@code tick} command moves; ids are seeded. Settings: a poor
 * rating reopens within {@value #REOPEN_DAYS} days, at most {@value #MAX_REOPENS} time; unrated
 * orders may close {@value #QUIET_DAYS} days after resolution.
 *
 * <p><b>Handles.</b> The model names people, squads and villages by the handles above and
 * orders {@code o0, o1, …} in order of successful placing; the {@link Sut} maps handles to ids.
 * A command picks its order by a number: 0 to 3 for the newest orders (0 the newest), anything
 * else for an order that does not exist. Actors are fixed ({@link Who#FIXED}) or relative to the
 * order as it stands when the command runs (its requester, a member of its squad, its lead or a
 * helper), resolved the same way on both sides from the same facts.
 *
 * <p><b>What is compared.</b> {@link State#equals} compares every order in full (every field of
 * {@link Order} including its timeline, activities, ratings and version), what the queries show
 * (open work of each squad, the group's orders per status, the claimable ones, each village's
 * orders), the clock, the notifications the last step put into the outbox (type, order,
 * recipients) and the last command's result ({@code ok <order> <status> v<version>}, or
 * {@code error <class> <code> <rule|field|kind|action>}). {@link #project} also checks the
 * invariants on what it reads: each timeline is a walk through the table; a timeline only grows,
 * by at most one entry per step and for one order only; a cancelled order never changes and a
 * closed one only by a verification; a refused command changes no order (version and full view)
 * and notifies nobody; and every committed transition put exactly the notifications its row names,
 * to exactly the people the row resolves to (read back from the roster), none when that set is
 * empty.
 *
 * <p><b>Order of checks.</b> The model mirrors the service: input checks, the request key, the
 * order's existence, the transition table ({@code order-transition}: some transition the command
 * may take starts from the order's status), access (for the action of the command's first
 * transition, with the roles the actor holds towards the order), and only then the command's
 * own rules (squads, lead, helpers, quiet period, void once, verify only handled orders, …). For
 * place: the village, the requester, access, then the rules.
 *
 * <p><b>Known deviation.</b> Where the service disagrees with its documented contract the model
 * predicts the documented behaviour; run with {@code -Dzhuli.orders.tolerateKnownDeviations=true}
 * to predict what the service does instead and explore past it:
 *
 * <ul>
 *   <li>D3: cancelling an order open for claiming leaves {@code openForClaiming} true on the
 *       cancelled order ({@link Order#openForClaiming}: "whether it is open for any squad of the
 *       group to claim"), where closing it out of scope clears it.
 * </ul>
 *
 * <p>(D1, D2 and D4 were departures of earlier versions of the service, since fixed; the tests
 * {@code OrderModelTest} keeps for them guard against their return.) Merges are not modelled.
  */
final class OrderModel {
  static final Instant EPOCH = Instant.parse("2026-03-01T00:00:00Z");
  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  static final int REOPEN_DAYS = 3;
  static final int MAX_REOPENS = 1;
  static final int QUIET_DAYS = 2;
  static final Duration REOPEN_WINDOW = Duration.ofDays(REOPEN_DAYS);
  static final Duration QUIET = Duration.ofDays(QUIET_DAYS);
  static final Instant FAR_FUTURE = Instant.parse("2200-01-01T00:00:00Z");
  static final boolean TOLERATE = Boolean.getBoolean("zhuli.orders.tolerateKnownDeviations");

  static final String SYSTEM = "system";
  static final String GHOST = "ghost";
  static final List<String> SQUADS = List.of("s0", "s1", "s2", "s3");
  static final String OTHER_SQUAD = "os";
  static final List<String> VILLAGES = List.of("v0", "v1", "v2", "v3");
  /** Each person's squad, for those in one. */
  static final Map<String, String> SQUAD_OF = new HashMap<>();
  /** Each cadre's village. */
  static final Map<String, String> CADRE_OF = Map.of("c0", "v0", "c1", "v2");
  /** The people of group H; everyone else is in G. */
  static final Set<String> GROUP_H = Set.of("oc", "om");
  static final List<String> PEOPLE = List.of("co", "c0", "c1", "s0a", "s0b", "s1a", "s1b", "s2a",
      "s2b", "s3a", "s3b", "x", "oc", "om");
  static final Set<OrderStatus> WORK = EnumSet.of(DISPATCHED, ACCEPTED, IN_PROGRESS);
  static final String NO_DATE = "9999-12-31";
  private static final ThreadLocal<String> LAST_DIFF = new ThreadLocal<>();
  private static final ObjectMapper JSON = new ObjectMapper();

  static {
    for (String squad : SQUADS) {
      SQUAD_OF.put(squad + "a", squad);
      SQUAD_OF.put(squad + "b", squad);
    }
    SQUAD_OF.put("om", OTHER_SQUAD);
  }

  private OrderModel() {}

  // ---- the transition table, as the Javadoc of Transition documents it ------------------------

  /** A row of the documented table: from, to (null: unchanged), who may, whom it notifies. */
  static final class Row {
    final Set<OrderStatus> from;
    final OrderStatus to;
    final Action by;
    final List<Transition.Recipient> notifies;

    Row(Set<OrderStatus> from, OrderStatus to, Action by, Transition.Recipient... notifies) {
      this.from = from.isEmpty() ? Set.of() : EnumSet.copyOf(from);
      this.to = to;
      this.by = by;
      this.notifies = List.of(notifies);
    }
  }

  /** The table of {@link Transition}'s Javadoc, transcribed. */
  static final Map<Transition, Row> DOCUMENTED = new EnumMap<>(Transition.class);

  static {
    Transition.Recipient coordinator = Transition.Recipient.COORDINATOR;
    Transition.Recipient squad = Transition.Recipient.SQUAD;
    Transition.Recipient all = Transition.Recipient.ALL_SQUADS;
    Transition.Recipient requester = Transition.Recipient.REQUESTER;
    Transition.Recipient handlers = Transition.Recipient.HANDLERS;
    Action cadre = Action.PLACE_ORDER;
    Action coordinate = Action.COORDINATE_ORDER;
    Action take = Action.TAKE_ORDER;
    Action handle = Action.HANDLE_ORDER;
    Set<OrderStatus> none = Set.of();
    DOCUMENTED.put(Transition.PLACE, new Row(none, PLACED, cadre, coordinator));
    DOCUMENTED.put(Transition.PLACE_TO_SQUAD,
        new Row(none, DISPATCHED, cadre, squad, coordinator));
    DOCUMENTED.put(Transition.DISPATCH,
        new Row(EnumSet.of(PLACED, RETURNED), DISPATCHED, coordinate, squad));
    DOCUMENTED.put(Transition.OPEN_FOR_CLAIMING,
        new Row(EnumSet.of(PLACED, RETURNED), DISPATCHED, coordinate, all));
    DOCUMENTED.put(Transition.ACCEPT, new Row(EnumSet.of(DISPATCHED), ACCEPTED, take, requester));
    DOCUMENTED.put(Transition.RETURN,
        new Row(EnumSet.of(DISPATCHED), RETURNED, take, coordinator));
    DOCUMENTED.put(Transition.ASSIGN,
        new Row(EnumSet.of(RETURNED), ACCEPTED, coordinate, requester, handlers));
    DOCUMENTED.put(Transition.CLOSE_OUT_OF_SCOPE,
        new Row(EnumSet.of(PLACED, RETURNED), CLOSED, coordinate, requester));
    DOCUMENTED.put(Transition.TRANSFER,
        new Row(EnumSet.of(DISPATCHED, ACCEPTED, IN_PROGRESS), DISPATCHED, coordinate, squad));
    DOCUMENTED.put(Transition.CANCEL,
        new Row(EnumSet.of(PLACED, DISPATCHED, RETURNED), CANCELLED, cadre, coordinator));
    DOCUMENTED.put(Transition.START, new Row(EnumSet.of(ACCEPTED), IN_PROGRESS, handle,
        requester));
    DOCUMENTED.put(Transition.RECORD_ACTIVITY,
        new Row(EnumSet.of(IN_PROGRESS), IN_PROGRESS, handle, requester));
    DOCUMENTED.put(Transition.VOID_ACTIVITY,
        new Row(EnumSet.of(ACCEPTED, IN_PROGRESS, RESOLVED), null, handle));
    DOCUMENTED.put(Transition.RESOLVE,
        new Row(EnumSet.of(ACCEPTED, IN_PROGRESS), RESOLVED, handle, requester));
    DOCUMENTED.put(Transition.RATE,
        new Row(EnumSet.of(RESOLVED), CLOSED, Action.RATE_ORDER, handlers));
    DOCUMENTED.put(Transition.REOPEN_ON_RATING,
        new Row(EnumSet.of(RESOLVED), IN_PROGRESS, Action.RATE_ORDER, coordinator, handlers));
    DOCUMENTED.put(Transition.AUTO_CLOSE,
        new Row(EnumSet.of(RESOLVED), CLOSED, coordinate, handlers));
    Set<OrderStatus> open = EnumSet.of(PLACED, DISPATCHED, RETURNED, ACCEPTED, IN_PROGRESS,
        RESOLVED);
    DOCUMENTED.put(Transition.MERGE, new Row(open, CLOSED, coordinate, requester));
    DOCUMENTED.put(Transition.MERGE_IN, new Row(open, null, coordinate));
    DOCUMENTED.put(Transition.VERIFY_CONFIRMED, new Row(EnumSet.of(CLOSED), CLOSED, coordinate));
    DOCUMENTED.put(Transition.VERIFY_DISPUTED,
        new Row(EnumSet.of(CLOSED), IN_PROGRESS, coordinate, coordinator, handlers));
    Set<OrderStatus> working = EnumSet.of(ACCEPTED, IN_PROGRESS);
    DOCUMENTED.put(Transition.REQUEST_EXTENSION, new Row(working, null, handle, coordinator));
    DOCUMENTED.put(Transition.DECIDE_EXTENSION, new Row(working, null, coordinate, handlers));
    Set<OrderStatus> timed = EnumSet.of(PLACED, DISPATCHED, RETURNED, ACCEPTED, IN_PROGRESS);
    Transition.Recipient responsible = Transition.Recipient.RESPONSIBLE;
    DOCUMENTED.put(Transition.REMIND, new Row(timed, null, coordinate, responsible));
    DOCUMENTED.put(Transition.MARK_OVERDUE,
        new Row(timed, null, coordinate, coordinator, responsible));
    DOCUMENTED.put(Transition.ESCALATE, new Row(timed, null, coordinate,
        Transition.Recipient.ADMINISTRATORS, coordinator));
  }

  /** Whom the model expects a transition to notify: the documented row (the code's if tolerant). */
  static List<Transition.Recipient> notifies(Transition t) {
    return TOLERATE ? t.notifies() : DOCUMENTED.get(t).notifies;
  }

  // ---- people and picks ---------------------------------------------------------------------

  /** A member of a squad: 0 its leader, 1 its member; {@code om} for H's squad, else x. */
  static String memberOf(String squad, int which) {
    if (squad != null && SQUADS.contains(squad)) {
      return squad + (which == 0 ? "a" : "b");
    }
    return OTHER_SQUAD.equals(squad) ? "om" : "x";
  }

  static boolean inG(String person) {
    return person != null && !person.equals(SYSTEM) && !person.equals(GHOST)
        && !GROUP_H.contains(person);
  }

  /** Who runs a command: ten fixed actors, and five relative to the order. */
  enum Who {
    SYSTEM(OrderModel.SYSTEM), COORDINATOR("co"), CADRE0("c0"), CADRE1("c1"), SQ0("s0b"),
    SQ1("s1a"), SQ2("s2b"), SQ3("s3a"), LOOSE("x"), OTHER_COORDINATOR("oc"),
    /** The order's requester. */
    REQUESTER(null),
    /** The leader of the squad taking or holding the order. */
    TAKER_A(null),
    /** The plain member of that squad. */
    TAKER_B(null),
    /** The order's lead. */
    LEAD(null),
    /** The order's first helper (by handle), else its lead. */
    HELPER(null);

    static final List<Who> FIXED = List.of(SYSTEM, COORDINATOR, CADRE0, CADRE1, SQ0, SQ1, SQ2,
        SQ3, LOOSE, OTHER_COORDINATOR);
    final String person;

    Who(String person) {
      this.person = person;
    }
  }

  /** What relative picks are resolved against: the order as it stands, or none. */
  static final class Facts {
    static final Facts NONE = new Facts(false, null, false, null, List.of(), null);
    final boolean exists;
    final String squad;
    final boolean open;
    final String lead;
    final List<String> helpers;
    final String requester;

    Facts(boolean exists, String squad, boolean open, String lead, List<String> helpers,
        String requester) {
      this.exists = exists;
      this.squad = squad;
      this.open = open;
      this.lead = lead;
      this.helpers = List.copyOf(new TreeSet<>(helpers));
      this.requester = requester;
    }
  }

  /** The person behind an actor pick; x when a relative pick finds nobody. */
  static String person(Who who, Facts f, String squad) {
    switch (who) {
      case REQUESTER:
        return f.requester != null ? f.requester : "x";
      case TAKER_A:
        return memberOf(squad, 0);
      case TAKER_B:
        return memberOf(squad, 1);
      case LEAD:
        return f.lead != null ? f.lead : "x";
      case HELPER:
        return !f.helpers.isEmpty() ? f.helpers.get(0) : f.lead != null ? f.lead : "x";
      default:
        return who.person;
    }
  }

  /** A squad argument. */
  enum SquadPick {
    /** The order's squad; if it has none, squad {@code s<fallback>}. */
    TARGET, S0, S1, S2, S3,
    /** No squad given. */
    NONE,
    /** H's squad. */
    OTHER_GROUP, GHOST_SQUAD
  }

  static String squad(SquadPick pick, Facts f, int fallback) {
    switch (pick) {
      case TARGET:
        return f.squad != null ? f.squad : SQUADS.get(fallback);
      case NONE:
        return null;
      case OTHER_GROUP:
        return OTHER_SQUAD;
      case GHOST_SQUAD:
        return GHOST;
      default:
        return SQUADS.get(pick.ordinal() - SquadPick.S0.ordinal());
    }
  }

  /** A lead argument, relative to the squad taking the order and the actor. */
  enum LeadPick {
    TAKER_A, SELF, TAKER_B, OTHER_SQUAD, LOOSE, OTHER_GROUP, GHOST_MEMBER
  }

  static String lead(LeadPick pick, String actor, String squad) {
    switch (pick) {
      case SELF:
        return SYSTEM.equals(actor) ? memberOf(squad, 0) : actor;
      case TAKER_A:
        return memberOf(squad, 0);
      case TAKER_B:
        return memberOf(squad, 1);
      case OTHER_SQUAD:
        int i = squad == null ? -1 : SQUADS.indexOf(squad);
        return SQUADS.get((Math.max(i, 0) + 1) % SQUADS.size()) + "a";
      case LOOSE:
        return "x";
      case OTHER_GROUP:
        return "om";
      default:
        return GHOST;
    }
  }

  /** A helper argument. */
  enum HelperPick {
    S0B("s0b"), S1B("s1b"), S2A("s2a"), S3B("s3b"), LEAD(null), LOOSE("x"), COORDINATOR("co"),
    OTHER_GROUP("om"), GHOST_MEMBER(GHOST);

    final String person;

    HelperPick(String person) {
      this.person = person;
    }
  }

  static List<String> helpers(List<HelperPick> picks, String lead) {
    Set<String> out = new LinkedHashSet<>();
    for (HelperPick h : picks) {
      out.add(h == HelperPick.LEAD ? lead : h.person);
    }
    return new ArrayList<>(out);
  }

  /** A requester argument of place. */
  enum RequesterPick {
    SELF, C0, C1, LOOSE, GHOST_MEMBER
  }

  // ---- the model's state --------------------------------------------------------------------

  /** An activity as the order shows it. */
  static final class Act {
    String id;
    ActivityKind kind;
    Instant at;
    String actor;
    String summary;
    String topic;
    Integer headCount;
    String referredTo;
    String money;
    List<String> attachments = List.of();
    boolean voided;
    String voidReason;

    Act copy() {
      Act a = new Act();
      a.id = id;
      a.kind = kind;
      a.at = at;
      a.actor = actor;
      a.summary = summary;
      a.topic = topic;
      a.headCount = headCount;
      a.referredTo = referredTo;
      a.money = money;
      a.attachments = attachments;
      a.voided = voided;
      a.voidReason = voidReason;
      return a;
    }

    @Override
    public String toString() {
      return id + " " + kind + " at " + at + " by " + actor + " '" + summary + "'"
          + (topic == null ? "" : " topic '" + topic + "'")
          + (headCount == null ? "" : " heads " + headCount)
          + (referredTo == null ? "" : " to '" + referredTo + "'")
          + (money == null ? "" : " ¥" + money) + " att" + attachments
          + (voided ? " VOID '" + voidReason + "'" : "");
    }
  }

  /** An order as the service shows it. */
  static final class O {
    String handle;
    String group;
    String village;
    String requester;
    String title;
    String description;
    String category;
    Urgency urgency;
    String kind;
    String desiredBy;
    List<String> attachments = List.of();
    OrderStatus status;
    String squad;
    boolean open;
    String lead;
    List<String> helpers = new ArrayList<>();
    Instant placedAt;
    Instant acceptedAt;
    Instant resolvedAt;
    Instant closedAt;
    Closure closure;
    String report;
    TreeMap<String, String> outcome = new TreeMap<>();
    int returns;
    TreeMap<String, Integer> returnsBySquad = new TreeMap<>();
    int reopens;
    List<String> timeline = new ArrayList<>();
    List<Act> activities = new ArrayList<>();
    List<String> ratings = new ArrayList<>();
    long version;

    O copy() {
      O o = new O();
      o.handle = handle;
      o.group = group;
      o.village = village;
      o.requester = requester;
      o.title = title;
      o.description = description;
      o.category = category;
      o.urgency = urgency;
      o.kind = kind;
      o.desiredBy = desiredBy;
      o.attachments = attachments;
      o.status = status;
      o.squad = squad;
      o.open = open;
      o.lead = lead;
      o.helpers = new ArrayList<>(helpers);
      o.placedAt = placedAt;
      o.acceptedAt = acceptedAt;
      o.resolvedAt = resolvedAt;
      o.closedAt = closedAt;
      o.closure = closure;
      o.report = report;
      o.outcome = new TreeMap<>(outcome);
      o.returns = returns;
      o.returnsBySquad = new TreeMap<>(returnsBySquad);
      o.reopens = reopens;
      o.timeline = new ArrayList<>(timeline);
      activities.forEach(a -> o.activities.add(a.copy()));
      o.ratings = new ArrayList<>(ratings);
      o.version = version;
      return o;
    }

    Facts facts() {
      return new Facts(true, squad, open, lead, helpers, requester);
    }

    /** Every field, one per line. */
    String render() {
      return handle + " " + status + " v" + version
          + "\n    " + group + " " + village + " by " + requester + " '" + title + "' '"
          + description + "' " + category + " " + urgency + " kind " + kind + " by " + desiredBy
          + " att" + attachments
          + "\n    squad " + squad + (open ? " OPEN" : "") + " lead " + lead + " helpers "
          + new TreeSet<>(helpers)
          + "\n    placed " + placedAt + " accepted " + acceptedAt + " resolved " + resolvedAt
          + " closed " + closedAt + " " + closure
          + "\n    report " + report + " " + outcome + " returns " + returns + " "
          + returnsBySquad + " reopens " + reopens
          + timeline.stream().map(e -> "\n    | " + e).collect(Collectors.joining())
          + activities.stream().map(a -> "\n    * " + a).collect(Collectors.joining())
          + ratings.stream().map(r -> "\n    ★ " + r).collect(Collectors.joining());
    }
  }

  static String entry(Instant at, Transition t, OrderStatus from, OrderStatus to, String actor,
      String note) {
    return at + " " + t + " " + (from == null ? "new" : from.name()) + "→" + to + " by " + actor
        + (note == null ? "" : " '" + note + "'");
  }

  static String rating(Instant at, int stars, String comment, String actor) {
    return at + " " + stars + "★ " + (comment == null ? "-" : "'" + comment + "'") + " by "
        + actor;
  }

  /** A remembered request: its fingerprint and its first result. */
  static final class Remembered {
    final String fingerprint;
    final String result;

    Remembered(String fingerprint, String result) {
      this.fingerprint = fingerprint;
      this.result = result;
    }
  }

  /** The model's state; equality covers what the service shows. */
  static final class State {
    final List<O> orders = new ArrayList<>();
    final TreeMap<String, List<String>> queries = new TreeMap<>();
    /** Request ids ({@code name:key}) to what they were first used for; not compared. */
    final Map<String, Remembered> requests = new HashMap<>();
    /** The notifications of the last step: {@code type order → [people]}, sorted. */
    List<String> notified = new ArrayList<>();
    Instant now = EPOCH;
    String last = "start";

    static State initial() {
      State s = new State();
      s.derive();
      return s;
    }

    State copy() {
      State s = new State();
      orders.forEach(o -> s.orders.add(o.copy()));
      s.queries.putAll(queries);
      s.requests.putAll(requests);
      s.notified = new ArrayList<>(notified);
      s.now = now;
      s.last = last;
      return s;
    }

    /** The index of an order pick, or -1 for none. */
    int pick(int pick) {
      return index(pick, orders.size());
    }

    /** Recomputes what the queries show from the orders. */
    void derive() {
      queries.clear();
      for (String squad : allSquads()) {
        List<O> work = orders.stream().filter(o -> squad.equals(o.squad) && WORK.contains(o.status))
            .sorted((a, b) -> {
              int c = date(a).compareTo(date(b));
              return c != 0 ? c : Integer.compare(number(a), number(b));
            }).collect(Collectors.toList());
        queries.put("openWorkOf " + squad, handles(work));
      }
      for (OrderStatus status : OrderStatus.values()) {
        queries.put("withStatus G " + status,
            handles(orders.stream().filter(o -> o.status == status)));
      }
      queries.put("claimable G",
          handles(orders.stream().filter(o -> o.open && o.status == DISPATCHED)));
      for (String v : VILLAGES) {
        queries.put("ofVillage " + v, handles(orders.stream().filter(o -> o.village.equals(v))));
      }
    }

    private static String date(O o) {
      return o.desiredBy == null ? NO_DATE : o.desiredBy;
    }

    private static int number(O o) {
      return Integer.parseInt(o.handle.substring(1));
    }

    private static List<String> handles(List<O> orders) {
      return orders.stream().map(o -> o.handle).collect(Collectors.toList());
    }

    private static List<String> handles(java.util.stream.Stream<O> orders) {
      return orders.map(o -> o.handle).collect(Collectors.toList());
    }

    /** The remembered result of a repeated request, an error if the key was used otherwise. */
    String replay(String name, String key, String fingerprint) {
      if (key == null) {
        return null;
      }
      Remembered r = requests.get(name + ":" + key);
      if (r == null) {
        return null;
      }
      return r.fingerprint.equals(fingerprint) ? r.result
          : "error ValidationException REQUEST_KEY_REUSED requestKey";
    }

    void remember(String name, String key, String fingerprint, String result) {
      if (key != null) {
        requests.put(name + ":" + key, new Remembered(fingerprint, result));
      }
    }

    /** The row's notification of a committed transition, resolved on the order after it. */
    void notify(O o, Transition t) {
      TreeSet<String> people = new TreeSet<>();
      for (Transition.Recipient r : notifies(t)) {
        switch (r) {
          case COORDINATOR:
            people.add("co");
            break;
          case REQUESTER:
            people.add(o.requester);
            break;
          case HANDLERS:
            if (o.lead != null) {
              people.add(o.lead);
            }
            people.addAll(o.helpers);
            break;
          case SQUAD:
            if (o.squad != null) {
              people.add(memberOf(o.squad, 0));
              people.add(memberOf(o.squad, 1));
            }
            break;
          case ALL_SQUADS:
            for (String squad : SQUADS) {
              people.add(memberOf(squad, 0));
              people.add(memberOf(squad, 1));
            }
            break;
          default:
            throw new IllegalStateException("unknown recipient " + r);
        }
      }
      if (!people.isEmpty()) {
        notified.add(t.templateKey() + " " + o.handle + " → " + people);
        Collections.sort(notified);
      }
    }

    /** Commits a transition the order's fields already reflect: status, timeline, version. */
    void commit(O o, Transition t, String actor, String note) {
      OrderStatus from = o.status;
      OrderStatus to = DOCUMENTED.get(t).to == null ? from : DOCUMENTED.get(t).to;
      o.status = to;
      o.timeline.add(entry(now, t, from, to, actor, note));
      o.version++;
      notify(o, t);
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof State)) {
        return false;
      }
      State s = (State) o;
      boolean same = render(s.orders).equals(render(orders)) && s.queries.equals(queries)
          && s.notified.equals(notified) && s.now.equals(now) && s.last.equals(last);
      if (!same) {
        LAST_DIFF.set(diff(this, s));
      }
      return same;
    }

    @Override
    public int hashCode() {
      return Objects.hash(render(orders), queries, notified, now, last);
    }

    @Override
    public String toString() {
      StringBuilder b = new StringBuilder("\n  now ").append(now);
      orders.forEach(o -> b.append("\n  ").append(o.render()));
      queries.forEach((q, r) -> b.append("\n  ").append(q).append(" -> ").append(r));
      b.append("\n  notified ").append(notified);
      return b.append("\n  last: ").append(last).toString();
    }
  }

  static List<String> render(List<O> orders) {
    return orders.stream().map(O::render).collect(Collectors.toList());
  }

  static List<String> allSquads() {
    List<String> all = new ArrayList<>(SQUADS);
    all.add(OTHER_SQUAD);
    return all;
  }

  static int index(int pick, int count) {
    return count == 0 || pick < 0 || pick >= ORDER_PICKS ? -1 : count - 1 - (pick % count);
  }

  /** Order picks 0..3 are the newest orders; {@link #GHOST_ORDER} names none. */
  static final int ORDER_PICKS = 4;
  static final int GHOST_ORDER = 4;

  /** The differences between what the service showed and what the model predicted. */
  static String diff(State shown, State predicted) {
    List<String> out = new ArrayList<>();
    int n = Math.max(shown.orders.size(), predicted.orders.size());
    for (int i = 0; i < n; i++) {
      String a = i < shown.orders.size() ? shown.orders.get(i).render() : null;
      String b = i < predicted.orders.size() ? predicted.orders.get(i).render() : null;
      if (!Objects.equals(a, b)) {
        out.add("o" + i + " shown:\n  " + a + "\n predicted:\n  " + b);
      }
    }
    Set<String> keys = new TreeSet<>(shown.queries.keySet());
    keys.addAll(predicted.queries.keySet());
    for (String q : keys) {
      if (!Objects.equals(shown.queries.get(q), predicted.queries.get(q))) {
        out.add(q + " shown " + shown.queries.get(q) + " predicted " + predicted.queries.get(q));
      }
    }
    if (!shown.notified.equals(predicted.notified)) {
      out.add("notified shown " + shown.notified + " predicted " + predicted.notified);
    }
    if (!shown.now.equals(predicted.now)) {
      out.add("now shown " + shown.now + " predicted " + predicted.now);
    }
    if (!shown.last.equals(predicted.last)) {
      out.add("last result shown '" + shown.last + "' predicted '" + predicted.last + "'");
    }
    return String.join("\n  ", out);
  }

  /** The differences found by the last failed comparison on this thread, once. */
  static String takeDiff() {
    String d = LAST_DIFF.get();
    LAST_DIFF.remove();
    return d == null ? "" : "\nDifferences (service vs model):\n  " + d;
  }

  // ---- outcomes and text rules --------------------------------------------------------------

  static String error(ZhuliException e) {
    String detail;
    if (e instanceof RuleViolationException) {
      detail = ((RuleViolationException) e).rule();
    } else if (e instanceof ValidationException) {
      detail = ((ValidationException) e).field();
    } else if (e instanceof NotFoundException) {
      detail = ((NotFoundException) e).kind();
    } else if (e instanceof AccessDeniedException) {
      detail = ((AccessDeniedException) e).action();
    } else {
      detail = "";
    }
    return "error " + e.getClass().getSimpleName() + " " + e.code() + " " + detail;
  }

  static String invalid(String field) {
    return "error ValidationException INVALID_INPUT " + field;
  }

  static String notFound(String kind) {
    return "error NotFoundException NOT_FOUND " + kind;
  }

  static String denied(Transition t) {
    return "error AccessDeniedException ACCESS_DENIED " + DOCUMENTED.get(t).by.name();
  }

  static String rule(String name) {
    return "error RuleViolationException RULE_VIOLATED " + name;
  }

  static final String TRANSITION = rule("order-transition");

  /** Text as commands keep it (NFC, trimmed of every kind of space), or null if blank or long. */
  static String text(String value, int max) {
    String n = Normalizer.normalize(value, Normalizer.Form.NFC);
    int start = 0;
    int end = n.length();
    while (start < end && isSpace(n.codePointAt(start))) {
      start += Character.charCount(n.codePointAt(start));
    }
    while (end > start && isSpace(n.codePointBefore(end))) {
      end -= Character.charCount(n.codePointBefore(end));
    }
    n = n.substring(start, end);
    return n.isEmpty() || n.codePointCount(0, n.length()) > max ? null : n;
  }

  private static boolean isSpace(int cp) {
    return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
  }

  // ---- access, as the Javadoc of Orders and the standard policy describe it -----------------

  /**
   * Whether the actor may take the transition on the order: the system always; the coordinator
   * of G what the coordinator does; a cadre of the order's village what cadres do; a member of G
   * serving in the squad concerned (for an open order, when the command names none, in any squad
   * of G) what squads do; the lead and helpers what handlers do.
   */
  static boolean permits(String actor, Transition t, O o, String squad) {
    if (SYSTEM.equals(actor)) {
      return true;
    }
    switch (DOCUMENTED.get(t).by) {
      case COORDINATE_ORDER:
        return "co".equals(actor);
      case PLACE_ORDER:
      case RATE_ORDER:
        return o.village.equals(CADRE_OF.get(actor));
      case TAKE_ORDER:
        // the squad concerned; for an open order and no squad named, any squad of G
        return inG(actor) && (squad != null ? squad.equals(SQUAD_OF.get(actor))
            : o.open && SQUAD_OF.get(actor) != null);
      case HANDLE_ORDER:
        return inG(actor) && (actor.equals(o.lead) || o.helpers.contains(actor));
      default:
        return false;
    }
  }

  /** Whether the transition may start from the order's status, by the documented table. */
  static boolean allowed(Transition t, O o) {
    return DOCUMENTED.get(t).from.contains(o.status);
  }

  /** The squad rule of the group: exists, and is G's. */
  static String squadOfGroup(String squad) {
    if (GHOST.equals(squad)) {
      return notFound("squad");
    }
    return OTHER_SQUAD.equals(squad) ? rule("squad-in-group") : null;
  }

  /** The handlers rule: a lead serving in the squad, helpers serving in some squad of G. */
  static String handlersRule(String squad, String lead, List<String> helpers) {
    if (GHOST.equals(lead)) {
      return notFound("member");
    }
    if (!inG(lead) || !squad.equals(SQUAD_OF.get(lead))) {
      return rule("lead-in-squad");
    }
    for (String h : helpers) {
      if (GHOST.equals(h)) {
        return notFound("member");
      }
      if (!inG(h) || SQUAD_OF.get(h) == null) {
        return rule("helpers-in-group");
      }
    }
    return null;
  }

  // ---- the service under test ---------------------------------------------------------------

  /** A clock that stands still until told to move. */
  static final class SteppingClock extends Clock {
    private volatile Instant now;

    SteppingClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /** The service under test, the ids behind the handles, and what the last step did. */
  static final class Sut implements AutoCloseable {
    final SteppingClock clock = new SteppingClock(EPOCH);
    final Zhuli zhuli;
    final Roster roster;
    final Orders orders;
    final Actor system = Actor.system("model-system");
    final Map<String, MemberId> people = new HashMap<>();
    final Map<String, SquadId> squads = new HashMap<>();
    final Map<String, VillageId> villages = new HashMap<>();
    final GroupId groupG;
    final GroupId groupH;
    final List<OrderId> orderIds = new ArrayList<>();
    /** Id values to handles, for members, squads, villages, groups and orders. */
    final Map<String, String> handles = new HashMap<>();
    /** Actor strings, as timelines keep them, to handles. */
    final Map<String, String> actorNames = new HashMap<>();
    /** The orders as the last projection read them. */
    Map<OrderId, Order> previous = new HashMap<>();
    /** What the queries showed at the last projection, or null. */
    TreeMap<String, List<String>> queries;
    String last = "start";
    boolean refused;
    /** Whether the last projection found an order changed. */
    boolean changed;
    int steps;
    String lastCommand = "none";

    /** A new in-memory service with the starting world, built by the system actor. */
    Sut() {
      this(0, 5);
    }

    /**
     * The same world, with extra members of s0 ({@code s0c}, {@code s0d}, …) for races, and the
     * number of times a command runs when concurrent changes conflict.
     */
    Sut(int extraInS0, int maxAttempts) {
      zhuli = Zhuli.builder().clock(clock).ids(IdGenerator.timeOrdered(clock, new Random(1)))
          .orderSettings(OrderSettings.of(REOPEN_WINDOW, MAX_REOPENS, QUIET))
          .maxAttempts(maxAttempts).build();
      roster = zhuli.roster();
      orders = zhuli.orders();
      Actor setup = Actor.system("model-setup");
      RegionId city = roster.createRegion(setup,
          new NewRegion.Builder().name("渭南市").level(RegionLevel.CITY).build()).id();
      RegionId heyang = roster.createRegion(setup, new NewRegion.Builder().name("合陽縣")
          .level(RegionLevel.COUNTY).parent(city).build()).id();
      String[][] towns = {{"甘井鎮", "北順村", "南溝社區"}, {"黑池鎮", "東宮城村", "坊鎮村"}};
      for (int t = 0; t < 2; t++) {
        RegionId town = roster.createRegion(setup, new NewRegion.Builder().name(towns[t][0])
            .level(RegionLevel.TOWN).parent(heyang).build()).id();
        for (int v = 0; v < 2; v++) {
          VillageId village = roster.createVillage(setup, new NewVillage.Builder()
              .name(towns[t][1 + v]).kind(v == 0 ? VillageKind.VILLAGE : VillageKind.COMMUNITY)
              .town(town).build()).id();
          adopt(village.value(), VILLAGES.get(t * 2 + v));
          villages.put(VILLAGES.get(t * 2 + v), village);
        }
      }
      groupG = roster.createGroup(setup,
          new NewGroup.Builder().name("合陽縣紅色助力團").county(heyang).build()).id();
      adopt(groupG.value(), "G");
      List<String> names = List.of("頭雁組", "產業組", "培訓組", "行銷組");
      for (int i = 0; i < SQUADS.size(); i++) {
        Squad squad = roster.createSquad(setup, new NewSquad.Builder().group(groupG)
            .name(names.get(i)).kind(SquadKind.standard().get(i)).build());
        squads.put(SQUADS.get(i), squad.id());
        adopt(squad.id().value(), SQUADS.get(i));
      }
      addMember(setup, groupG, "co", "周主任", Background.WORK_TEAM_MEMBER, null);
      roster.appointCoordinator(setup, groupG, people.get("co"), null);
      addMember(setup, groupG, "c0", "李書記", Background.VILLAGE_CADRE, villages.get("v0"));
      addMember(setup, groupG, "c1", "王主任", Background.VILLAGE_CADRE, villages.get("v2"));
      Background[] backgrounds = {Background.FIRST_SECRETARY, Background.AGRI_TECH_EXTENSION,
          Background.ENTERPRISE_LIAISON, Background.EXPERT};
      for (int i = 0; i < SQUADS.size(); i++) {
        for (int m = 0; m < 2; m++) {
          String h = memberOf(SQUADS.get(i), m);
          addMember(setup, groupG, h, "隊員" + h, backgrounds[i], null);
          roster.joinSquad(setup, people.get(h), squads.get(SQUADS.get(i)),
              m == 0 ? SquadRole.LEADER : SquadRole.MEMBER, null);
        }
      }
      for (int e = 0; e < extraInS0; e++) {
        String h = "s0" + (char) ('c' + e);
        addMember(setup, groupG, h, "隊員" + h, Background.SELECTED_GRADUATE, null);
        roster.joinSquad(setup, people.get(h), squads.get("s0"), SquadRole.MEMBER, null);
      }
      addMember(setup, groupG, "x", "趙志願", Background.SELECTED_GRADUATE, null);
      RegionId linwei = roster.createRegion(setup, new NewRegion.Builder().name("臨渭區")
          .level(RegionLevel.DISTRICT).parent(city).build()).id();
      groupH = roster.createGroup(setup,
          new NewGroup.Builder().name("臨渭區紅色助力團").county(linwei).build()).id();
      adopt(groupH.value(), "H");
      Squad other = roster.createSquad(setup, new NewSquad.Builder().group(groupH)
          .name("頭雁組").kind(SquadKind.LEAD_GEESE).build());
      squads.put(OTHER_SQUAD, other.id());
      adopt(other.id().value(), OTHER_SQUAD);
      addMember(setup, groupH, "oc", "孫主任", Background.WORK_TEAM_MEMBER, null);
      roster.appointCoordinator(setup, groupH, people.get("oc"), null);
      addMember(setup, groupH, "om", "錢隊長", Background.EXPERT, null);
      roster.joinSquad(setup, people.get("om"), other.id(), SquadRole.LEADER, null);
      squads.put(GHOST, SquadId.of("ghost-squad"));
      people.put(GHOST, MemberId.of("ghost-member"));
      villages.put(GHOST, VillageId.of("ghost-village"));
      actorNames.put(system.toString(), SYSTEM);
      drainOutbox();
    }

    private void addMember(Actor setup, GroupId group, String handle, String name,
        Background background, VillageId village) {
      NewMember.Builder b = new NewMember.Builder().group(group).name(name)
          .background(background);
      if (village != null) {
        b.village(village);
      }
      Member m = roster.addMember(setup, b.build());
      people.put(handle, m.id());
      adopt(m.id().value(), handle);
      actorNames.put(Actor.member(m.id()).toString(), handle);
    }

    private void adopt(String id, String handle) {
      handles.put(id, handle);
    }

    void adoptOrder(OrderId id) {
      if (!handles.containsKey(id.value())) {
        handles.put(id.value(), "o" + orderIds.size());
        orderIds.add(id);
      }
    }

    /** The order of a pick, or an id no order has. */
    OrderId order(int pick) {
      int i = index(pick, orderIds.size());
      return i < 0 ? OrderId.of("ghost-order") : orderIds.get(i);
    }

    /** The facts relative picks resolve against, read from the service. */
    Facts facts(OrderId id) {
      return orders.order(id).map(o -> new Facts(true, o.squad().map(this::handle).orElse(null),
          o.openForClaiming(), o.lead().map(this::handle).orElse(null),
          o.helpers().stream().map(this::handle).collect(Collectors.toList()),
          handle(o.requester()))).orElse(Facts.NONE);
    }

    Actor actor(String person) {
      return SYSTEM.equals(person) ? system : Actor.member(member(person));
    }

    MemberId member(String handle) {
      return Objects.requireNonNull(people.get(handle), handle);
    }

    SquadId squad(String handle) {
      return Objects.requireNonNull(squads.get(handle), handle);
    }

    String handle(dev.zhuli.core.TypedId id) {
      return handles.getOrDefault(id.value(), "?" + id);
    }

    String actorHandle(String actor) {
      return actorNames.getOrDefault(actor, "?" + actor);
    }

    String describe(Order o) {
      adoptOrder(o.id());
      return "ok " + handle(o.id()) + " " + o.status() + " v" + o.version();
    }

    /** An order as the model shows it. */
    O view(Order order) {
      O o = new O();
      o.handle = handle(order.id());
      o.group = handle(order.group());
      o.village = handle(order.village());
      o.requester = handle(order.requester());
      o.title = order.title();
      o.description = order.description();
      o.category = order.category().code();
      o.urgency = order.urgency();
      o.kind = order.requestedSquadKind().map(SquadKind::code).orElse(null);
      o.desiredBy = order.desiredBy().map(LocalDate::toString).orElse(null);
      o.attachments = List.copyOf(order.attachments());
      o.status = order.status();
      o.squad = order.squad().map(this::handle).orElse(null);
      o.open = order.openForClaiming();
      o.lead = order.lead().map(this::handle).orElse(null);
      order.helpers().forEach(h -> o.helpers.add(handle(h)));
      o.placedAt = order.placedAt();
      o.acceptedAt = order.acceptedAt().orElse(null);
      o.resolvedAt = order.resolvedAt().orElse(null);
      o.closedAt = order.closedAt().orElse(null);
      o.closure = order.closure().orElse(null);
      o.report = order.report().orElse(null);
      order.outcome().forEach((k, v) -> o.outcome.put(k, v.toPlainString()));
      o.returns = order.returns();
      order.returnsBySquad().forEach((k, n) -> o.returnsBySquad.put(handle(k), n));
      o.reopens = order.reopens();
      for (TimelineEntry e : order.timeline()) {
        o.timeline.add(entry(e.at(), e.transition(), e.from().orElse(null), e.to(),
            actorHandle(e.actor()), e.note().orElse(null)));
      }
      for (Activity a : order.activities()) {
        Act act = new Act();
        act.id = a.id();
        act.kind = a.kind();
        act.at = a.at();
        act.actor = actorHandle(a.actor());
        act.summary = a.summary();
        act.topic = a.topic().orElse(null);
        act.headCount = a.headCount().orElse(null);
        act.referredTo = a.referredTo().orElse(null);
        act.money = a.money().map(BigDecimal::toPlainString).orElse(null);
        act.attachments = List.copyOf(a.attachments());
        act.voided = a.voided();
        act.voidReason = a.voidReason().orElse(null);
        o.activities.add(act);
      }
      for (Rating r : order.ratings()) {
        o.ratings.add(rating(r.at(), r.stars(), r.comment().orElse(null),
            actorHandle(r.actor())));
      }
      o.version = order.version();
      return o;
    }

    /** Claims and acknowledges every message in the outbox. */
    List<ClaimedMessage> drainOutbox() {
      List<ClaimedMessage> all = new ArrayList<>();
      for (int rounds = 0; rounds < 100; rounds++) {
        List<ClaimedMessage> claimed = zhuli.storage().outbox()
            .claim("test", FAR_FUTURE, Duration.ofMinutes(1), 1000);
        if (claimed.isEmpty()) {
          return all;
        }
        for (ClaimedMessage m : claimed) {
          if (!zhuli.storage().outbox().acknowledge(m.message().id(), m.fencingToken())) {
            throw new AssertionError("could not acknowledge " + m.message());
          }
        }
        all.addAll(claimed);
      }
      throw new AssertionError("the outbox did not drain after 100 rounds");
    }

    @Override
    public void close() {
      zhuli.close();
    }
  }

  /** Every item of a paged query, with pages of the given size. */
  static <T> List<T> all(Function<PageRequest, ResultPage<T>> query, int size) {
    PageRequest first = PageRequest.first(size);
    PageRequest page = first;
    List<T> out = new ArrayList<>();
    for (int pages = 0; pages < 1000; pages++) {
      ResultPage<T> result = query.apply(page);
      if (result.items().size() > size) {
        throw new AssertionError("a page of " + size + " held " + result.items().size());
      }
      out.addAll(result.items());
      if (result.nextCursor().isEmpty()) {
        return out;
      }
      page = first.after(result.nextCursor().get());
    }
    throw new AssertionError("paging did not end after 1000 pages");
  }

  // ---- projection and invariants ------------------------------------------------------------

  /**
   * Reads every order, the queries and the outbox back, checking the invariants on the way.
   */
  static State project(Sut sut) {
    State s = new State();
    s.now = sut.clock.instant();
    List<String> broken = new ArrayList<>();
    Map<OrderId, Order> current = new LinkedHashMap<>();
    List<Order> changed = new ArrayList<>();
    for (OrderId id : sut.orderIds) {
      String h = sut.handle(id);
      Order o = sut.orders.order(id).orElseThrow(() -> new AssertionError(h + " vanished"));
      current.put(id, o);
      s.orders.add(sut.view(o));
      checkTimeline(h, o, broken);
      Order before = sut.previous.get(id);
      if (before == null || !before.equals(o)) {
        changed.add(o);
      }
      if (before != null) {
        checkChange(h, before, o, broken);
      }
    }
    if (sut.refused && !changed.isEmpty()) {
      broken.add("the refused command changed " + changed.stream()
          .map(o -> sut.handle(o.id())).collect(Collectors.toList()));
    }
    sut.changed = !changed.isEmpty();
    if (changed.size() > 1) {
      broken.add("one command changed " + changed.size() + " orders");
    }
    for (ClaimedMessage m : sut.drainOutbox()) {
      s.notified.add(checkNotification(sut, m, current, broken));
    }
    Collections.sort(s.notified);
    for (Order o : changed) {
      checkNotified(sut, o, sut.previous.get(o.id()), s.notified, broken);
    }
    if (sut.refused && !s.notified.isEmpty()) {
      broken.add("the refused command notified " + s.notified);
    }
    if (sut.queries == null || !changed.isEmpty()) {
      // an order's index entries are written with it: unchanged orders, unchanged queries
      sut.queries = queries(sut);
    }
    s.queries.putAll(sut.queries);
    s.last = sut.last;
    sut.previous = current;
    if (!broken.isEmpty()) {
      throw new AssertionError("order invariants broken after step " + sut.steps + " ("
          + sut.lastCommand + "):\n  " + String.join("\n  ", broken) + "\nService shows:" + s);
    }
    return s;
  }

  /** What the queries show: each squad's open work, G's orders per status, the claimable ones,
   * each village's orders. */
  static TreeMap<String, List<String>> queries(Sut sut) {
    TreeMap<String, List<String>> q = new TreeMap<>();
    for (String squad : allSquads()) {
      q.put("openWorkOf " + squad,
          orderHandles(sut, all(p -> sut.orders.openWorkOf(sut.squad(squad), p), 50)));
    }
    for (OrderStatus status : OrderStatus.values()) {
      q.put("withStatus G " + status,
          orderHandles(sut, all(p -> sut.orders.withStatus(sut.groupG, status, p), 50)));
    }
    q.put("claimable G", orderHandles(sut, all(p -> sut.orders.claimable(sut.groupG, p), 50)));
    for (String v : VILLAGES) {
      q.put("ofVillage " + v,
          orderHandles(sut, all(p -> sut.orders.ofVillage(sut.villages.get(v), p), 50)));
    }
    return q;
  }

  static List<String> orderHandles(Sut sut, List<Order> orders) {
    return orders.stream().map(o -> sut.handle(o.id())).collect(Collectors.toList());
  }

  /** The timeline is a walk through the table that ends in the order's status. */
  static void checkTimeline(String h, Order o, List<String> broken) {
    List<TimelineEntry> timeline = o.timeline();
    if (timeline.isEmpty()) {
      broken.add(h + " has no timeline");
      return;
    }
    TimelineEntry first = timeline.get(0);
    if (first.from().isPresent() || !EnumSet.of(Transition.PLACE, Transition.PLACE_TO_SQUAD)
        .contains(first.transition())) {
      broken.add(h + " starts with " + first.transition() + " from " + first.from());
    }
    OrderStatus at = null;
    for (TimelineEntry e : timeline) {
      if (at != null && !e.from().equals(java.util.Optional.of(at))) {
        broken.add(h + ": " + e.transition() + " from " + e.from() + " after reaching " + at);
      }
      if (at != null && !e.transition().allowedFrom(at)) {
        broken.add(h + ": " + e.transition() + " is no row from " + at);
      }
      if (!e.transition().to(e.from().orElse(null)).equals(e.to())) {
        broken.add(h + ": " + e.transition() + " from " + e.from() + " went to " + e.to());
      }
      at = e.to();
    }
    if (at != o.status()) {
      broken.add(h + " is " + o.status() + " but its timeline ends in " + at);
    }
  }

  /** Timelines only grow, by one entry a step; cancelled orders never change, closed ones by
   * verification only. */
  static void checkChange(String h, Order before, Order after, List<String> broken) {
    if (before.equals(after)) {
      return;
    }
    List<TimelineEntry> was = before.timeline();
    List<TimelineEntry> now = after.timeline();
    if (now.size() != was.size() + 1 || !now.subList(0, was.size()).equals(was)) {
      broken.add(h + " changed its timeline from " + was.size() + " to " + now.size()
          + " entries other than by appending one");
      return;
    }
    if (after.version() != before.version() + 1) {
      broken.add(h + " went from version " + before.version() + " to " + after.version());
    }
    Transition t = now.get(now.size() - 1).transition();
    if (before.status() == CANCELLED) {
      broken.add(h + " changed after it was cancelled, by " + t);
    }
    if (before.status() == CLOSED && t != Transition.VERIFY_CONFIRMED
        && t != Transition.VERIFY_DISPUTED) {
      broken.add(h + " changed after it was closed, by " + t);
    }
  }

  /** A notification message, checked for form, as {@code type order → [people]}. */
  static String checkNotification(Sut sut, ClaimedMessage claimed, Map<OrderId, Order> orders,
      List<String> broken) {
    var m = claimed.message();
    if (!m.destination().equals("notifier")) {
      broken.add("a message for " + m.destination() + ": " + m);
    }
    String about = m.aggregateKey();
    String order = about.startsWith("order/") ? sut.handles.get(about.substring(6)) : null;
    if (order == null) {
      broken.add("a message about " + about);
    }
    JsonNode payload;
    try {
      payload = JSON.readTree(m.payload());
    } catch (IOException e) {
      broken.add("a message with a payload that is no JSON: " + e);
      return m.type() + " " + order + " → ?";
    }
    if (!m.type().equals(payload.path("type").asText())
        || !m.type().equals(payload.path("templateKey").asText())) {
      broken.add("message " + m.type() + " has type " + payload.path("type") + " and template "
          + payload.path("templateKey"));
    }
    List<String> recipients = new ArrayList<>();
    payload.path("recipients").forEach(r -> recipients.add(sut.handles.getOrDefault(r.asText(),
        "?" + r.asText())));
    if (new TreeSet<>(recipients).size() != recipients.size()) {
      broken.add("message " + m.type() + " names someone twice: " + recipients);
    }
    if (recipients.isEmpty()) {
      broken.add("message " + m.type() + " has no recipients");
    }
    return m.type() + " " + order + " → " + new TreeSet<>(recipients);
  }

  /**
   * The notifications of an order's new timeline entry: exactly those of the transition's row
   * (the documented one, the code's if tolerant), resolved to people read back from the roster.
   */
  static void checkNotified(Sut sut, Order o, Order before, List<String> notified,
      List<String> broken) {
    int from = before == null ? 0 : before.timeline().size();
    String h = sut.handle(o.id());
    List<String> mine = notified.stream().filter(n -> n.contains(" " + h + " → "))
        .collect(Collectors.toList());
    List<String> expected = new ArrayList<>();
    for (TimelineEntry e : o.timeline().subList(Math.min(from, o.timeline().size()),
        o.timeline().size())) {
      TreeSet<String> people = new TreeSet<>();
      for (Transition.Recipient r : notifies(e.transition())) {
        switch (r) {
          case COORDINATOR:
            sut.roster.group(o.group()).flatMap(g -> g.coordinator())
                .ifPresent(c -> people.add(sut.handle(c)));
            break;
          case REQUESTER:
            people.add(sut.handle(o.requester()));
            break;
          case HANDLERS:
            o.lead().ifPresent(l -> people.add(sut.handle(l)));
            o.helpers().forEach(m -> people.add(sut.handle(m)));
            break;
          case SQUAD:
            o.squad().ifPresent(sq -> all(p -> sut.roster.membersOfSquad(sq, p), 50)
                .forEach(m -> people.add(sut.handle(m.id()))));
            break;
          case ALL_SQUADS:
            for (Squad sq : all(p -> sut.roster.squadsOf(o.group(), p), 50)) {
              all(p -> sut.roster.membersOfSquad(sq.id(), p), 50)
                  .forEach(m -> people.add(sut.handle(m.id())));
            }
            break;
          default:
            broken.add("unknown recipient " + r);
        }
      }
      if (!people.isEmpty()) {
        expected.add(e.transition().templateKey() + " " + h + " → " + people);
      }
    }
    if (!mine.equals(expected)) {
      broken.add(h + " notified " + mine + " where its row says " + expected);
    }
  }

  // ---- commands -----------------------------------------------------------------------------

  /** A step of a random history. */
  abstract static class Step implements Command<Sut, State> {
    @Override
    public final void run(Sut sut) {
      String outcome;
      try {
        outcome = execute(sut);
      } catch (ZhuliException e) {
        outcome = error(e);
      } catch (RuntimeException e) {
        outcome = "unexpected " + e.getClass().getSimpleName();
      }
      sut.last = name() + ": " + outcome;
      sut.refused = !outcome.startsWith("ok");
      sut.steps++;
      sut.lastCommand = toString();
    }

    @Override
    public final State nextState(State before) {
      State after = before.copy();
      after.notified = new ArrayList<>();
      after.last = name() + ": " + predict(after);
      after.derive();
      return after;
    }

    abstract String name();

    abstract String execute(Sut sut);

    /** Predicts the outcome; changes the state only on success. */
    abstract String predict(State s);
  }

  /** A command on an existing order, by an actor, through the one way an order changes. */
  abstract static class Change extends Step {
    final Who who;
    final int orderPick;
    final String key;

    Change(Who who, int orderPick, String key) {
      this.who = who;
      this.orderPick = orderPick;
      this.key = key;
    }

    /** Input checks made before the order is read; the error, or null. */
    String pre() {
      return null;
    }

    /** The squad relative actors take their members from. */
    String squadOfActors(Facts f) {
      return f.squad;
    }

    String actor(Facts f) {
      return person(who, f, squadOfActors(f));
    }

    /** The command's input as the request fingerprint covers it. */
    abstract String input(Facts f, String actor);

    abstract Order call(Sut sut, Actor actor, OrderId id, Facts f, String person);

    /** The transitions the command may take; the first names the action access is asked for. */
    abstract List<Transition> candidates();

    /** The squad whose members count as the target squad for access. */
    String actingSquad(O o) {
      return o.squad;
    }

    /** The command's own rules, after the table and access; commits and returns null, or the
     * error. */
    abstract String decide(State s, O o, String actor);

    @Override
    final String execute(Sut sut) {
      OrderId id = sut.order(orderPick);
      Facts f = sut.facts(id);
      String person = actor(f);
      return sut.describe(call(sut, sut.actor(person), id, f, person));
    }

    @Override
    final String predict(State s) {
      String bad = pre();
      if (bad != null) {
        return bad;
      }
      int i = s.pick(orderPick);
      Facts f = i < 0 ? Facts.NONE : s.orders.get(i).facts();
      String actor = actor(f);
      String fingerprint = actor + "|" + (i < 0 ? GHOST : "o" + i) + "|" + input(f, actor);
      String replay = s.replay(name(), key, fingerprint);
      if (replay != null) {
        return replay;
      }
      if (i < 0) {
        return notFound("order");
      }
      O o = s.orders.get(i);
      List<Transition> candidates = candidates();
      if (candidates.stream().noneMatch(t -> allowed(t, o))) {
        return TRANSITION;
      }
      if (!permits(actor, candidates.get(0), o, actingSquad(o))) {
        return denied(candidates.get(0));
      }
      String error = decide(s, o, actor);
      if (error != null) {
        return error;
      }
      String result = "ok " + o.handle + " " + o.status + " v" + o.version;
      s.remember(name(), key, fingerprint, result);
      return result;
    }

    @Override
    public String toString() {
      return who + " " + name() + " " + (orderPick >= ORDER_PICKS ? "ghost order"
          : "order#" + orderPick) + " " + args() + (key == null ? "" : " key " + key);
    }

    abstract String args();
  }

  static String quote(String s) {
    return s == null ? "null" : "'" + (s.length() > 12 ? s.substring(0, 12) + "…" : s) + "'";
  }

  static final class Place extends Step {
    final Who who;
    final int village;
    final RequesterPick requester;
    final String title;
    final String description;
    final OrderCategory category;
    final Urgency urgency;
    final List<String> attachments;
    final Integer desiredIn;
    final SquadPick squad;
    final SquadKind kind;
    final String key;

    Place(Who who, int village, RequesterPick requester, String title, String description,
        OrderCategory category, Urgency urgency, List<String> attachments, Integer desiredIn,
        SquadPick squad, SquadKind kind, String key) {
      this.who = who;
      this.village = village;
      this.requester = requester;
      this.title = title;
      this.description = description;
      this.category = category;
      this.urgency = urgency;
      this.attachments = attachments;
      this.desiredIn = desiredIn;
      this.squad = squad;
      this.kind = kind;
      this.key = key;
    }

    @Override
    String name() {
      return "place";
    }

    String actor() {
      return person(who, Facts.NONE, null);
    }

    String requester(String actor) {
      switch (requester) {
        case SELF:
          return SYSTEM.equals(actor) ? "c0" : actor;
        case C0:
          return "c0";
        case C1:
          return "c1";
        case LOOSE:
          return "x";
        default:
          return GHOST;
      }
    }

    String village() {
      return village < VILLAGES.size() ? VILLAGES.get(village) : GHOST;
    }

    String squad() {
      return squad == SquadPick.TARGET ? null : OrderModel.squad(squad, Facts.NONE, 0);
    }

    LocalDate desiredBy(Instant now) {
      return desiredIn == null ? null : LocalDate.ofInstant(now, ZONE).plusDays(desiredIn);
    }

    @Override
    String execute(Sut sut) {
      String actor = actor();
      NewOrder.Builder b = new NewOrder.Builder().village(sut.villages.get(village()))
          .requester(sut.member(requester(actor))).title(title).description(description)
          .category(category).urgency(urgency).attachments(attachments);
      if (desiredIn != null) {
        b.desiredBy(desiredBy(sut.clock.instant()));
      }
      if (squad() != null) {
        b.squad(sut.squad(squad()));
      }
      if (kind != null) {
        b.requestedSquadKind(kind);
      }
      if (key != null) {
        b.requestKey(key);
      }
      return sut.describe(sut.orders.place(sut.actor(actor), b.build()));
    }

    @Override
    String predict(State s) {
      String t = text(title, 100);
      if (t == null) {
        return invalid("order.title");
      }
      String d = text(description, 2000);
      if (d == null) {
        return invalid("order.description");
      }
      List<String> atts = new ArrayList<>();
      for (String a : attachments) {
        String kept = text(a, 256);
        if (kept == null) {
          return invalid("order.attachments[" + atts.size() + "]");
        }
        atts.add(kept);
      }
      String actor = actor();
      String req = requester(actor);
      String v = village();
      String sq = squad();
      LocalDate desired = desiredBy(s.now);
      String fingerprint = actor + "|" + v + "|" + req + "|" + t + "|" + d + "|" + category + "|"
          + urgency + "|" + atts + "|" + desired + "|" + sq + "|" + kind;
      String replay = s.replay(name(), key, fingerprint);
      if (replay != null) {
        return replay;
      }
      if (GHOST.equals(v)) {
        return notFound("village");
      }
      Transition tr = sq == null ? Transition.PLACE : Transition.PLACE_TO_SQUAD;
      if (!SYSTEM.equals(actor) && !v.equals(CADRE_OF.get(actor))) {
        return denied(tr);
      }
      // the requester is looked up after access, so outsiders cannot probe member ids
      if (GHOST.equals(req)) {
        return notFound("member");
      }
      if (!v.equals(CADRE_OF.get(req))) {
        return rule("requester-is-cadre");
      }
      if (!SYSTEM.equals(actor) && !actor.equals(req)) {
        return invalid("order.requester");
      }
      if (desiredIn != null && desiredIn < 0) {
        return invalid("order.desiredBy");
      }
      if (sq != null) {
        String wrong = squadOfGroup(sq);
        if (wrong != null) {
          return wrong;
        }
      }
      O o = new O();
      o.handle = "o" + s.orders.size();
      o.group = "G";
      o.village = v;
      o.requester = req;
      o.title = t;
      o.description = d;
      o.category = category.code();
      o.urgency = urgency;
      o.kind = kind == null ? null : kind.code();
      o.desiredBy = desired == null ? null : desired.toString();
      o.attachments = atts;
      o.squad = sq;
      o.placedAt = s.now;
      o.status = DOCUMENTED.get(tr).to;
      o.timeline.add(entry(s.now, tr, null, o.status, actor, null));
      o.version = 1;
      s.orders.add(o);
      s.notify(o, tr);
      String result = "ok " + o.handle + " " + o.status + " v1";
      s.remember(name(), key, fingerprint, result);
      return result;
    }

    @Override
    public String toString() {
      return who + " place in " + village() + " for " + requester + " " + quote(title) + " "
          + quote(description) + " att" + attachments + " by " + desiredIn + " squad " + squad
          + " kind " + kind + (key == null ? "" : " key " + key);
    }
  }

  static final class Dispatch extends Change {
    final SquadPick squad;
    final int fallback;

    Dispatch(Who who, int orderPick, String key, SquadPick squad, int fallback) {
      super(who, orderPick, key);
      this.squad = squad;
      this.fallback = fallback;
    }

    @Override
    String name() {
      return "dispatch";
    }

    @Override
    List<Transition> candidates() {
      return List.of(Transition.DISPATCH);
    }

    @Override
    String pre() {
      return squad == SquadPick.NONE ? invalid("squad") : null;
    }

    @Override
    String input(Facts f, String actor) {
      return OrderModel.squad(squad, f, fallback);
    }

    @Override
    Order call(Sut sut, Actor actor, OrderId id, Facts f, String person) {
      String sq = OrderModel.squad(squad, f, fallback);
      return sut.orders.dispatch(actor, id, sq == null ? null : sut.squad(sq), key);
    }

    @Override
    String decide(State s, O o, String actor) {
      String sq = OrderModel.squad(squad, o.facts(), fallback);
      String wrong = squadOfGroup(sq);
      if (wrong != null) {
        return wrong;
      }
      o.squad = sq;
      o.open = false;
      s.commit(o, Transition.DISPATCH, actor, null);
      return null;
    }

    @Override
    String args() {
      return "to " + squad + "/" + fallback;
    }
  }

  static final class OpenForClaiming extends Change {
    OpenForClaiming(Who who, int orderPick, String key) {
      super(who, orderPick, key);
    }

    @Override
    String name() {
      return "openForClaiming";
    }

    @Override
    List<Transition> candidates() {
      return List.of(Transition.OPEN_FOR_CLAIMING);
    }

    @Override
    String input(Facts f, String actor) {
      return "";
    }

    @Override
    Order call(Sut sut, Actor actor, OrderId id, Facts f, String person) {
      return sut.orders.openForClaiming(actor, id, key);
    }

    @Override
    String decide(State s, O o, String actor) {
      o.squad = null;
      o.open = true;
      s.commit(o, Transition.OPEN_FOR_CLAIMING, actor, null);
      return null;
    }

    @Override
    String args() {
      return "";
    }
  }

  /** Accept and assign: a squad, a lead and helpers. */
  abstract static class Handover extends Change {
    final SquadPick squad;
    final int fallback;
    final LeadPick lead;
    final List<HelperPick> helpers;

    Handover(Who who, int orderPick, String key, SquadPick squad, int fallback, LeadPick lead,
        List<HelperPick> helpers) {
      super(who, orderPick, key);
      this.squad = squad;
      this.fallback = fallback;
      this.lead = lead;
      this.helpers = helpers;
    }

    String givenSquad(Facts f) {
      return OrderModel.squad(squad, f, fallback);
    }

    String leadOf(Facts f, String actor) {
      return OrderModel.lead(lead, actor, squadOfActors(f));
    }

    List<String> helpersOf(Facts f, String actor) {
      return OrderModel.helpers(helpers, leadOf(f, actor));
    }

    @Override
    String input(Facts f, String actor) {
      return givenSquad(f) + "|" + leadOf(f, actor) + "|" + helpersOf(f, actor);
    }

    Acceptance acceptance(Sut sut, Facts f, String person) {
      Acceptance.Builder b = new Acceptance.Builder().lead(sut.member(leadOf(f, person)));
      String sq = givenSquad(f);
      if (sq != null) {
        b.squad(sut.squad(sq));
      }
      for (String h : helpersOf(f, person)) {
        b.addHelpers(sut.member(h));
      }
      if (key != null) {
        b.requestKey(key);
      }
      return b.build();
    }

    /** Sets lead, helpers (without the lead), squad and acceptance time. */
    static void handOver(State s, O o, String squad, String lead, List<String> helpers) {
      o.lead = lead;
      o.helpers = new ArrayList<>(helpers);
      o.helpers.remove(lead);
      o.squad = squad;
      o.open = false;
      o.acceptedAt = s.now;
    }

    @Override
    String args() {
      return "squad " + squad + "/" + fallback + " lead " + lead + " helpers " + helpers;
    }
  }

  static final class Accept extends Handover {
    Accept(Who who, int orderPick, String key, SquadPick squad, int fallback, LeadPick lead,
        List<HelperPick> helpers) {
      super(who, orderPick, key, squad, fallback, lead, helpers);
    }

    @Override
    String name() {
      return "accept";
    }

    @Override
    List<Transition> candidates() {
      return List.of(Transition.ACCEPT);
    }

    @Override
    String squadOfActors(Facts f) {
      return f.open ? givenSquad(f) : f.squad;
    }

    @Override
    String actingSquad(O o) {
      return o.open ? givenSquad(o.facts()) : o.squad;
    }

    @Override
    Order call(Sut sut, Actor actor, OrderId id, Facts f, String person) {
      return sut.orders.accept(actor, id, acceptance(sut, f, person));
    }

    @Override
    String decide(State s, O o, String actor) {
      Facts f = o.facts();
      String given = givenSquad(f);
      String sq;
      if (o.open) {
        if (given == null) {
          return invalid("acceptance.squad");
        }
        String wrong = squadOfGroup(given);
        if (wrong != null) {
          return wrong;
        }
        sq = given;
      } else {
        sq = o.squad;
        if (given != null && !given.equals(sq)) {
          return rule("accept-target-squad");
        }
      }
      String lead = leadOf(f, actor);
      List<String> helpers = helpersOf(f, actor);
      String wrong = handlersRule(sq, lead, helpers);
      if (wrong != null) {
        return wrong;
      }
      handOver(s, o, sq, lead, helpers);
      s.commit(o, Transition.ACCEPT, actor, null);
      return null;
    }
  }

  static final class Assign extends Handover {
    Assign(Who who, int orderPick, String key, SquadPick squad, int fallback, LeadPick lead,
        List<HelperPick> helpers) {
      super(who, orderPick, key, squad, fallback, lead, helpers);
    }

    @Override
    String name() {
      return "assign";
    }

    @Override
    List<Transition> candidates() {
      return List.of(Transition.ASSIGN);
    }

    @Override
    String pre() {
      return squad == SquadPick.NONE ? invalid("acceptance.squad") : null;
    }

    @Override
    String squadOfActors(Facts f) {
      return givenSquad(f);
    }

    @Override
    Order call(Sut sut, Actor actor, OrderId id, Facts f, String person) {
      return sut.orders.assign(actor, id, acceptance(sut, f, person));
    }

    @Override
    String decide(State s, O o, String actor) {
      Facts f = o.facts();
      String sq = givenSquad(f);
      String wrong = squadOfGroup(sq);
      if (wrong != null) {
        return wrong;
      }
      String lead = leadOf(f, actor);
      List<String> helpers = helpersOf(f, actor);
      wrong = handlersRule(sq, lead, helpers);
      if (wrong != null) {
        return wrong;
      }
      handOver(s, o, sq, lead, helpers);
      s.commit(o, Transition.ASSIGN, actor, null);
      return null;
    }
  }

  /** A command with a reason of at most 500 characters. */
  abstract static class Reasoned extends Change {
    final String reason;

    Reasoned(Who who, int orderPick, String key, String reason) {
      super(who, orderPick, key);
      this.reason = reason;
    }

    String why() {
      return text(reason, 500);
    }

    @Override
    String pre() {
      return why() == null ? invalid("reason") : null;
    }

    @Override
    String input(Facts f, String actor) {
      return why();
    }

    @Override
    String args() {
      return "because " + quote(reason);
    }
  }

  static final class SendBack extends Reasoned {
    SendBack(Who who, int orderPick, String key, String reason) {
      super(who, orderPick, key, reason);
    }

    @Override
    String name() {
      return "sendBack";
    }

    @Override
    List<Transition> candidates() {
      return List.of(Transition.RETURN);
    }

    @Override
    Order call(Sut sut, Actor actor, OrderId id, Facts f, String person) {
      return sut.orders.sendBack(actor, id, reason, key);
    }

    @Override
    String decide(State s, O o, String actor) {
      if (o.open) {
        return rule("return-dispatched-only");
      }
      o.returns++;
      o.returnsBySquad.merge(o.squad, 1, Integer::sum);
      o.squad = null;
      s.commit(o, Transition.RETURN, actor, why());
      return null;
    }
  }

  static final class CloseOutOfScope extends Reasoned {
    CloseOutOfScope(Who who, int orderPick, String key, String reason) {
      super(who, orderPick, key, reason);
    }

    @Override
    String name() {
      return "closeOutOfScope";
    }

    @Override
    List<Transition> candidates() {
      return List.of(Transition.CLOSE_OUT_OF_SCOPE);
    }

    @Override
    Order call(Sut sut, Actor actor, OrderId id, Facts f, String person) {
      return sut.orders.closeOutOfScope(actor, id, reason, key);
    }

    @Override
    String decide(State s, O o, String actor) {
      o.closure = Closure.OUT_OF_SCOPE;
      o.closedAt = s.now;
      o.squad = null;
      o.open = false;
      s.commit(o, Transition.CLOSE_OUT_OF_SCOPE, actor, why());
      return null;
    }
  }

  static final class Transfer extends Reasoned {
    final SquadPick squad;
    final int fallback;

    Transfer(Who who, int orderPick, String key, SquadPick squad, int fallback, String reason) {
      super(who, orderPick, key, reason);
      this.squad = squad;
      this.fallback = fallback;
    }

    @Override
    String name() {
      return "transfer";
    }

    @Override
    List<Transition> candidates() {
      return List.of(Transition.TRANSFER);
    }

    @Override
    String pre() {
      return squad == SquadPick.NONE ? invalid("squad") : super.pre();
    }

    @Override
    String input(Facts f, String actor) {
      return OrderModel.squad(squad, f, fallback) + "|" + why();
    }

    @Override
    Order call(Sut sut, Actor actor, OrderId id, Facts f, String person) {
      String sq = OrderModel.squad(squad, f, fallback);
      return sut.orders.transfer(actor, id, sq == null ? null : sut.squad(sq), reason, key);
    }

    @Override
    String decide(State s, O o, String actor) {
      String sq = OrderModel.squad(squad, o.facts(), fallback);
      String wrong = squadOfGroup(sq);
      if (wrong != null) {
        return wrong;
      }
      if (sq.equals(o.squad)) {
        return rule("transfer-elsewhere");
      }
      o.squad = sq;
      o.open = false;
      o.lead = null;
      o.helpers = new ArrayList<>();
      s.commit(o, Transition.TRANSFER, actor, why());
      return null;
    }

    @Override
    String args() {
      return "to " + squad + "/" + fallback + " " + super.args();
    }
  }

  static final class Cancel extends Reasoned {
    Cancel(Who who, int orderPick, String key, String reason) {
      super(who, orderPick, key, reason);
    }

    @Override
    String name() {
      return "cancel";
    }

    @Override
    List<Transition> candidates() {
      return List.of(Transition.CANCEL);
    }

    @Override
    Order call(Sut sut, Actor actor, OrderId id, Facts f, String person) {
      return sut.orders.cancel(actor, id, reason, key);
    }

    @Override
    String decide(State s, O o, String actor) {
      if (o.acceptedAt != null) {
        return rule("cancel-before-acceptance");
      }
      o.closedAt = s.now;
      if (!TOLERATE) {
        o.open = false; // D3: a cancelled order is open for nobody to claim
      }
      s.commit(o, Transition.CANCEL, actor, why());
      return null;
    }
  }

  /** An activity as given: its kind and fields, valid or not. */
  static final class ActivitySpec {
    final ActivityKind kind;
    final String summary;
    final String topic;
    final Integer headCount;
    final String referredTo;
    final BigDecimal money;
    final List<String> attachments;

    ActivitySpec(ActivityKind kind, String summary, String topic, Integer headCount,
        String referredTo, BigDecimal money, List<String> attachments) {
      this.kind = kind;
      this.summary = summary;
      this.topic = topic;
      this.headCount = headCount;
      this.referredTo = referredTo;
      this.money = money;
      this.attachments = attachments;
    }

    /** The input checks, in the service's order: the field refused, or null. */
    String check() {
      if (text(summary, 2000) == null) {
        return "activity.summary";
      }
      if (topic != null && text(topic, 100) == null) {
        return "activity.topic";
      }
      if (referredTo != null && text(referredTo, 200) == null) {
        return "activity.referredTo";
      }
      for (int i = 0; i < attachments.size(); i++) {
        if (text(attachments.get(i), 256) == null) {
          return "activity.attachments[" + i + "]";
        }
      }
      if (kind == ActivityKind.TRAINING) {
        if (topic == null) {
          return "activity.topic";
        }
        if (headCount == null || headCount < 1 || headCount > 100_000) {
          return "activity.headCount";
        }
      } else if (headCount != null) {
        return "activity.headCount";
      }
      if (kind == ActivityKind.REFERRAL && referredTo == null) {
        return "activity.referredTo";
      }
      if (money != null && (money.signum() < 0 || money.scale() > 2
          || money.compareTo(new BigDecimal("1000000000000")) >= 0)) {
        return "activity.money";
      }
      if (money != null && kind != ActivityKind.REFERRAL) {
        return "activity.money";
      }
      return null;
    }

    NewActivity build(String key) {
      NewActivity.Builder b = new NewActivity.Builder().kind(kind).summary(summary)
          .attachments(attachments);
      if (topic != null) {
        b.topic(topic);
      }
      if (headCount != null) {
        b.headCount(headCount);
      }
      if (referredTo != null) {
        b.referredTo(referredTo);
      }
      if (money != null) {
        b.money(money);
      }
      if (key != null) {
        b.requestKey(key);
      }
      return b.build();
    }

    @Override
    public String toString() {
      return kind + " " + quote(summary) + (topic == null ? "" : " topic " + quote(topic))
          + (headCount == null ? "" : " heads " + headCount)
          + (referredTo == null ? "" : " to " + quote(referredTo))
          + (money == null ? "" : " ¥" + money) + " att" + attachments;
    }
  }

  static final class RecordActivity extends Change {
    final ActivitySpec spec;

    RecordActivity(Who who, int orderPick, String key, ActivitySpec spec) {
      super(who, orderPick, key);
      this.spec = spec;
    }

    @Override
    String name() {
      return "recordActivity";
    }

    @Override
    List<Transition> candidates() {
      return List.of(Transition.START, Transition.RECORD_ACTIVITY);
    }

    @Override
    String pre() {
      String field = spec.check();
      return field == null ? null : invalid(field);
    }

    @Override
    String input(Facts f, String actor) {
      return spec.kind + "|" + text(spec.summary, 2000) + "|" + spec.topic + "|" + spec.headCount
          + "|" + spec.referredTo + "|" + spec.money + "|" + spec.attachments;
    }

    @Override
    Order call(Sut sut, Actor actor, OrderId id, Facts f, String person) {
      return sut.orders.recordActivity(actor, id, spec.build(key));
    }

    @Override
    String decide(State s, O o, String actor) {
      Transition t = o.status == ACCEPTED ? Transition.START : Transition.RECORD_ACTIVITY;
      Act a = new Act();
      a.id = "a" + (o.activities.size() + 1);
      a.kind = spec.kind;
      a.at = s.now;
      a.actor = actor;
      a.summary = text(spec.summary, 2000);
      a.topic = spec.topic == null ? null : text(spec.topic, 100);
      a.headCount = spec.headCount;
      a.referredTo = spec.referredTo == null ? null : text(spec.referredTo, 200);
      a.money = spec.money == null ? null : spec.money.toPlainString();
      a.attachments = spec.attachments.stream().map(x -> text(x, 256))
          .collect(Collectors.toList());
      o.activities.add(a);
      s.commit(o, t, actor, null);
      return null;
    }

    @Override
    String args() {
      return spec.toString();
    }
  }

  static final class VoidActivity extends Reasoned {
    final String activityId;

    VoidActivity(Who who, int orderPick, String key, String activityId, String reason) {
      super(who, orderPick, key, reason);
      this.activityId = activityId;
    }

    @Override
    String name() {
      return "voidActivity";
    }

    @Override
    List<Transition> candidates() {
      return List.of(Transition.VOID_ACTIVITY);
    }

    @Override
    String pre() {
      return text(activityId, 16) == null ? invalid("activityId") : super.pre();
    }

    @Override
    String input(Facts f, String actor) {
      return text(activityId, 16) + "|" + why();
    }

    @Override
    Order call(Sut sut, Actor actor, OrderId id, Facts f, String person) {
      return sut.orders.voidActivity(actor, id, activityId, reason, key);
    }

    @Override
    String decide(State s, O o, String actor) {
      String id = text(activityId, 16);
      Act found = null;
      for (Act a : o.activities) {
        if (a.id.equals(id)) {
          found = a;
        }
      }
      if (found == null) {
        return notFound("activity");
      }
      if (found.voided) {
        return rule("void-once");
      }
      found.voided = true;
      found.voidReason = why();
      s.commit(o, Transition.VOID_ACTIVITY, actor, why());
      return null;
    }

    @Override
    String args() {
      return quote(activityId) + " " + super.args();
    }
  }

  static final class Resolve extends Change {
    final String report;
    final Map<String, BigDecimal> outcome;

    Resolve(Who who, int orderPick, String key, String report, Map<String, BigDecimal> outcome) {
      super(who, orderPick, key);
      this.report = report;
      this.outcome = outcome;
    }

    @Override
    String name() {
      return "resolve";
    }

    @Override
    List<Transition> candidates() {
      return List.of(Transition.RESOLVE);
    }

    @Override
    String pre() {
      if (text(report, 4000) == null) {
        return invalid("resolution.report");
      }
      for (String k : outcome.keySet()) {
        if (text(k, 64) == null) {
          return invalid("resolution.outcome");
        }
      }
      return null;
    }

    TreeMap<String, String> figures() {
      TreeMap<String, String> out = new TreeMap<>();
      outcome.forEach((k, v) -> out.put(text(k, 64), v.toPlainString()));
      return out;
    }

    @Override
    String input(Facts f, String actor) {
      return text(report, 4000) + "|" + figures();
    }

    @Override
    Order call(Sut sut, Actor actor, OrderId id, Facts f, String person) {
      Resolution.Builder b = new Resolution.Builder().report(report).outcome(outcome);
      if (key != null) {
        b.requestKey(key);
      }
      return sut.orders.resolve(actor, id, b.build());
    }

    @Override
    String decide(State s, O o, String actor) {
      o.report = text(report, 4000);
      o.outcome = figures();
      o.resolvedAt = s.now;
      s.commit(o, Transition.RESOLVE, actor, null);
      return null;
    }

    @Override
    String args() {
      return quote(report) + " " + outcome;
    }
  }

  static final class Rate extends Change {
    final int stars;
    final String comment;

    Rate(Who who, int orderPick, String key, int stars, String comment) {
      super(who, orderPick, key);
      this.stars = stars;
      this.comment = comment;
    }

    @Override
    String name() {
      return "rate";
    }

    @Override
    List<Transition> candidates() {
      return List.of(Transition.RATE, Transition.REOPEN_ON_RATING);
    }

    String text() {
      return comment == null ? null : OrderModel.text(comment, 500);
    }

    @Override
    String pre() {
      if (stars < 1 || stars > 5) {
        return invalid("rating.stars");
      }
      return comment != null && text() == null ? invalid("rating.comment") : null;
    }

    @Override
    String input(Facts f, String actor) {
      return stars + "|" + text();
    }

    @Override
    Order call(Sut sut, Actor actor, OrderId id, Facts f, String person) {
      return sut.orders.rate(actor, id, stars, comment, key);
    }

    @Override
    String decide(State s, O o, String actor) {
      boolean within = o.resolvedAt != null && !s.now.isAfter(o.resolvedAt.plus(REOPEN_WINDOW));
      Transition t = stars <= 2 && within && o.reopens < MAX_REOPENS
          ? Transition.REOPEN_ON_RATING : Transition.RATE;
      o.ratings.add(rating(s.now, stars, text(), actor));
      if (t == Transition.REOPEN_ON_RATING) {
        o.reopens++;
      } else {
        o.closure = Closure.RATED;
        o.closedAt = s.now;
      }
      s.commit(o, t, actor, text());
      return null;
    }

    @Override
    String args() {
      return stars + "★ " + quote(comment);
    }
  }

  static final class CloseUnrated extends Change {
    CloseUnrated(Who who, int orderPick, String key) {
      super(who, orderPick, key);
    }

    @Override
    String name() {
      return "closeUnrated";
    }

    @Override
    List<Transition> candidates() {
      return List.of(Transition.AUTO_CLOSE);
    }

    @Override
    String input(Facts f, String actor) {
      return "";
    }

    @Override
    Order call(Sut sut, Actor actor, OrderId id, Facts f, String person) {
      return sut.orders.closeUnrated(actor, id, key);
    }

    @Override
    String decide(State s, O o, String actor) {
      if (o.resolvedAt != null && s.now.isBefore(o.resolvedAt.plus(QUIET))) {
        return rule("quiet-period");
      }
      o.closure = Closure.UNRATED;
      o.closedAt = s.now;
      s.commit(o, Transition.AUTO_CLOSE, actor, null);
      return null;
    }

    @Override
    String args() {
      return "";
    }
  }

  static final class Verify extends Change {
    final Verdict verdict;
    final String note;

    Verify(Who who, int orderPick, String key, Verdict verdict, String note) {
      super(who, orderPick, key);
      this.verdict = verdict;
      this.note = note;
    }

    @Override
    String name() {
      return "verify";
    }

    @Override
    List<Transition> candidates() {
      return List.of(verdict == Verdict.CONFIRMED ? Transition.VERIFY_CONFIRMED
          : Transition.VERIFY_DISPUTED);
    }

    @Override
    String pre() {
      return text(note, 500) == null ? invalid("note") : null;
    }

    @Override
    String input(Facts f, String actor) {
      return verdict + "|" + text(note, 500);
    }

    @Override
    Order call(Sut sut, Actor actor, OrderId id, Facts f, String person) {
      return sut.orders.verify(actor, id, verdict, note, key);
    }

    @Override
    String decide(State s, O o, String actor) {
      Transition t = verdict == Verdict.CONFIRMED ? Transition.VERIFY_CONFIRMED
          : Transition.VERIFY_DISPUTED;
      if (o.status == CLOSED && o.lead == null) {
        return rule("verify-handled-orders");
      }
      if (t == Transition.VERIFY_DISPUTED) {
        o.reopens++;
        o.closedAt = null;
        o.closure = null;
      }
      s.commit(o, t, actor, text(note, 500));
      return null;
    }

    @Override
    String args() {
      return verdict + " " + quote(note);
    }
  }

  /** Moves the clock. */
  static final class Tick extends Step {
    final Duration by;

    Tick(Duration by) {
      this.by = by;
    }

    @Override
    String name() {
      return "tick";
    }

    @Override
    String execute(Sut sut) {
      sut.clock.advance(by);
      return "ok " + by;
    }

    @Override
    String predict(State s) {
      s.now = s.now.plus(by);
      return "ok " + by;
    }

    @Override
    public String toString() {
      return "tick " + by;
    }
  }

  /** A query, recording what it found. */
  abstract static class Query extends Step {
    final int pageSize;

    Query(int pageSize) {
      this.pageSize = pageSize;
    }
  }

  static final class StatusOf extends Query {
    final int orderPick;

    StatusOf(int orderPick) {
      super(1);
      this.orderPick = orderPick;
    }

    @Override
    String name() {
      return "order";
    }

    @Override
    String execute(Sut sut) {
      return "ok " + sut.orders.order(sut.order(orderPick)).map(o -> o.status().name())
          .orElse("none");
    }

    @Override
    String predict(State s) {
      int i = s.pick(orderPick);
      return "ok " + (i < 0 ? "none" : s.orders.get(i).status.name());
    }

    @Override
    public String toString() {
      return "order(#" + orderPick + ").status";
    }
  }

  static final class OpenWorkOf extends Query {
    final SquadPick squad;

    OpenWorkOf(SquadPick squad, int pageSize) {
      super(pageSize);
      this.squad = squad;
    }

    @Override
    String name() {
      return "openWorkOf";
    }

    String squad() {
      return squad == SquadPick.TARGET || squad == SquadPick.NONE ? "s0"
          : OrderModel.squad(squad, Facts.NONE, 0);
    }

    @Override
    String execute(Sut sut) {
      return "ok " + orderHandles(sut,
          all(p -> sut.orders.openWorkOf(sut.squad(squad()), p), pageSize));
    }

    @Override
    String predict(State s) {
      s.derive();
      List<String> found = s.queries.get("openWorkOf " + squad());
      return "ok " + (found == null ? List.of() : found);
    }

    @Override
    public String toString() {
      return "openWorkOf " + squad() + " by " + pageSize;
    }
  }

  static final class WithStatus extends Query {
    final boolean otherGroup;
    final OrderStatus status;

    WithStatus(boolean otherGroup, OrderStatus status, int pageSize) {
      super(pageSize);
      this.otherGroup = otherGroup;
      this.status = status;
    }

    @Override
    String name() {
      return "withStatus";
    }

    @Override
    String execute(Sut sut) {
      GroupId g = otherGroup ? sut.groupH : sut.groupG;
      return "ok " + orderHandles(sut, all(p -> sut.orders.withStatus(g, status, p), pageSize));
    }

    @Override
    String predict(State s) {
      s.derive();
      return "ok " + (otherGroup ? List.of() : s.queries.get("withStatus G " + status));
    }

    @Override
    public String toString() {
      return "withStatus " + (otherGroup ? "H " : "G ") + status + " by " + pageSize;
    }
  }

  static final class Claimable extends Query {
    final boolean otherGroup;

    Claimable(boolean otherGroup, int pageSize) {
      super(pageSize);
      this.otherGroup = otherGroup;
    }

    @Override
    String name() {
      return "claimable";
    }

    @Override
    String execute(Sut sut) {
      GroupId g = otherGroup ? sut.groupH : sut.groupG;
      return "ok " + orderHandles(sut, all(p -> sut.orders.claimable(g, p), pageSize));
    }

    @Override
    String predict(State s) {
      s.derive();
      return "ok " + (otherGroup ? List.of() : s.queries.get("claimable G"));
    }

    @Override
    public String toString() {
      return "claimable " + (otherGroup ? "H" : "G") + " by " + pageSize;
    }
  }

  // ---- generators ---------------------------------------------------------------------------

  /**
   * Numbers decoded into choices: each choice takes the next number modulo its count, so that
   * shrinking the numbers towards 0 shrinks the choices towards the first, simplest, option.
   */
  static final class Picks {
    private final List<Integer> numbers;
    private int next;

    Picks(List<Integer> numbers) {
      this.numbers = numbers;
    }

    int next(int count) {
      int n = next < numbers.size() ? numbers.get(next) : 0;
      next++;
      return Math.floorMod(n, count);
    }

    <T> T of(List<T> options) {
      return options.get(next(options.size()));
    }

    /** One in {@code outOf} times false. */
    boolean mostly(int outOf) {
      return next(outOf) != outOf - 1;
    }
  }

  static final String LONG_REASON = "長".repeat(501);
  static final List<String> REASONS = List.of("人手不足", "人手不足", "人手不足", "人手不足",
      " 不在服務範圍\u3000", "另有安排", "  ", LONG_REASON);
  static final List<String> TITLES = List.of("蜂蜜網上銷售", "蜂蜜網上銷售", "果樹修剪培訓",
      " 村道硬化 ", "蜂蜜網上銷售", "  ", "題".repeat(101));
  static final List<String> DESCRIPTIONS = List.of("想學直播帶貨，請派人培訓", "請派技術員",
      "想學直播帶貨，請派人培訓", "\t");
  static final List<String> SUMMARIES = List.of("走訪農戶十戶", "現場指導", "  ");
  static final List<String> REPORTS = List.of("培訓50餘人，蜂蜜開始線上銷售", " 已解決 ", " ");
  static final List<String> NOTES = List.of("村民確認已解決", "村民說問題仍在", "  ");
  static final List<String> COMMENTS = Arrays.asList(null, "很有幫助", "沒有解決", "  ",
      "評".repeat(501));
  static final List<String> KEYS = List.of("k1", "k2");
  static final List<Duration> TICKS = List.of(Duration.ofHours(1), Duration.ofHours(12),
      Duration.ofDays(1), Duration.ofDays(2), Duration.ofDays(3), Duration.ofDays(4));

  /** Mostly the right actor for the command, else any fixed actor. */
  static Who who(Picks p, Who right) {
    return p.next(10) < 6 ? right : p.of(Who.FIXED);
  }

  /** Mostly the newest orders, sometimes none. */
  static int order(Picks p, boolean newest) {
    if (newest) {
      return p.next(30) == 29 ? GHOST_ORDER : 0;
    }
    int n = p.next(13);
    return n == 12 ? GHOST_ORDER : n % ORDER_PICKS;
  }

  static String key(Picks p) {
    int n = p.next(8);
    return n < 6 ? null : KEYS.get(n - 6);
  }

  static String reason(Picks p) {
    return p.of(REASONS);
  }

  static SquadPick squad(Picks p) {
    int n = p.next(12);
    return n < 5 ? SquadPick.TARGET : n < 9 ? SquadPick.values()[n - 4]
        : n == 9 ? SquadPick.OTHER_GROUP : n == 10 ? SquadPick.GHOST_SQUAD : SquadPick.NONE;
  }

  static LeadPick lead(Picks p) {
    int n = p.next(14);
    return n < 6 ? LeadPick.TAKER_A : n < 8 ? LeadPick.SELF : n < 10 ? LeadPick.TAKER_B
        : LeadPick.values()[n - 10 + 3];
  }

  static List<HelperPick> helpers(Picks p) {
    int n = p.next(6);
    List<HelperPick> out = new ArrayList<>();
    for (int i = 0; i < (n < 3 ? 0 : n < 5 ? 1 : 2); i++) {
      int h = p.next(14);
      out.add(h < 8 ? HelperPick.values()[h % 4] : HelperPick.values()[4 + (h - 8) % 5]);
    }
    return out;
  }

  static ActivitySpec activity(Picks p) {
    List<String> none = List.of();
    switch (p.next(20)) {
      case 0:
      case 1:
      case 2:
        return new ActivitySpec(ActivityKind.VISIT, "走訪農戶十戶", null, null, null, null, none);
      case 3:
      case 4:
        return new ActivitySpec(ActivityKind.TRAINING, "直播電商培訓", "直播帶貨入門", 52, null,
            null, List.of("photo-1.jpg"));
      case 5:
      case 6:
        return new ActivitySpec(ActivityKind.CONSULTATION, "電話諮詢", null, null, null, null,
            none);
      case 7:
        return new ActivitySpec(ActivityKind.REFERRAL, "對接縣農業局", null, null, "縣農業局",
            new BigDecimal("12000.50"), none);
      case 8:
        return new ActivitySpec(ActivityKind.REFERRAL, "對接企業", null, null, " 中國大唐集團 ",
            null, none);
      case 9:
        return new ActivitySpec(ActivityKind.TRAINING, "培訓", null, 30, null, null, none);
      case 10:
        return new ActivitySpec(ActivityKind.TRAINING, "培訓", "修剪", 0, null, null, none);
      case 11:
        return new ActivitySpec(ActivityKind.VISIT, "走訪", null, 3, null, null, none);
      case 12:
        return new ActivitySpec(ActivityKind.REFERRAL, "對接", null, null, null, null, none);
      case 13:
        return new ActivitySpec(ActivityKind.CONSULTATION, "諮詢", null, null, null,
            new BigDecimal("5"), none);
      case 14:
        return new ActivitySpec(ActivityKind.REFERRAL, "對接", null, null, "銀行",
            new BigDecimal("-1"), none);
      case 15:
        return new ActivitySpec(ActivityKind.REFERRAL, "對接", null, null, "銀行",
            new BigDecimal("1.005"), none);
      case 16:
        return new ActivitySpec(ActivityKind.VISIT, "  ", null, null, null, null, none);
      case 17:
        return new ActivitySpec(ActivityKind.VISIT, "走訪", null, null, null, null,
            List.of("  "));
      case 18:
        return new ActivitySpec(ActivityKind.TRAINING, "培訓", "  ", 10, null, null, none);
      default:
        return new ActivitySpec(ActivityKind.REFERRAL, "對接", null, null, "  ", null, none);
    }
  }

  static Map<String, BigDecimal> outcome(Picks p) {
    switch (p.next(6)) {
      case 0:
      case 1:
        return Map.of("trained", BigDecimal.valueOf(52));
      case 2:
        return Map.of();
      case 3:
        return Map.of("workers", BigDecimal.valueOf(50), "monthlyWageYuan",
            new BigDecimal("3000.00"));
      case 4:
        return Map.of(" trained ", BigDecimal.ONE);
      default:
        return Map.of("  ", BigDecimal.ONE);
    }
  }

  /** A place: good ones by the village's cadre (or the system for it), others anyhow. */
  static Step place(Picks p, boolean good) {
    Who who;
    int village;
    RequesterPick requester;
    if (good || p.next(3) > 0) {
      int c = p.next(3);
      who = c == 0 ? Who.CADRE0 : c == 1 ? Who.CADRE1 : Who.SYSTEM;
      village = c == 1 ? 2 : 0;
      requester = p.next(10) < 9 ? RequesterPick.SELF : p.of(List.of(RequesterPick.values()));
    } else {
      who = p.of(Who.FIXED);
      village = p.next(VILLAGES.size() + 1);
      requester = p.of(List.of(RequesterPick.values()));
    }
    String title = good ? TITLES.get(p.next(3)) : p.of(TITLES);
    String description = good ? DESCRIPTIONS.get(0) : p.of(DESCRIPTIONS);
    int a = p.next(good ? 7 : 8);
    List<String> attachments = a < 5 ? List.of() : a < 7 ? List.of("oss://photos/1.jpg")
        : List.of("oss://photos/1.jpg", "  ");
    int d = p.next(good ? 7 : 8);
    Integer desiredIn = d < 4 ? null : d == 4 ? Integer.valueOf(0) : d < 7 ? 5 + d : -1;
    int q = p.next(10);
    SquadPick squad = q < 6 ? SquadPick.TARGET : q < 8 ? SquadPick.values()[1 + p.next(4)]
        : q == 8 ? SquadPick.OTHER_GROUP : SquadPick.GHOST_SQUAD;
    if (good && q >= 8) {
      squad = SquadPick.TARGET;
    }
    SquadKind kind = p.next(4) == 0 ? SquadKind.TRAINING : null;
    return new Place(who, village, requester, title, description,
        p.of(OrderCategory.standard()), p.of(List.of(Urgency.values())), attachments, desiredIn,
        squad, kind, key(p));
  }

  static Step accept(Picks p, boolean newest) {
    Who who = p.next(10) < 7 ? (p.mostly(4) ? Who.TAKER_A : Who.TAKER_B) : p.of(Who.FIXED);
    return new Accept(who, order(p, newest), key(p), squad(p), p.next(4), lead(p), helpers(p));
  }

  static Step assign(Picks p, boolean newest) {
    SquadPick squad = squad(p);
    return new Assign(who(p, Who.COORDINATOR), order(p, newest), key(p),
        squad == SquadPick.TARGET ? SquadPick.values()[1 + p.next(4)] : squad, p.next(4),
        lead(p), helpers(p));
  }

  static Step dispatch(Picks p, boolean newest) {
    SquadPick squad = squad(p);
    return new Dispatch(who(p, Who.COORDINATOR), order(p, newest), key(p),
        squad == SquadPick.TARGET ? SquadPick.values()[1 + p.next(4)] : squad, p.next(4));
  }

  static Step handlerStep(Picks p, boolean newest, int kind) {
    Who who = p.next(10) < 7 ? (p.mostly(3) ? Who.LEAD : Who.HELPER) : p.of(Who.FIXED);
    int order = order(p, newest);
    String key = key(p);
    switch (kind) {
      case 0:
        return new RecordActivity(who, order, key, activity(p));
      case 1:
        int a = p.next(10);
        String id = a < 5 ? "a1" : a < 8 ? "a2" : a == 8 ? "  " : "a12345678901234567";
        return new VoidActivity(who, order, key, id, reason(p));
      default:
        return new Resolve(who, order, key, p.of(REPORTS), outcome(p));
    }
  }

  static Step rate(Picks p, boolean newest) {
    int s = p.next(14);
    int stars = s < 12 ? 1 + s % 5 : s == 12 ? 0 : 6;
    return new Rate(who(p, Who.REQUESTER), order(p, newest), key(p), stars,
        p.next(3) == 0 ? p.of(COMMENTS) : null);
  }

  static Step verify(Picks p, boolean newest) {
    return new Verify(who(p, Who.COORDINATOR), order(p, newest), key(p),
        p.mostly(2) ? Verdict.CONFIRMED : Verdict.DISPUTED, p.of(NOTES));
  }

  static Step query(Picks p) {
    int size = p.of(List.of(1, 2, 50));
    switch (p.next(4)) {
      case 0:
        return new StatusOf(order(p, false));
      case 1: {
        SquadPick squad = SquadPick.values()[p.next(SquadPick.values().length)];
        return new OpenWorkOf(squad, size);
      }
      case 2:
        return new WithStatus(p.next(6) == 0, p.of(List.of(OrderStatus.values())), size);
      default:
        return new Claimable(p.next(6) == 0, size);
    }
  }

  /** Any command, on one of the newest orders (or the newest only), by a random actor. */
  static Step anyStep(Picks p, boolean newest) {
    int n = p.next(50);
    if (n < 6) {
      return place(p, false);
    } else if (n < 10) {
      return dispatch(p, newest);
    } else if (n < 12) {
      return new OpenForClaiming(who(p, Who.COORDINATOR), order(p, newest), key(p));
    } else if (n < 17) {
      return accept(p, newest);
    } else if (n < 19) {
      return new SendBack(p.next(10) < 6 ? Who.TAKER_A : p.of(Who.FIXED), order(p, newest),
          key(p), reason(p));
    } else if (n < 21) {
      return assign(p, newest);
    } else if (n < 22) {
      return new CloseOutOfScope(who(p, Who.COORDINATOR), order(p, newest), key(p), reason(p));
    } else if (n < 24) {
      return new Transfer(who(p, Who.COORDINATOR), order(p, newest), key(p), squad(p),
          p.next(4), reason(p));
    } else if (n < 26) {
      return new Cancel(who(p, Who.REQUESTER), order(p, newest), key(p), reason(p));
    } else if (n < 30) {
      return handlerStep(p, newest, 0);
    } else if (n < 32) {
      return handlerStep(p, newest, 1);
    } else if (n < 35) {
      return handlerStep(p, newest, 2);
    } else if (n < 38) {
      return rate(p, newest);
    } else if (n < 40) {
      return new CloseUnrated(who(p, Who.COORDINATOR), order(p, newest), key(p));
    } else if (n < 42) {
      return verify(p, newest);
    } else if (n < 46) {
      return new Tick(p.of(TICKS));
    } else {
      return query(p);
    }
  }

  // Steps of a life: on the newest order, by the right actor and with valid input nine times in
  // ten; the random commands mixed into lives and the mixed histories bring the rest.

  static boolean good(Picks p) {
    return p.next(10) != 9;
  }

  static Step goodAccept(Picks p) {
    int g = p.next(10);
    if (g == 9) {
      return accept(p, true);
    }
    if (g == 8) {
      // the right actor, with any squad, lead and helpers
      return new Accept(Who.TAKER_A, 0, key(p), squad(p), p.next(4), lead(p), helpers(p));
    }
    int h = p.next(8);
    List<HelperPick> helpers = h < 3 ? List.of(HelperPick.values()[p.next(4)])
        : h == 3 ? List.of(p.of(List.of(HelperPick.LOOSE, HelperPick.COORDINATOR,
            HelperPick.OTHER_GROUP, HelperPick.GHOST_MEMBER))) : List.of();
    int l = p.next(12);
    LeadPick lead = l < 8 ? LeadPick.SELF : l < 11 ? LeadPick.TAKER_A
        : p.of(List.of(LeadPick.OTHER_SQUAD, LeadPick.LOOSE, LeadPick.OTHER_GROUP));
    SquadPick squad = p.next(8) == 0 ? SquadPick.values()[1 + p.next(4)] : SquadPick.TARGET;
    return new Accept(p.mostly(4) ? Who.TAKER_A : Who.TAKER_B, 0, key(p), squad, p.next(4), lead,
        helpers);
  }

  static Step goodAssign(Picks p) {
    int g = p.next(10);
    if (g == 9) {
      return assign(p, true);
    }
    if (g == 8) {
      return new Assign(Who.COORDINATOR, 0, key(p), squad(p), p.next(4), lead(p), helpers(p));
    }
    return new Assign(p.mostly(5) ? Who.COORDINATOR : Who.SYSTEM, 0, key(p),
        SquadPick.values()[1 + p.next(4)], 0, p.mostly(3) ? LeadPick.TAKER_A : LeadPick.TAKER_B,
        p.next(3) == 0 ? List.of(HelperPick.values()[p.next(4)]) : List.of());
  }

  static Step goodDispatch(Picks p) {
    if (!good(p)) {
      return dispatch(p, true);
    }
    int q = p.next(12);
    return new Dispatch(p.mostly(5) ? Who.COORDINATOR : Who.SYSTEM, 0, key(p),
        q < 9 ? SquadPick.values()[1 + q % 4] : q < 11 ? SquadPick.OTHER_GROUP
            : SquadPick.GHOST_SQUAD, 0);
  }

  static Step goodWork(Picks p, int kind) {
    if (!good(p)) {
      return handlerStep(p, true, kind);
    }
    Who who = p.mostly(3) ? Who.LEAD : Who.HELPER;
    switch (kind) {
      case 0: {
        ActivitySpec spec;
        do {
          spec = activity(p);
        } while (spec.check() != null);
        return new RecordActivity(who, 0, key(p), spec);
      }
      case 1:
        return new VoidActivity(who, 0, key(p), p.mostly(3) ? "a1" : "a2", REASONS.get(0));
      default:
        return new Resolve(who, 0, key(p), REPORTS.get(p.next(2)),
            p.mostly(3) ? Map.of("trained", BigDecimal.valueOf(52)) : Map.of());
    }
  }

  static Step goodRate(Picks p, int stars) {
    if (!good(p)) {
      return rate(p, true);
    }
    return new Rate(Who.REQUESTER, 0, key(p), stars, p.next(3) == 0 ? COMMENTS.get(1 + p.next(2))
        : null);
  }

  static Step goodVerify(Picks p) {
    if (!good(p)) {
      return verify(p, true);
    }
    return new Verify(p.mostly(4) ? Who.COORDINATOR : Who.SYSTEM, 0, key(p),
        p.mostly(2) ? Verdict.CONFIRMED : Verdict.DISPUTED, NOTES.get(p.next(2)));
  }


  /**
   * One order's life, mostly by the right actors, on the newest order: placed; dispatched, opened
   * or placed to a squad; accepted (or returned and then assigned or redispatched, or cancelled);
   * worked on; resolved; rated, closed unrated after a tick, or rated late; perhaps verified. Any
   * element may be skipped or replaced by a random command, and ticks and repeated requests
   * (the same command with the same key, twice) are sprinkled in.
   */
  static List<Step> life(Picks p) {
    List<Step> out = new ArrayList<>();
    add(out, p, place(p, true));
    switch (p.next(10)) {
      case 0:
      case 1:
      case 2:
      case 3:
      case 4:
        add(out, p, goodDispatch(p));
        break;
      case 5:
      case 6:
        add(out, p, new OpenForClaiming(Who.COORDINATOR, 0, key(p)));
        int after = p.next(6);
        if (after < 3) {
          add(out, p, new SendBack(p.mostly(4) ? Who.SYSTEM : Who.TAKER_B, 0, key(p),
              reason(p)));
        } else if (after == 3) {
          add(out, p, new Cancel(Who.REQUESTER, 0, key(p), reason(p)));
        }
        break;
      case 7:
        add(out, p, anyStep(p, true));
        break;
      case 8:
        add(out, p, new CloseOutOfScope(Who.COORDINATOR, 0, key(p), reason(p)));
        add(out, p, goodVerify(p));
        break;
      default:
        break;
    }
    switch (p.next(10)) {
      case 0:
      case 1:
      case 2:
      case 3:
      case 4:
        add(out, p, goodAccept(p));
        break;
      case 5:
      case 6:
        add(out, p, new SendBack(Who.TAKER_A, 0, key(p), reason(p)));
        add(out, p, goodAssign(p));
        break;
      case 7:
        add(out, p, new SendBack(p.mostly(3) ? Who.TAKER_B : Who.SYSTEM, 0, key(p),
            reason(p)));
        add(out, p, goodDispatch(p));
        add(out, p, goodAccept(p));
        break;
      case 8:
        add(out, p, new Transfer(Who.COORDINATOR, 0, key(p), SquadPick.values()[p.next(5)],
            0, reason(p)));
        add(out, p, goodAccept(p));
        break;
      default:
        add(out, p, p.mostly(2) ? new Cancel(Who.REQUESTER, 0, key(p), reason(p))
            : anyStep(p, true));
        break;
    }
    if (p.next(6) == 0) {
      add(out, p, new Transfer(Who.COORDINATOR, 0, key(p), SquadPick.values()[p.next(5)], 0,
          reason(p)));
      add(out, p, goodAccept(p));
    }
    int works = p.next(4);
    for (int i = 0; i < works; i++) {
      Step work = goodWork(p, i > 0 && p.next(2) == 0 ? 1 : 0);
      add(out, p, work);
      if (work instanceof VoidActivity && p.next(3) > 0) {
        out.add(work);
      }
    }
    if (p.mostly(6)) {
      add(out, p, goodWork(p, 2));
    }
    switch (p.next(10)) {
      case 0:
      case 1:
      case 2:
      case 3:
        add(out, p, goodRate(p, 1 + p.next(5)));
        break;
      case 4:
      case 5:
      case 6:
        if (p.next(2) == 0) {
          add(out, p, new CloseUnrated(Who.COORDINATOR, 0, key(p)));
        }
        add(out, p, new Tick(TICKS.get(2 + p.next(4))));
        add(out, p, new CloseUnrated(p.mostly(3) ? Who.COORDINATOR : Who.SYSTEM, 0, key(p)));
        break;
      case 7:
        add(out, p, new Tick(TICKS.get(3 + p.next(3))));
        add(out, p, new Rate(Who.REQUESTER, 0, key(p), 1 + p.next(2), null));
        break;
      case 8:
        add(out, p, new Rate(Who.REQUESTER, 0, key(p), 1 + p.next(2), "沒有解決"));
        add(out, p, goodWork(p, 0));
        add(out, p, goodWork(p, 2));
        add(out, p, goodRate(p, 1 + p.next(5)));
        break;
      default:
        break;
    }
    if (p.mostly(3)) {
      add(out, p, goodVerify(p));
      if (p.mostly(2)) {
        add(out, p, goodWork(p, 2));
        add(out, p, goodRate(p, 1 + p.next(5)));
        add(out, p, goodVerify(p));
      }
    }
    return out;
  }

  /** Adds a step; sometimes a tick or a random command first, sometimes the step twice. */
  private static void add(List<Step> out, Picks p, Step step) {
    int n = p.next(20);
    if (n == 0) {
      out.add(new Tick(p.of(TICKS)));
    } else if (n == 1) {
      out.add(anyStep(p, false));
    }
    out.add(step);
    if (n >= 2 && n <= 4) {
      out.add(step);
    }
  }

  static final int MAX_STEPS = 40;

  /**
   * Histories of 1 to 40 steps: a quarter mixed (any command, by any actor, on the four newest
   * orders) and three quarters lives of orders (one after another, see {@link #life}).
   */
  static Gen<List<Step>> histories() {
    Gen<List<Integer>> numbers = SourceDSL.lists().of(Generate.range(0, 9999)).ofSize(24);
    Gen<Step> step = numbers.map(n -> anyStep(new Picks(n), false));
    Gen<Step> start = numbers.map(n -> place(new Picks(n), true));
    Gen<List<Step>> mixed = start.zip(SourceDSL.lists().of(step).ofSizeBetween(0, MAX_STEPS - 1),
        (first, rest) -> {
          List<Step> out = new ArrayList<>();
          out.add(first);
          out.addAll(rest);
          return out;
        });
    Gen<List<Step>> lives = SourceDSL.lists().of(
        SourceDSL.lists().of(Generate.range(0, 9999)).ofSize(120).map(n -> life(new Picks(n))))
        .ofSizeBetween(1, 5).map(all -> {
          List<Step> out = all.stream().flatMap(List::stream).collect(Collectors.toList());
          return out.size() > MAX_STEPS ? new ArrayList<>(out.subList(0, MAX_STEPS)) : out;
        });
    return Generate.frequency(List.of(
        org.quicktheories.api.Pair.of(1, mixed),
        org.quicktheories.api.Pair.of(3, lives)));
  }
}
