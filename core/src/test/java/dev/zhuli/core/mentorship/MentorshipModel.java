package dev.zhuli.core.mentorship;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zhuli.core.AccessDeniedException;
import dev.zhuli.core.Actor;
import dev.zhuli.core.HouseholdId;
import dev.zhuli.core.MemberId;
import dev.zhuli.core.NotFoundException;
import dev.zhuli.core.ProgramId;
import dev.zhuli.core.RuleViolationException;
import dev.zhuli.core.TreeId;
import dev.zhuli.core.ValidationException;
import dev.zhuli.core.ZhuliException;
import dev.zhuli.core.access.Action;
import dev.zhuli.spi.storage.OutboxMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.core.stateful.Command;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * The model of the {@link Mentorship} contract for one program, the system under test beside it,
 * and a small command language to run against both.
 *
 * <p>The model is plain maps and lists: the policy's numbers, each tree's expert and
 * demonstration households, each demonstration household's growers, each grower's household,
 * each household's history (as {@code from>to} entries, {@code -} for none), the households
 * registered, the notifications sent (type and recipients), and the outcome of every command by
 * its number: {@code ok}, or {@code <exception> <rule|field|kind|action>}. It names everything
 * by handle: households {@code h0, h1, …} in the order they were created in the program,
 * {@code o0} and {@code o1} of another program (until registered here), {@code gh} for an id
 * nobody has; trees {@code t0, t1, …} in the order their experts were added, {@code tg} for
 * none; members {@code S} (the secretary, the owner), {@code A} and {@code B} (the professors),
 * {@code C} (the coordinator), {@code O} (a member of another county's group), {@code G}
 * (nobody).
 *
 * <p>A command names its targets by {@link Pick}: the n-th demonstration household, grower or
 * registered household as the state stands when it runs, a fixed handle, or a ghost. The model
 * resolves a pick against itself and the system against what it shows; they agree as long as
 * model and system do, which the check asserts after every step. Where the contract names no
 * order between two refusals, the model follows the service's: input, existence, access, rules.
 *
 * <p>{@link Sut#project} reads the system into the model's shape and checks the invariants on
 * what it reads: no tree above {@code maxHouseholds}, no household above {@code maxGrowers}, a
 * grower with one household at most and that household listing it (both ways), and the
 * under-staffed report equal to a recomputation from the trees. Run one by one, each command
 * also checks that a refusal left every record byte for byte as it was and sent nothing, and
 * that a committed command emitted at least one {@code mentorship.*} event and no other.
 */
final class MentorshipModel {
  static final String GHOST = "gh";
  static final String GHOST_TREE = "tg";
  static final String NONE = "-";
  static final String REASON = "離得近，方便指導";
  private static final long WAIT_SECONDS = 10;

  private MentorshipModel() {}

  /** Who runs a command. */
  enum Who {
    SYSTEM, OWNER, EXPERT_A, EXPERT_B, COORDINATOR, OUTSIDER,
    /** The head of the household the command is about (see each command). */
    HEAD_OWN,
    /** The head of another registered household. */
    HEAD_OTHER, ADMIN_COUNTY, ADMIN_OTHER;

    /** The member handle of a member actor, else null. */
    String member() {
      switch (this) {
        case OWNER:
          return "S";
        case EXPERT_A:
          return "A";
        case EXPERT_B:
          return "B";
        case COORDINATOR:
          return "C";
        case OUTSIDER:
          return "O";
        default:
          return null;
      }
    }

    boolean head() {
      return this == HEAD_OWN || this == HEAD_OTHER;
    }
  }

  /** How a pick chooses a household. */
  enum Mode {
    /** A demonstration household, other than the one the command already names if it can. */
    DEMO,
    /** A registered household that is no demonstration household. */
    GROWER,
    /** A grower with a household. */
    ASSIGNED,
    /** Any registered household. */
    ANY,
    /** The household the command already names. */
    SAME,
    /** o0 or o1, of the other program. */
    OTHER_PROGRAM,
    GHOST,
    FIXED
  }

  /** A household chosen when the command runs: the n-th of a kind, or a fixed handle. */
  record Pick(Mode mode, int n, String handle) {
    static Pick fixed(String handle) {
      return new Pick(Mode.FIXED, 0, handle);
    }

    /** Resolves the pick, {@code named} being the household the command already names. */
    String resolve(World w, String named) {
      List<String> registered = w.registered();
      switch (mode) {
        case DEMO: {
          List<String> demos = new ArrayList<>(w.demos());
          if (demos.size() > 1) {
            demos.remove(named);
          }
          return nth(demos, registered);
        }
        case GROWER: {
          List<String> growers = new ArrayList<>(registered);
          growers.removeAll(w.demos());
          return nth(growers, registered);
        }
        case ASSIGNED:
          return nth(w.assigned(), registered);
        case SAME:
          return named == null ? registered.get(0) : named;
        case ANY:
          return registered.get(n % registered.size());
        case OTHER_PROGRAM:
          return "o" + (n % 2);
        case GHOST:
          return GHOST;
        default:
          return handle;
      }
    }

    String resolve(World w) {
      return resolve(w, null);
    }

    private String nth(List<String> preferred, List<String> otherwise) {
      return preferred.isEmpty() ? otherwise.get(n % otherwise.size())
          : preferred.get(n % preferred.size());
    }

    @Override
    public String toString() {
      return mode == Mode.FIXED ? handle : mode.name().toLowerCase(java.util.Locale.ROOT) + n;
    }
  }

  /** A tree pick: -1 for a ghost, -2 for the household's own tree (else t0), else by number. */
  static String tree(int pick, World w, String household) {
    if (pick == -2) {
      return "t" + Math.max(0, w.treeOf(household));
    }
    return pick < 0 ? GHOST_TREE : "t" + (pick % w.trees());
  }

  static int treeIndex(String tree) {
    return tree.equals(GHOST_TREE) ? -1 : Integer.parseInt(tree.substring(1));
  }

  /** What picks resolve against: the model, or the system as it shows itself. */
  interface World {
    List<String> registered();

    /** Demonstration households, tree by tree, each tree's in order of appointment. */
    List<String> demos();

    /** The growers of the demonstration households, in the order of {@link #demos()}. */
    List<String> assigned();

    /** The tree a demonstration household is in, or -1. */
    int treeOf(String household);

    Optional<String> mentorOf(String household);

    int trees();

    int[] policy();
  }

  // ---- the model ----------------------------------------------------------------------------

  /** A refusal the model predicts, as {@code <exception> <detail>}. */
  static final class Refused extends RuntimeException {
    Refused(String type, String detail) {
      super(type + " " + detail, null, false, false);
    }
  }

  static Refused invalid(String field) {
    return new Refused("ValidationException", field);
  }

  static Refused rule(String rule) {
    return new Refused("RuleViolationException", rule);
  }

  static Refused notFound(String kind) {
    return new Refused("NotFoundException", kind);
  }

  /**
   * The model: see the class comment. Its collections are never changed, only replaced, so a
   * copy shares them: the parallel check runs the steps of every serial order, so copies must be
   * cheap. Compared by value.
   */
  static final class State implements World {
    int maxHouseholds;
    int minGrowers;
    int maxGrowers;
    int created;
    List<String> experts = List.of();
    List<List<String>> trees = List.of();
    Map<String, List<String>> growers = Map.of();
    Map<String, String> mentor = Map.of();
    Map<String, List<String>> history = Map.of();
    List<String> registered = List.of();
    /** By command number; {@code -} for a number not run yet. */
    List<String> outcomes = List.of();
    List<String> notes = List.of();

    /**
     * The world every history starts from: policy (3 households, 2 to 3 growers), tree t0 of A
     * with h0 guiding h1 and h3, and h2 guiding none; h4, h5, h6 registered and free; o0 and o1
     * in another program only.
     */
    static State initial() {
      State s = new State();
      s.maxHouseholds = 3;
      s.minGrowers = 2;
      s.maxGrowers = 3;
      s.experts = List.of("A");
      s.trees = List.of(List.of("h0", "h2"));
      for (int i = 0; i < 7; i++) {
        s.registered = plus(s.registered, "h" + i);
        s.history = put(s.history, "h" + i, List.of("->-"));
      }
      s.created = 7;
      s.record("h0", "->-");
      s.record("h2", "->-");
      s.growers = Map.of("h0", List.of("h1", "h3"), "h2", List.of());
      s.mentor = Map.of("h1", "h0", "h3", "h0");
      s.record("h1", "->h0");
      s.record("h3", "->h0");
      return s;
    }

    State copy() {
      State c = new State();
      c.maxHouseholds = maxHouseholds;
      c.minGrowers = minGrowers;
      c.maxGrowers = maxGrowers;
      c.created = created;
      c.experts = experts;
      c.trees = trees;
      c.growers = growers;
      c.mentor = mentor;
      c.history = history;
      c.registered = registered;
      c.outcomes = outcomes;
      c.notes = notes;
      return c;
    }

    @Override
    public List<String> registered() {
      return registered;
    }

    @Override
    public List<String> demos() {
      List<String> out = new ArrayList<>();
      trees.forEach(out::addAll);
      return out;
    }

    @Override
    public List<String> assigned() {
      List<String> out = new ArrayList<>();
      demos().forEach(d -> out.addAll(growers.get(d)));
      return out;
    }

    @Override
    public int treeOf(String household) {
      for (int i = 0; i < trees.size(); i++) {
        if (trees.get(i).contains(household)) {
          return i;
        }
      }
      return -1;
    }

    @Override
    public Optional<String> mentorOf(String household) {
      return Optional.ofNullable(mentor.get(household));
    }

    @Override
    public int trees() {
      return trees.size();
    }

    @Override
    public int[] policy() {
      return new int[] {maxHouseholds, minGrowers, maxGrowers};
    }

    // ---- checks, in the service's words

    /** As requireParticipant: registered here, or refused as unknown or unregistered. */
    void requireRegistered(String household) {
      if (!registered.contains(household)) {
        throw household.equals(GHOST) ? notFound("household") : rule("registered-in-program");
      }
    }

    /** As requireDemonstration. */
    void requireDemo(String household) {
      requireRegistered(household);
      if (treeOf(household) < 0) {
        throw rule("demonstration-household");
      }
    }

    /**
     * As the standard access policy, with the roles the service derives: the owner, the expert
     * of the tree concerned, the head of the household concerned ({@code headOf}).
     */
    void authorize(Who who, Action action, int tree, String headOf, String acting) {
      boolean may;
      switch (who) {
        case SYSTEM:
        case ADMIN_COUNTY:
          may = true;
          break;
        case ADMIN_OTHER:
          may = false;
          break;
        case HEAD_OWN:
        case HEAD_OTHER:
          may = action == Action.ASSIGN_GROWER && acting.equals(headOf);
          break;
        default: {
          boolean owner = who.member().equals("S");
          boolean expert = tree >= 0 && experts.get(tree).equals(who.member());
          may = action == Action.MANAGE_PROGRAM ? owner : owner || expert;
        }
      }
      if (!may) {
        throw new Refused("AccessDeniedException", action.name());
      }
    }

    // ---- changes

    void record(String household, String entry) {
      history = put(history, household, plus(history.get(household), entry));
    }

    void note(String type, String... recipients) {
      List<String> r = new ArrayList<>(Arrays.asList(recipients));
      Collections.sort(r);
      List<String> n = new ArrayList<>(notes);
      n.add(type + "→" + String.join(",", r));
      Collections.sort(n);
      notes = n;
    }

    /** The grower joins a demonstration household, as the service's join. */
    void join(String g, String d, String from) {
      if (growers.get(d).size() >= maxGrowers) {
        throw rule("household-full");
      }
      growers = put(growers, d, plus(growers.get(d), g));
      mentor = put(mentor, g, d);
      record(g, from + ">" + d);
      staffing(d, growers.get(d).size() - 1, growers.get(d).size());
    }

    /** The grower leaves its demonstration household, as the service's leave. */
    void leave(String g, String d) {
      growers = put(growers, d, minus(growers.get(d), g));
      mentor = without(mentor, g);
      staffing(d, growers.get(d).size() + 1, growers.get(d).size());
    }

    /** The expert hears when a household becomes full or falls below the minimum. */
    void staffing(String demo, int before, int after) {
      String expert = experts.get(treeOf(demo));
      if (after >= maxGrowers && before < maxGrowers) {
        note("household_full", expert);
      } else if (after < minGrowers && before >= minGrowers) {
        note("household_under_staffed", expert);
      }
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof State)) {
        return false;
      }
      State s = (State) o;
      return s.maxHouseholds == maxHouseholds && s.minGrowers == minGrowers
          && s.maxGrowers == maxGrowers && s.created == created && s.experts.equals(experts)
          && s.trees.equals(trees) && s.growers.equals(growers) && s.mentor.equals(mentor)
          && s.history.equals(history) && s.registered.equals(registered)
          && s.outcomes.equals(outcomes) && s.notes.equals(notes);
    }

    @Override
    public int hashCode() {
      return Objects.hash(maxHouseholds, minGrowers, maxGrowers, trees, growers, history,
          outcomes, notes);
    }

    @Override
    public String toString() {
      StringBuilder b = new StringBuilder("policy ").append(maxHouseholds).append('/')
          .append(minGrowers).append('-').append(maxGrowers);
      for (int i = 0; i < trees.size(); i++) {
        b.append("; t").append(i).append('(').append(experts.get(i)).append(")[")
            .append(trees.get(i).stream().map(d -> d + growers.get(d))
                .collect(Collectors.joining(" "))).append(']');
      }
      return b.append("; registered ").append(registered).append(" created ").append(created)
          .append("; mentors ").append(new TreeMap<>(mentor))
          .append("; history ").append(new TreeMap<>(history))
          .append("; outcomes ").append(outcomes).append("; notes ")
          .append(notes).toString();
    }
  }

  static <T> List<T> plus(List<T> list, T item) {
    List<T> out = new ArrayList<>(list);
    out.add(item);
    return out;
  }

  static <T> List<T> minus(List<T> list, T item) {
    List<T> out = new ArrayList<>(list);
    out.remove(item);
    return out;
  }

  /** The outcomes with one more, by command number. */
  static List<String> outcome(List<String> outcomes, int id, String outcome) {
    List<String> out = new ArrayList<>(outcomes);
    while (out.size() <= id) {
      out.add(NONE);
    }
    out.set(id, outcome);
    return out;
  }

  static <K, V> Map<K, V> put(Map<K, V> map, K key, V value) {
    Map<K, V> out = new HashMap<>(map);
    out.put(key, value);
    return out;
  }

  static <K, V> Map<K, V> without(Map<K, V> map, K key) {
    Map<K, V> out = new HashMap<>(map);
    out.remove(key);
    return out;
  }

  // ---- the commands -------------------------------------------------------------------------

  /** Runs a command on the system, as the actor, with the resolved targets. */
  interface Execute {
    void run(Sut s, Actor actor, List<String> targets);
  }

  /** Changes the model as the command would, or throws {@link Refused}. */
  interface Apply {
    void apply(State m, List<String> targets, String acting);
  }

  /**
   * One command: its number, its actor, how it resolves its targets (as handles), which
   * household {@link Who#HEAD_OWN} acts for, and what it does to each side. {@link #run}
   * resolves the targets against the system, runs the command and records the outcome;
   * {@link #nextState} resolves them against the model and predicts it.
   */
  static final class Step implements Command<Sut, State> {
    final int id;
    final Who who;
    final String name;
    final Function<World, List<String>> targets;
    final BiFunction<World, List<String>, String> own;
    final Execute execute;
    final Apply apply;

    Step(int id, Who who, String name, Function<World, List<String>> targets,
        BiFunction<World, List<String>, String> own, Execute execute, Apply apply) {
      this.id = id;
      this.who = who;
      this.name = name;
      this.targets = targets;
      this.own = own;
      this.execute = execute;
      this.apply = apply;
    }

    /** The household a head acts for: its own (as the command says), or another one. */
    String acting(World w, List<String> t) {
      String mine = own.apply(w, t);
      return who == Who.HEAD_OWN ? mine
          : w.registered().stream().filter(h -> !h.equals(mine)).findFirst().orElseThrow();
    }

    @Override
    public void run(Sut s) {
      s.await();
      List<String> t = targets.apply(s);
      Actor actor = s.actor(who, () -> acting(s, t));
      Map<String, String> before = s.last;
      s.treesShown = null;
      String outcome;
      try {
        execute.run(s, actor, t);
        outcome = "ok";
      } catch (ZhuliException e) {
        outcome = e.getClass().getSimpleName() + " " + detail(e);
      }
      s.outcomes.put(id, outcome);
      String line = this + " " + t + " ⇒ " + outcome;
      s.trace.add(line);
      if (s.stepwise) {
        s.checkStep(line, outcome.equals("ok"), before);
      }
    }

    @Override
    public State nextState(State m) {
      List<String> t = targets.apply(m);
      State next = m.copy();
      String outcome = "ok";
      try {
        apply.apply(next, t, who.head() ? acting(m, t) : null);
      } catch (Refused r) {
        next = m.copy();
        outcome = r.getMessage();
      }
      next.outcomes = outcome(next.outcomes, id, outcome);
      return next;
    }

    @Override
    public String toString() {
      return "#" + id + " " + who + " " + name;
    }
  }

  static String detail(ZhuliException e) {
    if (e instanceof ValidationException) {
      return ((ValidationException) e).field();
    } else if (e instanceof RuleViolationException) {
      return ((RuleViolationException) e).rule();
    } else if (e instanceof NotFoundException) {
      return ((NotFoundException) e).kind();
    } else if (e instanceof AccessDeniedException) {
      return ((AccessDeniedException) e).action();
    }
    return e.code().name();
  }

  /** Appoints a household as a demonstration household of a tree; HEAD_OWN is the household. */
  static Step appoint(int id, Who who, int tree, Pick household) {
    return new Step(id, who, "appoint(" + household + " to tree " + tree + ")",
        w -> List.of(tree(tree, w, null), household.resolve(w)), (w, t) -> t.get(1),
        (s, a, t) -> s.m.appoint(a, s.tree(t.get(0)), s.household(t.get(1)), null),
        (m, t, acting) -> {
          int tr = treeIndex(t.get(0));
          String h = t.get(1);
          if (tr < 0) {
            throw notFound("tree");
          }
          m.authorize(who, Action.APPOINT_HOUSEHOLD, tr, null, acting);
          m.requireRegistered(h);
          if (m.treeOf(h) >= 0) {
            throw rule("appointed-once");
          }
          if (m.mentor.containsKey(h)) {
            throw rule("demonstration-not-grower");
          }
          if (m.trees.get(tr).size() >= m.maxHouseholds) {
            throw rule("tree-full");
          }
          List<List<String>> trees = new ArrayList<>(m.trees);
          trees.set(tr, plus(trees.get(tr), h));
          m.trees = trees;
          m.growers = put(m.growers, h, List.of());
          m.record(h, "->-");
          m.note("household_appointed", m.experts.get(tr), h);
        });
  }

  /** Removes a demonstration household, its growers to a target or none; HEAD_OWN is it. */
  static Step remove(int id, Who who, int tree, Pick household, Pick target) {
    return new Step(id, who, "remove(" + household + " from tree " + tree + ", growers to "
        + target + ")", w -> {
          String h = household.resolve(w);
          return Arrays.asList(tree(tree, w, h), h, target == null ? null
              : target.resolve(w, h));
        }, (w, t) -> t.get(1),
        (s, a, t) -> s.m.removeDemoHousehold(a, s.tree(t.get(0)), s.household(t.get(1)),
            t.get(2) == null ? null : s.household(t.get(2)), null),
        (m, t, acting) -> {
          int tr = treeIndex(t.get(0));
          String h = t.get(1);
          String to = t.get(2);
          if (h.equals(to)) {
            throw invalid("moveGrowersTo");
          }
          if (tr < 0) {
            throw notFound("tree");
          }
          m.authorize(who, Action.APPOINT_HOUSEHOLD, tr, null, acting);
          if (!m.trees.get(tr).contains(h)) {
            throw rule("demonstration-of-tree");
          }
          List<String> gs = m.growers.get(h);
          if (!gs.isEmpty() && to == null) {
            throw rule("household-has-growers");
          }
          if (to != null) {
            m.requireDemo(to); // a named household must be one, even with no growers to take
          }
          if (to != null && !gs.isEmpty()) {
            int before = m.growers.get(to).size();
            if (before + gs.size() > m.maxGrowers) {
              throw rule("household-full");
            }
            List<String> joined = new ArrayList<>(m.growers.get(to));
            for (String g : gs) {
              m.mentor = put(m.mentor, g, to);
              m.record(g, h + ">" + to);
              joined.add(g);
            }
            m.growers = put(m.growers, to, joined);
            m.note("grower_moved", to, h);
            m.staffing(to, before, joined.size());
          }
          List<List<String>> trees = new ArrayList<>(m.trees);
          trees.set(tr, minus(trees.get(tr), h));
          m.trees = trees;
          m.growers = without(m.growers, h);
          m.record(h, "->-");
        });
  }

  /**
   * Registers a new household (when {@code existing} is null) or a known one (of another
   * program, or already here); HEAD_OWN is the household named, or h0.
   */
  static Step register(int id, Who who, Pick existing) {
    return new Step(id, who, "register(" + (existing == null ? "new" : existing) + ")",
        w -> existing == null ? List.of() : List.of(existing.resolve(w)),
        (w, t) -> t.isEmpty() ? w.registered().get(0) : t.get(0),
        (s, a, t) -> {
          if (t.isEmpty()) {
            int n = s.created;
            Household h = s.m.registerHousehold(a, s.program, new NewHousehold.Builder()
                .head("新戶" + n + "號").phone("139" + (10000000 + n)).build());
            s.created++;
            s.name("h" + n, h.id());
            s.registered.add("h" + n);
          } else {
            s.m.registerHousehold(a, s.program, s.household(t.get(0)), null);
            s.registered.add(t.get(0));
          }
        },
        (m, t, acting) -> {
          m.authorize(who, Action.MANAGE_PROGRAM, -1, null, acting);
          String h = t.isEmpty() ? "h" + m.created++ : t.get(0);
          if (h.equals(GHOST)) {
            throw notFound("household");
          }
          if (m.registered.contains(h)) {
            throw rule("registered-once");
          }
          m.registered = plus(m.registered, h);
          m.history = put(m.history, h, List.of("->-"));
        });
  }

  /** Assigns a grower to a demonstration household; HEAD_OWN is that household. */
  static Step assign(int id, Who who, Pick grower, Pick demo) {
    return new Step(id, who, "assign(" + grower + " to " + demo + ")",
        w -> List.of(grower.resolve(w), demo.resolve(w)), (w, t) -> t.get(1),
        (s, a, t) -> s.m.assign(a, s.program, s.household(t.get(0)), s.household(t.get(1)),
            null),
        (m, t, acting) -> {
          String g = t.get(0);
          String d = t.get(1);
          if (g.equals(d)) {
            throw invalid("grower");
          }
          m.requireDemo(d);
          m.authorize(who, Action.ASSIGN_GROWER, m.treeOf(d), d, acting);
          m.requireRegistered(g);
          if (m.treeOf(g) >= 0) {
            throw rule("demonstration-not-grower");
          }
          if (m.mentor.containsKey(g)) {
            throw rule("one-household-per-program");
          }
          m.join(g, d, NONE);
          m.note("grower_assigned", d);
        });
  }

  /** Moves an assigned grower; HEAD_OWN is its current household. */
  static Step move(int id, Who who, Pick grower, Pick to) {
    return new Step(id, who, "move(" + grower + " to " + to + ")", w -> {
      String g = grower.resolve(w);
      return List.of(g, to.resolve(w, w.mentorOf(g).orElse(null)));
    }, (w, t) -> w.mentorOf(t.get(0)).orElse(t.get(0)),
        (s, a, t) -> s.m.move(a, s.program, s.household(t.get(0)), s.household(t.get(1)),
            REASON, null),
        (m, t, acting) -> {
          String g = t.get(0);
          String d = t.get(1);
          m.requireRegistered(g);
          String from = m.mentor.get(g);
          if (from == null) {
            throw rule("grower-assigned");
          }
          m.authorize(who, Action.ASSIGN_GROWER, m.treeOf(from), null, acting);
          if (from.equals(d)) {
            throw rule("move-elsewhere");
          }
          m.requireDemo(d);
          if (m.growers.get(d).size() >= m.maxGrowers) {
            throw rule("household-full");
          }
          m.leave(g, from);
          m.join(g, d, from);
          m.note("grower_moved", d, from);
        });
  }

  /** Unassigns a grower; HEAD_OWN is its current household. */
  static Step unassign(int id, Who who, Pick grower) {
    return new Step(id, who, "unassign(" + grower + ")", w -> List.of(grower.resolve(w)),
        (w, t) -> w.mentorOf(t.get(0)).orElse(t.get(0)),
        (s, a, t) -> s.m.unassign(a, s.program, s.household(t.get(0)), REASON, null),
        (m, t, acting) -> {
          String g = t.get(0);
          m.requireRegistered(g);
          String from = m.mentor.get(g);
          if (from == null) {
            throw rule("grower-assigned");
          }
          m.authorize(who, Action.ASSIGN_GROWER, m.treeOf(from), from, acting);
          m.leave(g, from);
          m.record(g, from + ">-");
        });
  }

  /**
   * Changes the policy: adds the numbers to the policy as it stands, or sets them when
   * absolute. Numbers out of range are refused by {@link ProgramPolicy#of} before the command.
   */
  static Step policy(int id, Who who, int maxHouseholds, int minGrowers, int maxGrowers,
      boolean absolute) {
    int[] numbers = {maxHouseholds, minGrowers, maxGrowers};
    return new Step(id, who, "policy(" + (absolute ? "=" : "+") + Arrays.toString(numbers)
        + ")", w -> {
          int[] p = w.policy();
          List<String> out = new ArrayList<>();
          for (int i = 0; i < 3; i++) {
            out.add(Integer.toString(absolute ? numbers[i] : p[i] + numbers[i]));
          }
          return out;
        }, (w, t) -> w.registered().get(0),
        (s, a, t) -> s.m.changePolicy(a, s.program, ProgramPolicy.of(Integer.parseInt(t.get(0)),
            Integer.parseInt(t.get(1)), Integer.parseInt(t.get(2))), null),
        (m, t, acting) -> {
          int h = Integer.parseInt(t.get(0));
          int min = Integer.parseInt(t.get(1));
          int max = Integer.parseInt(t.get(2));
          if (h < 1 || h > ProgramPolicy.MAX_LIMIT) {
            throw invalid("policy.maxHouseholds");
          }
          if (max < 1 || max > ProgramPolicy.MAX_LIMIT) {
            throw invalid("policy.maxGrowers");
          }
          if (min < 1 || min > max) {
            throw invalid("policy.minGrowers");
          }
          m.authorize(who, Action.MANAGE_PROGRAM, -1, null, acting);
          if (m.trees.stream().anyMatch(tr -> tr.size() > h)
              || m.growers.values().stream().anyMatch(g -> g.size() > max)) {
            throw rule("policy-below-current");
          }
          m.maxHouseholds = h;
          m.minGrowers = min;
          m.maxGrowers = max;
        });
  }

  /** Adds an expert (a member handle, or G for nobody) with a tree of their own. */
  static Step addExpert(int id, Who who, String expert) {
    return new Step(id, who, "addExpert(" + expert + ")", w -> List.of(expert),
        (w, t) -> w.registered().get(0),
        (s, a, t) -> s.trees.add(s.m.addExpert(a, s.program, s.member(expert), null).id()),
        (m, t, acting) -> {
          m.authorize(who, Action.MANAGE_PROGRAM, -1, null, acting);
          if (expert.equals("G")) {
            throw notFound("member");
          }
          if (expert.equals("O")) {
            throw rule("expert-in-group");
          }
          if (m.experts.contains(expert)) {
            throw rule("one-tree-per-expert");
          }
          m.experts = plus(m.experts, expert);
          m.trees = plus(m.trees, List.of());
        });
  }

  // ---- generators ---------------------------------------------------------------------------

  /** Makes a step once its number is known. */
  interface Maker {
    Step make(int id);
  }

  /** Histories of 20 to 40 commands by random actors, entitled ones more often. */
  static Gen<List<Step>> histories() {
    Gen<Who> who = Generate.frequency(List.of(Pair.of(4, Generate.constant(Who.OWNER)),
        Pair.of(3, Generate.constant(Who.EXPERT_A)), Pair.of(2, Generate.constant(Who.EXPERT_B)),
        Pair.of(3, Generate.constant(Who.HEAD_OWN)), Pair.of(1, Generate.constant(Who.SYSTEM)),
        Pair.of(1, Generate.constant(Who.ADMIN_COUNTY)),
        Pair.of(3, Generate.pick(List.of(Who.COORDINATOR, Who.OUTSIDER, Who.HEAD_OTHER,
            Who.ADMIN_OTHER)))));
    Gen<Integer> n = Generate.range(0, 9);
    Gen<Pick> demo = pick(n, Mode.DEMO, 8, Mode.ANY, 2);
    Gen<Pick> grower = pick(n, Mode.GROWER, 8, Mode.ANY, 2);
    Gen<Pick> assigned = pick(n, Mode.ASSIGNED, 8, Mode.GROWER, 2);
    Gen<Pick> any = pick(n, Mode.ANY, 4, Mode.GROWER, 2);
    Gen<Pick> demoOrSame = Generate.frequency(List.of(Pair.of(8, demo),
        Pair.of(1, Generate.constant(new Pick(Mode.SAME, 0, null)))));
    Gen<Integer> tree = Generate.frequency(List.of(Pair.of(12, Generate.range(0, 3)),
        Pair.of(1, Generate.constant(-1))));
    Gen<Integer> ownTree = Generate.frequency(List.of(Pair.of(6, Generate.constant(-2)),
        Pair.of(2, Generate.range(0, 3)), Pair.of(1, Generate.constant(-1))));
    Gen<Pick> target = Generate.frequency(List.of(Pair.of(3, demoOrSame),
        Pair.of(1, Generate.constant((Supplier<Pick>) () -> null))));
    Gen<int[]> delta = Generate.range(0, 2).zip(Generate.pick(List.of(-2, -1, -1, 1, 1, 2)),
        (i, d) -> {
          int[] out = new int[3];
          out[i] = d;
          return out;
        });
    Gen<Maker> step = Generate.frequency(List.of(
        Pair.of(6, who.zip(grower, demo, (w, g, d) -> (Maker) id -> assign(id, w, g, d))),
        Pair.of(3, who.zip(assigned, demoOrSame, (w, g, d) -> (Maker) id -> move(id, w, g, d))),
        Pair.of(2, who.zip(assigned, (w, g) -> (Maker) id -> unassign(id, w, g))),
        Pair.of(3, who.zip(tree, any, (w, t, h) -> (Maker) id -> appoint(id, w, t, h))),
        Pair.of(2, who.zip(ownTree, demo, target,
            (w, t, h, to) -> (Maker) id -> remove(id, w, t, h, to))),
        Pair.of(2, who.map(w -> (Maker) id -> register(id, w, null))),
        Pair.of(1, who.zip(any, (w, h) -> (Maker) id -> register(id, w, h))),
        Pair.of(2, who.zip(delta,
            (w, d) -> (Maker) id -> policy(id, w, d[0], d[1], d[2], false))),
        Pair.of(1, who.zip(Generate.pick(List.of("A", "B", "C", "O", "G")),
            (w, e) -> (Maker) id -> addExpert(id, w, e)))));
    return SourceDSL.lists().of(step).ofSizeBetween(20, 40).map(makers -> {
      List<Step> out = new ArrayList<>();
      for (int i = 0; i < makers.size(); i++) {
        out.add(makers.get(i).make(i));
      }
      return out;
    });
  }

  private static Gen<Pick> pick(Gen<Integer> n, Mode usual, int usualWeight, Mode other,
      int otherWeight) {
    return Generate.frequency(List.of(
        Pair.of(usualWeight, n.map(i -> new Pick(usual, i, null))),
        Pair.of(otherWeight, n.map(i -> new Pick(other, i, null))),
        Pair.of(1, n.map(i -> new Pick(Mode.OTHER_PROGRAM, i, null))),
        Pair.of(1, Generate.constant(new Pick(Mode.GHOST, 0, null)))));
  }

  // ---- the system under test ----------------------------------------------------------------

  /**
   * A grape program in a Nangou world, set up as {@link State#initial()} says, with the handles
   * of its households, trees and members and the outcomes of the commands run on it. Several
   * share one world, one after another: each has a program of its own.
   */
  static final class Sut implements World {
    final MentorshipFixtures w;
    final Mentorship m;
    final ProgramId program;
    final ProgramId apples;
    /** One by one: each command checks a refusal changed nothing and what was emitted. */
    final boolean stepwise;
    final CyclicBarrier barrier;
    final Map<String, HouseholdId> households = new ConcurrentHashMap<>();
    final Map<String, String> handles = new ConcurrentHashMap<>();
    final Map<String, String> members = new HashMap<>();
    final List<TreeId> trees = new CopyOnWriteArrayList<>();
    final List<String> registered = new CopyOnWriteArrayList<>();
    final Map<Integer, String> outcomes = new ConcurrentSkipListMap<>();
    final List<String> notes = Collections.synchronizedList(new ArrayList<>());
    final List<String> trace = new CopyOnWriteArrayList<>();
    final List<String> trouble = new CopyOnWriteArrayList<>();
    int created;
    /** One by one, the records after the last step. */
    Map<String, String> last;
    /** One by one, the trees as the last projection read them, until the next command runs. */
    List<MentorshipTree> treesShown;
    /** Per household: its participation's record as last read, and what the queries showed. */
    private final Map<String, String> readRecord = new HashMap<>();
    private final Map<String, Object[]> readViews = new HashMap<>();

    /**
     * Programs in the state {@link State#initial()} describes, in a shared world.
     *
     * @param world the world, which stays open
     * @param stepwise whether each command checks its own effects (only when run one by one)
     * @param racers how many commands run at once and wait for each other, or 0
     */
    Sut(MentorshipFixtures world, boolean stepwise, int racers) {
      this.stepwise = stepwise;
      this.barrier = racers > 1 ? new CyclicBarrier(racers) : null;
      w = world;
      m = w.mentorship;
      members.put("S", w.secretary.id().value());
      members.put("A", w.professorA.id().value());
      members.put("B", w.professorB.id().value());
      members.put("C", w.coordinator.id().value());
      members.put("O", w.outsider.id().value());
      members.put("G", "ghost-member");
      members.forEach((h, id) -> handles.put(id, h));
      Program grapes = w.grapes(ProgramPolicy.of(3, 2, 3));
      program = grapes.id();
      MentorshipFixtures.Others others = w.others();
      apples = others.program();
      name("o0", others.households().get(0));
      name("o1", others.households().get(1));
      name(GHOST, HouseholdId.of("ghost-household"));
      List<HouseholdId> hs = w.households(grapes, "戶", 7);
      for (int i = 0; i < hs.size(); i++) {
        name("h" + i, hs.get(i));
        registered.add("h" + i);
      }
      created = hs.size();
      trees.add(m.addExpert(w.system, program, w.professorA.id(), null).id());
      m.appoint(w.system, trees.get(0), hs.get(0), null);
      m.appoint(w.system, trees.get(0), hs.get(2), null);
      m.assign(w.system, program, hs.get(1), hs.get(0), null);
      m.assign(w.system, program, hs.get(3), hs.get(0), null);
      w.drainAll();
      last = snapshot();
    }

    /** The records of this world's two programs and of its households. */
    Map<String, String> snapshot() {
      return w.snapshot(List.of(program.value(), apples.value()),
          households.values().stream().map(HouseholdId::value).collect(Collectors.toList()));
    }

    void name(String handle, HouseholdId id) {
      households.put(handle, id);
      handles.put(id.value(), handle);
    }

    HouseholdId household(String handle) {
      return households.get(handle);
    }

    MemberId member(String handle) {
      return MemberId.of(members.get(handle));
    }

    TreeId tree(String handle) {
      return handle.equals(GHOST_TREE) ? TreeId.of("ghost-tree")
          : trees.get(treeIndex(handle));
    }

    String handle(String id) {
      String h = handles.get(id);
      if (h == null) {
        throw new AssertionError("the system shows an id no command made: " + id);
      }
      return h;
    }

    Actor actor(Who who, Supplier<String> household) {
      switch (who) {
        case SYSTEM:
          return w.system;
        case ADMIN_COUNTY:
          return w.countyAdmin;
        case ADMIN_OTHER:
          return w.otherCountyAdmin;
        case HEAD_OWN:
        case HEAD_OTHER:
          return Actor.household(household(household.get()));
        default:
          return Actor.member(member(who.member()));
      }
    }

    /** Waits for the other racers, when the commands run at once. */
    void await() {
      if (barrier == null) {
        return;
      }
      try {
        barrier.await(WAIT_SECONDS, TimeUnit.SECONDS);
      } catch (Exception e) {
        trouble.add("the racers were not released together: " + e);
      }
    }

    /**
     * After one command run alone: a refusal left every record as it was and sent nothing; a
     * committed command emitted at least one event, each {@code mentorship.*}.
     */
    void checkStep(String line, boolean ok, Map<String, String> before) {
      List<OutboxMessage> sent = w.drainAll();
      Map<String, String> after = snapshot();
      last = after;
      addNotes(sent);
      List<String> events = sent.stream()
          .filter(x -> x.destination().equals("subscriber:" + MentorshipFixtures.AUDIT))
          .map(OutboxMessage::type).collect(Collectors.toList());
      if (ok) {
        assertThat(events).as("%s: events emitted\n%s", line, traceText()).isNotEmpty()
            .allMatch(t -> t.startsWith("mentorship."));
      } else {
        assertThat(sent).as("%s: a refused command sends nothing\n%s", line, traceText())
            .isEmpty();
        if (!after.equals(before)) {
          Map<String, String> changed = new TreeMap<>();
          after.forEach((k, v) -> {
            if (!v.equals(before.get(k))) {
              changed.put(k, v);
            }
          });
          before.keySet().stream().filter(k -> !after.containsKey(k))
              .forEach(k -> changed.put(k, "(gone)"));
          throw new AssertionError(line + ": a refused command changed records " + changed
              + "\n" + traceText());
        }
      }
    }

    private void addNotes(List<OutboxMessage> sent) {
      for (MentorshipFixtures.Note n : MentorshipFixtures.notes(sent)) {
        List<String> r = n.recipients().stream().map(this::handle).sorted()
            .collect(Collectors.toList());
        notes.add(n.type().replace("mentorship.", "") + "→" + String.join(",", r));
      }
    }

    String traceText() {
      return "history so far:\n  " + String.join("\n  ", trace);
    }

    // ---- the world as the system shows it

    @Override
    public List<String> registered() {
      return registered;
    }

    /** The program's trees, as read since the last command, or read now. */
    private List<MentorshipTree> shownTrees() {
      List<MentorshipTree> shown = treesShown;
      return shown != null ? shown : m.trees(program);
    }

    @Override
    public List<String> demos() {
      List<String> out = new ArrayList<>();
      shownTrees().forEach(t -> t.households()
          .forEach(d -> out.add(handle(d.household().value()))));
      return out;
    }

    @Override
    public List<String> assigned() {
      List<String> out = new ArrayList<>();
      shownTrees().forEach(t -> t.households()
          .forEach(d -> d.growers().forEach(g -> out.add(handle(g.value())))));
      return out;
    }

    @Override
    public int treeOf(String household) {
      for (MentorshipTree t : shownTrees()) {
        if (t.households().stream().anyMatch(d -> d.household().equals(household(household)))) {
          return trees.indexOf(t.id());
        }
      }
      return -1;
    }

    @Override
    public Optional<String> mentorOf(String household) {
      return m.mentorOf(program, household(household)).map(h -> handle(h.value()));
    }

    @Override
    public int trees() {
      return trees.size();
    }

    @Override
    public int[] policy() {
      ProgramPolicy p = m.program(program).orElseThrow().policy();
      return new int[] {p.maxHouseholds(), p.minGrowers(), p.maxGrowers()};
    }

    /** The system read into the model's shape, with the invariants checked on what it shows. */
    State project() {
      List<String> broken = new ArrayList<>();
      addNotes(w.drainAll());
      Program p = m.program(program).orElseThrow();
      ProgramPolicy policy = p.policy();
      State s = new State();
      s.maxHouseholds = policy.maxHouseholds();
      s.minGrowers = policy.minGrowers();
      s.maxGrowers = policy.maxGrowers();
      List<MentorshipTree> shown = m.trees(program);
      treesShown = stepwise ? shown : null;
      Map<MemberId, TreeId> byExpert = new LinkedHashMap<>();
      Map<String, String> listedBy = new HashMap<>();
      Map<Staffing, List<HouseholdId>> staffing = new EnumMap<>(Staffing.class);
      List<String> experts = new ArrayList<>();
      List<List<String>> treeLists = new ArrayList<>();
      Map<String, List<String>> growers = new HashMap<>();
      for (MentorshipTree t : shown) {
        byExpert.put(t.expert(), t.id());
        experts.add(handle(t.expert().value()));
        List<String> ds = new ArrayList<>();
        if (t.households().size() > policy.maxHouseholds()) {
          broken.add("tree " + experts.size() + " holds " + t.households().size()
              + " households");
        }
        for (DemoHousehold d : t.households()) {
          String dh = handle(d.household().value());
          ds.add(dh);
          List<String> gs = new ArrayList<>();
          for (HouseholdId g : d.growers()) {
            String gh = handle(g.value());
            gs.add(gh);
            String other = listedBy.put(gh, dh);
            if (other != null) {
              broken.add(gh + " is listed by " + other + " and " + dh);
            }
          }
          if (gs.size() > policy.maxGrowers()) {
            broken.add(dh + " guides " + gs.size() + " growers");
          }
          int n = gs.size();
          staffing.computeIfAbsent(n >= policy.maxGrowers() ? Staffing.FULL
              : n < policy.minGrowers() ? Staffing.UNDER_STAFFED : Staffing.STAFFED,
              x -> new ArrayList<>()).add(d.household());
          growers.put(dh, gs);
        }
        treeLists.add(ds);
      }
      s.experts = experts;
      s.trees = treeLists;
      s.growers = growers;
      if (!shown.stream().map(MentorshipTree::id).collect(Collectors.toList()).equals(trees)) {
        broken.add("trees() shows " + shown.size() + " trees, not those added");
      }
      if (!p.trees().equals(byExpert)) {
        broken.add("the program's trees by expert " + p.trees() + " differ from its trees "
            + byExpert);
      }
      List<HouseholdId> reported = m.households(program, Staffing.UNDER_STAFFED).stream()
          .map(DemoHousehold::household).collect(Collectors.toList());
      List<HouseholdId> recomputed = staffing.getOrDefault(Staffing.UNDER_STAFFED, List.of());
      if (!reported.equals(recomputed)) {
        broken.add("the under-staffed report " + reported + " differs from " + recomputed
            + ", recomputed from the trees");
      }
      Map<String, String> mentors = new HashMap<>();
      Map<String, List<String>> history = new HashMap<>();
      for (String h : households.keySet()) {
        boolean isRegistered = registered.contains(h);
        Object[] views = views(h);
        @SuppressWarnings("unchecked")
        Optional<String> mentor = isRegistered ? (Optional<String>) views[0] : Optional.empty();
        @SuppressWarnings("unchecked")
        List<String> entries = (List<String>) views[1];
        mentor.ifPresent(d -> mentors.put(h, d));
        if (!Objects.equals(mentor.orElse(null), listedBy.get(h))) {
          broken.add(h + " says its household is " + mentor.orElse("none") + " but "
              + Optional.ofNullable(listedBy.get(h)).orElse("none") + " lists it");
        }
        if (mentor.isPresent() && growers.containsKey(h)) {
          broken.add(h + " is a demonstration household and a grower");
        }
        if (entries != null) {
          if (!isRegistered) {
            broken.add(h + " has a history but was never registered");
          }
          history.put(h, entries);
        } else if (isRegistered) {
          broken.add(h + " is registered but has no history");
        }
      }
      if (!broken.isEmpty()) {
        throw new AssertionError("broken invariants: " + broken + "\n" + traceText());
      }
      s.mentor = mentors;
      s.history = history;
      s.registered = new ArrayList<>(registered);
      s.created = created;
      List<String> byNumber = List.of();
      for (Map.Entry<Integer, String> o : outcomes.entrySet()) {
        byNumber = outcome(byNumber, o.getKey(), o.getValue());
      }
      s.outcomes = byNumber;
      List<String> sorted = new ArrayList<>(notes);
      Collections.sort(sorted);
      s.notes = sorted;
      return s;
    }

    /**
     * A household's mentor and history as the queries show them, or no history when it is not
     * registered. One by one, they are read again only when its participation's record changed
     * (the snapshot after each step says), since the queries show that record.
     */
    private Object[] views(String h) {
      String record = last.get("participant/" + program.value() + "/" + household(h).value());
      if (stepwise && readViews.containsKey(h) && Objects.equals(readRecord.get(h), record)) {
        return readViews.get(h);
      }
      Optional<String> mentor = mentorOf(h);
      List<String> entries = new ArrayList<>();
      try {
        for (GrowerMove g : m.history(program, household(h))) {
          entries.add(g.from().map(x -> handle(x.value())).orElse(NONE) + ">"
              + g.to().map(x -> handle(x.value())).orElse(NONE));
        }
      } catch (RuleViolationException | NotFoundException e) {
        entries = null;
      }
      Object[] views = {mentor, entries};
      readRecord.put(h, record);
      readViews.put(h, views);
      return views;
    }
  }
}
