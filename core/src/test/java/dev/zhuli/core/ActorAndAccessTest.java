package dev.zhuli.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.zhuli.core.access.AccessPolicy;
import dev.zhuli.core.access.AccessRequest;
import dev.zhuli.core.access.Action;
import dev.zhuli.core.access.Role;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Actors, and who may do what under the standard access policy. */
class ActorAndAccessTest {
  static final RegionId CITY = RegionId.of("city-weinan");
  static final RegionId COUNTY = RegionId.of("county-linwei");
  static final RegionId TOWN = RegionId.of("town-guandao");
  static final RegionId OTHER_CITY = RegionId.of("city-xian");
  static final RegionId OTHER_COUNTY = RegionId.of("county-huazhou");
  static final GroupId GROUP = GroupId.of("group-linwei");
  static final GroupId OTHER_GROUP = GroupId.of("group-huazhou");
  static final MemberId COORDINATOR = MemberId.of("member-coordinator");
  static final MemberId OTHER_COORDINATOR = MemberId.of("member-other-coordinator");
  static final MemberId PLAIN = MemberId.of("member-plain");

  static void assertInvalid(Runnable call, String field) {
    assertThatThrownBy(call::run)
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> {
          assertThat(((ValidationException) e).field()).isEqualTo(field);
          assertThat(((ValidationException) e).code()).isEqualTo(ErrorCode.INVALID_INPUT);
        });
  }

  // ---- actors -------------------------------------------------------------------------------

  @Nested
  class Actors {

    @Test
    void aMemberActsAsThemselves() {
      Actor actor = Actor.member(COORDINATOR);
      assertThat(actor.kind()).isEqualTo(Actor.Kind.MEMBER);
      assertThat(actor.member()).contains(COORDINATOR);
      assertThat(actor.reference()).isEqualTo(COORDINATOR.value());
      assertThat(actor.administeredRegions()).isEmpty();
      assertThat(actor).hasToString("member member-coordinator")
          .isEqualTo(Actor.member(MemberId.of("member-coordinator")))
          .hasSameHashCodeAs(Actor.member(MemberId.of("member-coordinator")))
          .isNotEqualTo(Actor.member(PLAIN));
    }

    @Test
    void aNullMemberIsRefused() {
      assertInvalid(() -> Actor.member(null), "actor.member");
    }

    @Test
    void anAdministratorHoldsACopyOfItsRegions() {
      List<RegionId> regions = new ArrayList<>(List.of(COUNTY, CITY));
      Actor actor = Actor.administrator("linwei-office", regions);
      regions.add(OTHER_CITY);

      assertThat(actor.kind()).isEqualTo(Actor.Kind.ADMINISTRATOR);
      assertThat(actor.member()).isEmpty();
      assertThat(actor.reference()).isEqualTo("linwei-office");
      assertThat(actor.administeredRegions()).containsExactlyInAnyOrder(CITY, COUNTY);
      assertThatThrownBy(() -> actor.administeredRegions().add(OTHER_CITY))
          .isInstanceOf(UnsupportedOperationException.class);
      assertThat(actor).hasToString("administrator linwei-office")
          .isEqualTo(Actor.administrator("linwei-office", List.of(CITY, COUNTY, CITY)))
          .isNotEqualTo(Actor.administrator("linwei-office", List.of(CITY)))
          .isNotEqualTo(Actor.administrator("other-office", List.of(CITY, COUNTY)));
    }

    @Test
    void anAdministratorNeedsAValidReferenceAndRegions() {
      for (String bad : Arrays.asList(null, "", " ", "   office", "-office", ".office",
          "office one", "辦公室", "office\n", "o".repeat(65), "office/1", "office:1")) {
        assertInvalid(() -> Actor.administrator(bad, List.of(CITY)), "actor.reference");
      }
      assertInvalid(() -> Actor.administrator("office", null), "actor.regions");
      assertInvalid(() -> Actor.administrator("office", List.of()), "actor.regions");
      assertInvalid(() -> Actor.administrator("office", Arrays.asList(CITY, null)),
          "actor.regions");
      assertInvalid(() -> Actor.administrator("office", Arrays.asList((RegionId) null)),
          "actor.regions");
      assertThat(Actor.administrator("o".repeat(64), List.of(CITY)).reference())
          .hasSize(64);
      assertThat(Actor.administrator("a.b_c@d-e", List.of(CITY)).reference())
          .isEqualTo("a.b_c@d-e");
    }

    @Test
    void theSystemIsNamed() {
      Actor actor = Actor.system("nightly-import");
      assertThat(actor.kind()).isEqualTo(Actor.Kind.SYSTEM);
      assertThat(actor.member()).isEmpty();
      assertThat(actor.administeredRegions()).isEmpty();
      assertThat(actor).hasToString("system nightly-import")
          .isEqualTo(Actor.system("nightly-import"))
          .isNotEqualTo(Actor.system("setup"));
      for (String bad : Arrays.asList(null, "", "\t", "_import", "nightly import", "导入",
          "n".repeat(65))) {
        assertInvalid(() -> Actor.system(bad), "actor.name");
      }
    }

    @Test
    void actorsOfDifferentKindsWithOneReferenceDiffer() {
      assertThat(Actor.system("x1")).isNotEqualTo(Actor.member(MemberId.of("x1")))
          .isNotEqualTo(Actor.administrator("x1", List.of(CITY)));
    }

    @Test
    void toStringShowsOnlyKindAndReference() {
      qt().withExamples(300)
          .forAll(strings().betweenCodePoints('a', 'z').ofLengthBetween(1, 64),
              integers().between(0, 2))
          .checkAssert((reference, kind) -> {
            Actor actor;
            switch (kind) {
              case 0:
                actor = Actor.member(MemberId.of(reference));
                break;
              case 1:
                actor = Actor.administrator(reference, List.of(CITY, COUNTY, OTHER_CITY));
                break;
              default:
                actor = Actor.system(reference);
                break;
            }
            assertThat(actor.toString()).isEqualTo(
                actor.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + reference);
          });
    }
  }

  // ---- the standard policy ------------------------------------------------------------------

  @Nested
  class StandardPolicy {
    final AccessPolicy policy = AccessPolicy.standard();

    boolean permits(Actor actor, AccessRequest request) {
      return policy.permits(actor, request);
    }

    @Test
    void theStandardPolicyIsOneInstance() {
      assertThat(AccessPolicy.standard()).isSameAs(AccessPolicy.standard());
    }

    @Test
    void theSystemMayDoEverything() {
      Actor system = Actor.system("setup");
      for (Action action : Action.values()) {
        assertThat(permits(system, AccessRequest.of(action, List.of()))).isTrue();
        assertThat(permits(system, AccessRequest.of(action, List.of(CITY, COUNTY))
            .inGroup(GROUP, null))).isTrue();
        assertThat(permits(system, AccessRequest.of(action, List.of(OTHER_CITY))
            .inGroup(OTHER_GROUP, OTHER_COORDINATOR))).isTrue();
      }
    }

    @Test
    void anAdministratorMayActWhereARegionOfThePathIsAdministered() {
      Actor countyOffice = Actor.administrator("linwei-office", List.of(COUNTY));
      Actor cityOffice = Actor.administrator("weinan-office", List.of(CITY));
      Actor twoCounties = Actor.administrator("two-office", List.of(OTHER_COUNTY, COUNTY));
      List<RegionId> inTown = List.of(CITY, COUNTY, TOWN);
      for (Action action : Action.values()) {
        if (!action.administrative()) {
          assertThat(permits(countyOffice, AccessRequest.of(action, inTown))).isFalse();
          continue;
        }
        assertThat(permits(countyOffice, AccessRequest.of(action, inTown))).isTrue();
        assertThat(permits(countyOffice, AccessRequest.of(action, List.of(CITY, COUNTY))))
            .isTrue();
        assertThat(permits(cityOffice, AccessRequest.of(action, inTown))).isTrue();
        assertThat(permits(twoCounties, AccessRequest.of(action, inTown))).isTrue();
        assertThat(permits(countyOffice, AccessRequest.of(action, inTown)
            .inGroup(GROUP, COORDINATOR))).isTrue();
        // above the administered region, beside it, or a new city: no
        assertThat(permits(countyOffice, AccessRequest.of(action, List.of(CITY)))).isFalse();
        assertThat(permits(countyOffice, AccessRequest.of(action, List.of(CITY, OTHER_COUNTY))))
            .isFalse();
        assertThat(permits(cityOffice, AccessRequest.of(action, List.of(OTHER_CITY))))
            .isFalse();
        assertThat(permits(cityOffice, AccessRequest.of(action, List.of()))).isFalse();
      }
    }

    @Test
    void aCoordinatorMayManageTheMembersOfTheirOwnGroupOnly() {
      Set<Action> memberActions = EnumSet.of(Action.ADD_MEMBER, Action.UPDATE_MEMBER,
          Action.REMOVE_MEMBER, Action.CHANGE_SQUADS, Action.ERASE_MEMBER);
      Actor coordinator = Actor.member(COORDINATOR);
      List<RegionId> path = List.of(CITY, COUNTY);
      for (Action action : Action.values()) {
        boolean own = permits(coordinator, AccessRequest.of(action, path)
            .inGroup(GROUP, COORDINATOR));
        assertThat(own).as("%s in own group", action)
            .isEqualTo(memberActions.contains(action));
        // another group, with another coordinator
        assertThat(permits(coordinator, AccessRequest.of(action, List.of(CITY, OTHER_COUNTY))
            .inGroup(OTHER_GROUP, OTHER_COORDINATOR))).isFalse();
        // a group without a coordinator
        assertThat(permits(coordinator, AccessRequest.of(action, path).inGroup(GROUP, null)))
            .isFalse();
        // a target outside any group
        assertThat(permits(coordinator, AccessRequest.of(action, path))).isFalse();
        // a plain member may do nothing
        assertThat(permits(Actor.member(PLAIN), AccessRequest.of(action, path)
            .inGroup(GROUP, COORDINATOR))).isFalse();
      }
    }

    /**
     * Who may do what, for a target in {@link #COUNTY} of {@link #CITY} belonging to
     * {@link #GROUP}, whose coordinator is {@link #COORDINATOR}. Columns: the system; the
     * administrator of the county; of the city; of another city; the group's coordinator; a
     * plain member; another group's coordinator.
     */
    static final String TABLE = String.join("\n",
        "CREATE_REGION        Y Y Y N N N N",
        "CREATE_VILLAGE       Y Y Y N N N N",
        "CREATE_GROUP         Y Y Y N N N N",
        "CREATE_SQUAD         Y Y Y N N N N",
        "APPOINT_COORDINATOR  Y Y Y N N N N",
        "ADD_MEMBER           Y Y Y N Y N N",
        "UPDATE_MEMBER        Y Y Y N Y N N",
        "REMOVE_MEMBER        Y Y Y N Y N N",
        "CHANGE_SQUADS        Y Y Y N Y N N",
        "ERASE_MEMBER         Y Y Y N Y N N",
        // Order actions are not administrative, and members hold them through roles the command
        // reads from the order (none in this table's requests): see rolesGrantOrderActions.
        "PLACE_ORDER          Y N N N N N N",
        "RATE_ORDER           Y N N N N N N",
        "COORDINATE_ORDER     Y N N N N N N",
        "TAKE_ORDER           Y N N N N N N",
        "HANDLE_ORDER         Y N N N N N N",
        // Mentorship actions are administrative; members and households hold them through
        // roles the command reads (none here): see rolesGrantMentorshipActions.
        "CREATE_PROGRAM       Y Y Y N N N N",
        "MANAGE_PROGRAM       Y Y Y N N N N",
        "APPOINT_HOUSEHOLD    Y Y Y N N N N",
        "ASSIGN_GROWER        Y Y Y N N N N",
        "ERASE_HOUSEHOLD      Y Y Y N N N N",
        "RECORD_VISIT         Y Y Y N N N N",
        "RECORD_INSPECTION    Y Y Y N N N N",
        "RECORD_HARVEST       Y Y Y N N N N",
        "APPROVE_BONUS        Y Y Y N N N N");

    final List<Actor> columns = List.of(
        Actor.system("setup"),
        Actor.administrator("linwei-office", List.of(COUNTY)),
        Actor.administrator("weinan-office", List.of(CITY)),
        Actor.administrator("xian-office", List.of(OTHER_CITY)),
        Actor.member(COORDINATOR),
        Actor.member(PLAIN),
        Actor.member(OTHER_COORDINATOR));

    Map<Action, List<Boolean>> table() {
      Map<Action, List<Boolean>> rows = new EnumMap<>(Action.class);
      for (String line : TABLE.split("\n")) {
        String[] cells = line.trim().split("\\s+");
        List<Boolean> row = new ArrayList<>();
        for (int i = 1; i < cells.length; i++) {
          row.add(cells[i].equals("Y"));
        }
        rows.put(Action.valueOf(cells[0]), row);
      }
      return rows;
    }

    @Test
    void theTableCoversEveryActionAndActor() {
      Map<Action, List<Boolean>> table = table();
      assertThat(table.keySet()).containsExactlyInAnyOrder(Action.values());
      table.values().forEach(row -> assertThat(row).hasSameSizeAs(columns));
    }

    @Test
    void everyActionForEveryActorFollowsTheTable() {
      Map<Action, List<Boolean>> table = table();
      Action[] actions = Action.values();
      qt().withExamples(500)
          .forAll(integers().between(0, actions.length - 1),
              integers().between(0, columns.size() - 1), booleans().all())
          .checkAssert((a, c, withTown) -> {
            Action action = actions[a];
            List<RegionId> path = withTown ? List.of(CITY, COUNTY, TOWN) : List.of(CITY, COUNTY);
            AccessRequest request = AccessRequest.of(action, path).inGroup(GROUP, COORDINATOR);
            assertThat(policy.permits(columns.get(c), request))
                .as("%s by %s", action, columns.get(c))
                .isEqualTo(table.get(action).get(c));
          });
    }
  }

  @Test
  void anAdministratorsRegionsReadTheSameInEveryProcess() {
    // Request fingerprints include them: their order must not depend on the JVM's set seed.
    List<RegionId> regions = new ArrayList<>();
    for (int i = 20; i > 0; i--) {
      regions.add(RegionId.of("r" + (100 + i)));
    }
    assertThat(Actor.administrator("office", regions).administeredRegions())
        .containsExactlyElementsOf(new java.util.TreeSet<>(regions));
  }

  @Test
  void rolesGrantOrderActions() {
    AccessPolicy policy = AccessPolicy.standard();
    Map<Action, Role> needs = Map.of(Action.PLACE_ORDER, Role.VILLAGE_CADRE,
        Action.RATE_ORDER, Role.VILLAGE_CADRE, Action.COORDINATE_ORDER, Role.COORDINATOR,
        Action.TAKE_ORDER, Role.TARGET_SQUAD_MEMBER, Action.HANDLE_ORDER, Role.HANDLER);
    Actor member = Actor.member(PLAIN);
    for (Map.Entry<Action, Role> e : needs.entrySet()) {
      for (Role role : Role.values()) {
        AccessRequest request = AccessRequest.of(e.getKey(), List.of(CITY, COUNTY))
            .inGroup(GROUP, COORDINATOR).withRoles(EnumSet.of(role));
        assertThat(policy.permits(member, request)).as("%s with %s", e.getKey(), role)
            .isEqualTo(role == e.getValue());
      }
    }
  }

  /**
   * A member takes a mentorship action with any one role of its row; a household's head only the
   * three household actions, and only as the head concerned; nobody without a role.
   */
  @Test
  void rolesGrantMentorshipActions() {
    AccessPolicy policy = AccessPolicy.standard();
    Map<Action, Set<Role>> members = Map.of(
        Action.CREATE_PROGRAM, EnumSet.of(Role.COORDINATOR),
        Action.MANAGE_PROGRAM, EnumSet.of(Role.PROGRAM_OWNER),
        Action.APPOINT_HOUSEHOLD, EnumSet.of(Role.PROGRAM_OWNER, Role.TREE_EXPERT),
        Action.ASSIGN_GROWER, EnumSet.of(Role.PROGRAM_OWNER, Role.TREE_EXPERT),
        Action.RECORD_VISIT, EnumSet.of(Role.PROGRAM_OWNER, Role.TREE_EXPERT),
        Action.RECORD_HARVEST, EnumSet.of(Role.PROGRAM_OWNER, Role.TREE_EXPERT),
        Action.RECORD_INSPECTION, EnumSet.noneOf(Role.class),
        Action.APPROVE_BONUS, EnumSet.of(Role.VILLAGE_CADRE),
        Action.ERASE_HOUSEHOLD, EnumSet.noneOf(Role.class));
    Set<Action> households = EnumSet.of(Action.ASSIGN_GROWER, Action.RECORD_INSPECTION,
        Action.RECORD_HARVEST);
    Actor member = Actor.member(PLAIN);
    Actor household = Actor.household(dev.zhuli.core.HouseholdId.of("h1"));
    for (Map.Entry<Action, Set<Role>> e : members.entrySet()) {
      for (Role role : Role.values()) {
        AccessRequest request = AccessRequest.of(e.getKey(), List.of(CITY, COUNTY))
            .inGroup(GROUP, COORDINATOR).withRoles(EnumSet.of(role));
        assertThat(policy.permits(member, request)).as("%s by a member with %s", e.getKey(),
            role).isEqualTo(e.getValue().contains(role));
        assertThat(policy.permits(household, request)).as("%s by a household with %s",
            e.getKey(), role)
            .isEqualTo(role == Role.HOUSEHOLD_HEAD && households.contains(e.getKey()));
      }
    }
    for (Action a : Action.values()) {
      assertThat(policy.permits(household, AccessRequest.of(a, List.of(CITY, COUNTY))
          .inGroup(GROUP, COORDINATOR))).as("%s by a household without a role", a).isFalse();
    }
  }

  @Test
  void accessRequestsCarryTheirFacts() {
    AccessRequest plain = AccessRequest.of(Action.CREATE_SQUAD, List.of(CITY, COUNTY));
    assertThat(plain.action()).isEqualTo(Action.CREATE_SQUAD);
    assertThat(plain.regions()).containsExactly(CITY, COUNTY);
    assertThat(plain.group()).isEmpty();
    assertThat(plain.coordinator()).isEmpty();
    AccessRequest inGroup = plain.inGroup(GROUP, COORDINATOR);
    assertThat(inGroup.group()).contains(GROUP);
    assertThat(inGroup.coordinator()).contains(COORDINATOR);
    assertThat(inGroup.regions()).containsExactly(CITY, COUNTY);
    assertThat(plain.inGroup(GROUP, null).coordinator()).isEmpty();
  }
}
