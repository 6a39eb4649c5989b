package dev.zhuli.core.mentorship;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zhuli.core.Actor;
import dev.zhuli.core.HouseholdId;
import dev.zhuli.core.MemberId;
import dev.zhuli.core.TreeId;
import dev.zhuli.core.ZhuliException;
import dev.zhuli.core.mentorship.MentorshipFixtures.Note;
import dev.zhuli.spi.storage.OutboxMessage;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who hears of what, and what every command leaves for the event subscribers. An appointment
 * tells the expert and the household; an assignment tells the household; a move tells both
 * households; a household that becomes full, or falls below the minimum, tells the expert of its
 * tree (each tree's own expert, when a move crosses trees). Every committed command emits at
 * least one {@code mentorship.*} event to the registered subscriber, about the aggregate it
 * changed; a refused command emits nothing and notifies nobody.
 *
 * <p>The world: the grape program (3 households per tree, 2 to 3 growers each) with professor
 * A's tree and professor B's, each with one demonstration household (a and b), and five
 * registered growers.
 */
class MentorshipNotificationsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private MentorshipFixtures w;
  private Mentorship m;
  private Program p;
  private TreeId treeA;
  private TreeId treeB;
  private HouseholdId a;
  private HouseholdId b;
  private List<HouseholdId> g;
  private String expertA;
  private String expertB;

  @BeforeEach
  void setUp() {
    w = MentorshipFixtures.nangou();
    m = w.mentorship;
    p = w.grapes(ProgramPolicy.of(3, 2, 3));
    treeA = m.addExpert(w.owner(), p.id(), w.professorA.id(), null).id();
    treeB = m.addExpert(w.owner(), p.id(), w.professorB.id(), null).id();
    List<HouseholdId> demos = w.households(p, "示範", 2);
    a = demos.get(0);
    b = demos.get(1);
    m.appoint(w.owner(), treeA, a, null);
    m.appoint(w.owner(), treeB, b, null);
    g = w.households(p, "種植", 5);
    expertA = w.professorA.id().value();
    expertB = w.professorB.id().value();
    w.drainAll();
  }

  @AfterEach
  void tearDown() {
    w.close();
  }

  @Test
  void anAppointmentTellsTheExpertAndTheHousehold() {
    HouseholdId h = g.get(0);
    List<OutboxMessage> sent = run(() -> m.appoint(Actor.member(w.professorA.id()), treeA, h,
        null));
    assertThat(notes(sent)).containsExactly(
        new Note("mentorship.household_appointed", List.of(expertA, h.value())));
    assertThat(events(sent)).containsExactlyInAnyOrder("mentorship.household.appointed",
        "mentorship.tree.changed");
  }

  @Test
  void anAssignmentTellsTheHouseholdAndItsExpertWhenItBecomesFull() {
    List<OutboxMessage> first = run(() -> m.assign(Actor.household(a), p.id(), g.get(0), a,
        null));
    assertThat(notes(first)).containsExactly(
        new Note("mentorship.grower_assigned", List.of(a.value())));
    assertThat(events(first)).containsExactlyInAnyOrder("mentorship.grower.assigned",
        "mentorship.household.changed");
    run(() -> m.assign(w.owner(), p.id(), g.get(1), a, null));
    List<OutboxMessage> third = run(() -> m.assign(w.owner(), p.id(), g.get(2), a, null));
    assertThat(notes(third)).containsExactlyInAnyOrder(
        new Note("mentorship.grower_assigned", List.of(a.value())),
        new Note("mentorship.household_full", List.of(expertA)));
    assertThat(parameters(third, "mentorship.household_full"))
        .containsEntry("household", a.value()).containsEntry("count", "3")
        .containsEntry("limit", "3");
  }

  @Test
  void aMoveTellsBothHouseholdsAndEachTreesExpertOfItsCrossing() {
    for (int i = 0; i < 3; i++) {
      HouseholdId grower = g.get(i);
      run(() -> m.assign(w.owner(), p.id(), grower, a, null));
    }
    run(() -> m.assign(w.owner(), p.id(), g.get(3), b, null));
    run(() -> m.assign(w.owner(), p.id(), g.get(4), b, null));
    // a: 3 growers (full) → 2, still staffed; b: 2 → 3, full: B hears
    List<OutboxMessage> sent = run(() -> m.move(Actor.member(w.professorA.id()), p.id(),
        g.get(0), b, "離得近", null));
    assertThat(notes(sent)).containsExactlyInAnyOrder(
        new Note("mentorship.grower_moved", List.of(b.value(), a.value())),
        new Note("mentorship.household_full", List.of(expertB)));
    assertThat(events(sent)).containsExactlyInAnyOrder("mentorship.grower.moved",
        "mentorship.household.changed", "mentorship.household.changed");
    run(() -> m.unassign(w.owner(), p.id(), g.get(4), "搬走了", null));
    // a: 2 → 1, below the minimum: A hears; b: 2 → 3, full: B hears
    List<OutboxMessage> back = run(() -> m.move(w.owner(), p.id(), g.get(1), b, "換人",
        null));
    assertThat(notes(back)).containsExactlyInAnyOrder(
        new Note("mentorship.grower_moved", List.of(b.value(), a.value())),
        new Note("mentorship.household_under_staffed", List.of(expertA)),
        new Note("mentorship.household_full", List.of(expertB)));
    assertThat(parameters(back, "mentorship.household_under_staffed"))
        .containsEntry("household", a.value()).containsEntry("count", "1")
        .containsEntry("limit", "2");
  }

  @Test
  void anUnassignmentBelowTheMinimumTellsTheExpert() {
    run(() -> m.assign(w.owner(), p.id(), g.get(0), b, null));
    run(() -> m.assign(w.owner(), p.id(), g.get(1), b, null));
    List<OutboxMessage> sent = run(() -> m.unassign(Actor.household(b), p.id(), g.get(0),
        "搬走了", null));
    assertThat(notes(sent)).containsExactly(
        new Note("mentorship.household_under_staffed", List.of(expertB)));
    assertThat(events(sent)).containsExactlyInAnyOrder("mentorship.grower.unassigned",
        "mentorship.household.changed");
  }

  @Test
  void everyCommittedCommandEmitsMentorshipEventsAboutWhatItChanged() {
    HouseholdId other = w.households(w.apples(ProgramPolicy.defaults()), "外", 1).get(0);
    w.drainAll();
    Map<String, Supplier<List<OutboxMessage>>> commands = new LinkedHashMap<>();
    commands.put("createProgram", () -> run(() -> w.grapes(ProgramPolicy.defaults())));
    commands.put("changePolicy", () -> run(() -> m.changePolicy(w.owner(), p.id(),
        ProgramPolicy.of(4, 1, 3), null)));
    commands.put("addExpert", () -> run(() -> m.addExpert(w.owner(), p.id(),
        w.coordinator.id(), null)));
    commands.put("registerHousehold (new)", () -> run(() -> m.registerHousehold(w.owner(),
        p.id(), new NewHousehold.Builder().head("楊永紅").phone("13991300001").build())));
    commands.put("registerHousehold (existing)", () -> run(() -> m.registerHousehold(
        w.owner(), p.id(), other, null)));
    commands.put("appoint", () -> run(() -> m.appoint(w.owner(), treeA, g.get(0), null)));
    commands.put("assign", () -> run(() -> m.assign(w.owner(), p.id(), g.get(1), a, null)));
    commands.put("move", () -> run(() -> m.move(w.owner(), p.id(), g.get(1), b, "換人",
        null)));
    commands.put("unassign", () -> run(() -> m.unassign(w.owner(), p.id(), g.get(1), "換人",
        null)));
    commands.put("removeDemoHousehold", () -> run(() -> m.removeDemoHousehold(w.owner(),
        treeA, g.get(0), null, null)));
    commands.put("assign again", () -> run(() -> m.assign(w.owner(), p.id(), g.get(2), a,
        null)));
    commands.put("removeDemoHousehold (growers to another)", () -> run(() ->
        m.removeDemoHousehold(w.owner(), treeA, a, b, null)));
    commands.put("eraseHousehold", () -> run(() -> m.eraseHousehold(w.system, g.get(3), null)));
    commands.forEach((name, command) -> {
      List<OutboxMessage> sent = command.get();
      List<OutboxMessage> events = sent.stream()
          .filter(x -> !x.destination().equals("notifier")).collect(Collectors.toList());
      assertThat(events).as(name).isNotEmpty().allSatisfy(e -> {
        assertThat(e.destination()).as(name).isEqualTo("subscriber:" + MentorshipFixtures.AUDIT);
        assertThat(e.type()).as(name).startsWith("mentorship.");
        JsonNode payload = json(e);
        assertThat(payload.path("type").asText()).as(name).isEqualTo(e.type());
        assertThat(payload.path("aggregateKind").asText() + "/"
            + payload.path("aggregateId").asText()).as(name).isEqualTo(e.aggregateKey());
        assertThat(payload.path("version").asLong()).as(name).isPositive();
      });
    });
  }

  @Test
  void aRefusedCommandEmitsNothingAndTellsNobody() {
    run(() -> m.assign(w.owner(), p.id(), g.get(0), a, null));
    run(() -> m.assign(w.owner(), p.id(), g.get(2), a, null));
    List<ThrowingCallable> refused = List.of(
        () -> m.appoint(Actor.member(w.professorB.id()), treeA, g.get(1), null),
        () -> m.appoint(w.owner(), treeA, g.get(0), null),
        () -> m.assign(Actor.household(b), p.id(), g.get(1), a, null),
        () -> m.assign(w.owner(), p.id(), g.get(0), b, null),
        () -> m.move(w.owner(), p.id(), g.get(0), a, "換人", null),
        () -> m.unassign(w.owner(), p.id(), g.get(1), "換人", null),
        () -> m.removeDemoHousehold(w.owner(), treeA, a, null, null),
        () -> m.changePolicy(w.owner(), p.id(), ProgramPolicy.of(3, 1, 1), null),
        () -> m.changePolicy(Actor.member(w.professorA.id()), p.id(), ProgramPolicy.of(3, 1, 3),
            null),
        () -> m.addExpert(w.owner(), p.id(), w.outsider.id(), null),
        () -> m.addExpert(w.owner(), p.id(), MemberId.of("unknown-1"), null),
        () -> m.registerHousehold(w.owner(), p.id(), g.get(0), null),
        () -> m.registerHousehold(w.otherCountyAdmin, p.id(),
            new NewHousehold.Builder().head("楊永紅").build()),
        () -> m.eraseHousehold(w.owner(), g.get(0), null),
        () -> m.createProgram(Actor.member(w.outsider.id()), new NewProgram.Builder()
            .name("外縣項目").village(w.nangou.id()).crop("花椒").season("2026")
            .yieldTarget(new BigDecimal("300")).owner(w.secretary.id()).build()));
    for (int i = 0; i < refused.size(); i++) {
      Throwable thrown = catchThrowable(refused.get(i));
      assertThat(thrown).as("refused command %d", i).isInstanceOf(ZhuliException.class);
      assertThat(w.drainAll()).as("refused command %d: %s", i, thrown.getMessage()).isEmpty();
    }
  }

  // ---- helpers ------------------------------------------------------------------------------

  /** Runs a command that must commit; what it left in the outbox, which it empties. */
  private List<OutboxMessage> run(Runnable command) {
    w.drainAll();
    command.run();
    return w.drainAll();
  }

  private static List<Note> notes(List<OutboxMessage> sent) {
    return MentorshipFixtures.notes(sent);
  }

  private static List<String> events(List<OutboxMessage> sent) {
    return sent.stream().filter(x -> !x.destination().equals("notifier"))
        .map(OutboxMessage::type).collect(Collectors.toList());
  }

  private static Map<String, String> parameters(List<OutboxMessage> sent, String type) {
    OutboxMessage n = sent.stream().filter(x -> x.destination().equals("notifier")
        && x.type().equals(type)).findFirst().orElseThrow();
    Map<String, String> out = new LinkedHashMap<>();
    json(n).path("parameters").properties().forEach(e -> out.put(e.getKey(),
        e.getValue().asText()));
    return out;
  }

  private static JsonNode json(OutboxMessage message) {
    try {
      return JSON.readTree(message.payload());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
