package dev.zhuli.core.roster;

import static dev.zhuli.core.HostileChecks.assertNotEchoed;
import static dev.zhuli.core.roster.RosterFixtures.all;
import static dev.zhuli.core.roster.RosterGenerators.chineseNames;
import static dev.zhuli.core.roster.RosterGenerators.hostilePhones;
import static dev.zhuli.core.roster.RosterGenerators.hostileRequestKeys;
import static dev.zhuli.core.roster.RosterGenerators.hostileTexts;
import static dev.zhuli.core.TestTexts.show;
import static dev.zhuli.core.roster.RosterGenerators.unknownIdValues;
import static dev.zhuli.core.roster.RosterGenerators.validPhones;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.quicktheories.QuickTheory.qt;

import dev.zhuli.core.HostileChecks.Expected;
import dev.zhuli.core.AccessDeniedException;
import dev.zhuli.core.Actor;
import dev.zhuli.core.ErrorCode;
import dev.zhuli.core.GroupId;
import dev.zhuli.core.MemberId;
import dev.zhuli.core.NotFoundException;
import dev.zhuli.core.RegionId;
import dev.zhuli.core.RuleViolationException;
import dev.zhuli.core.SquadId;
import dev.zhuli.core.ValidationException;
import dev.zhuli.core.VillageId;
import dev.zhuli.core.ZhuliException;
import dev.zhuli.core.access.Action;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Every roster command, fed hostile input: blank, over-long and malformed text, bad phones,
 * missing attributes, null arguments, unknown ids, ids of the wrong kind or scope, actors without
 * the right, hostile request keys. Each attempt must fail with the {@link ZhuliException} that
 * names what was broken, without echoing personal data, and must leave the roster exactly as it
 * was.
 */
class RosterHostileInputTest {
  private static final long SEED = 0x5EED_2024_0601L;
  private static final int EXAMPLES = 100;

  private static final List<String> TOWN_NAMES = List.of("坊鎮", "黑池鎮", "金峪鎮", "百良鎮",
      "王村鎮", "路井鎮", "甘井鎮", "同家莊鎮");
  private static final List<String> VILLAGE_NAMES = List.of("東宮城村", "舌頭村", "南社村",
      "王家洼村", "靈泉村", "行家堡村", "東王村");
  private static final List<String> SQUAD_NAMES = List.of("法律援助組", "醫療服務組",
      "文化宣傳組", "生態環保組", "金融服務組");
  private static final List<String> MORE_SKILLS = List.of("蔬菜大棚管理", "養蜂", "電商客服",
      "農機維修", "中藥材種植", "財務記賬", "鄉村旅遊策劃", "法律諮詢", "獸醫", "茶葉炒製");

  private RosterFixtures w;
  private Roster roster;
  private RosterFixtures.RosterSnapshot lastSnapshot;

  /** Loads and warms the codec, store and generators so the first property is timed fairly. */
  @BeforeAll
  static void warmUp() {
    try (RosterFixtures f = RosterFixtures.weinan()) {
      f.snapshot();
      qt().withFixedSeed(SEED).withExamples(20).forAll(hostileTexts(), hostilePhones())
          .check((text, phone) -> text != null && phone != null);
    }
  }

  @BeforeEach
  void setUp() {
    w = RosterFixtures.weinan();
    roster = w.roster;
  }

  @AfterEach
  void tearDown() {
    w.close();
  }

  // ---- the properties ---------------------------------------------------------------------

  @Test
  void createRegionRefusesHostileInputAndChangesNothing() {
    List<Target> targets = List.of(
        new Target(RegionLevel.TOWN, w.heyang, List.of(w.heyangAdmin, w.cityAdmin, w.system)),
        new Target(RegionLevel.TOWN, w.linwei, List.of(w.linweiAdmin, w.cityAdmin)),
        new Target(RegionLevel.DISTRICT, w.weinan, List.of(w.cityAdmin, w.system)),
        new Target(RegionLevel.COUNTY_LEVEL_CITY, w.weinan, List.of(w.cityAdmin)),
        new Target(RegionLevel.CITY, null, List.of(w.system)));
    Gen<Target> target = Generate.pick(targets);

    check(cases(
        hostileTexts().zip(target, Generate.range(0, 2), (name, t, i) -> attempt(
            "createRegion name " + show(name) + " " + t,
            () -> roster.createRegion(t.actor(i), regionInput(name, t.level(), t.parent(),
                null)), Expected.invalid("region.name"), name)),
        target.map(t -> attempt("createRegion without name " + t,
            () -> roster.createRegion(t.actor(0), builder(t).build()),
            Expected.invalid("region.name"))),
        Generate.pick(TOWN_NAMES).map(name -> attempt("createRegion without level",
            () -> roster.createRegion(w.system, new NewRegion.Builder().name(name)
                .parent(w.heyang.id()).build()), Expected.invalid("region.level"))),
        Generate.constant(attempt("createRegion(null)",
            () -> roster.createRegion(w.system, null), Expected.invalid("region"))),
        Generate.pick(List.of(
            new Target(RegionLevel.DISTRICT, w.xinchi, null),
            new Target(RegionLevel.COUNTY, w.heyang, null),
            new Target(RegionLevel.COUNTY_LEVEL_CITY, w.lindian, null),
            new Target(RegionLevel.TOWN, w.weinan, null),
            new Target(RegionLevel.TOWN, w.xinchi, null),
            new Target(RegionLevel.CITY, w.weinan, null),
            new Target(RegionLevel.CITY, w.dali, null),
            new Target(RegionLevel.DISTRICT, null, null),
            new Target(RegionLevel.COUNTY, null, null),
            new Target(RegionLevel.TOWN, null, null)))
            .zip(Generate.pick(TOWN_NAMES), (t, name) -> attempt(
                "createRegion wrong level " + t,
                () -> roster.createRegion(w.system, regionInput(name, t.level(), t.parent(),
                    null)), Expected.invalid("region.parent"))),
        regionIdsNotFound().zip(Generate.pick(List.of(RegionLevel.TOWN, RegionLevel.DISTRICT)),
            Generate.pick(TOWN_NAMES), (parent, level, name) -> attempt(
                "createRegion under unknown " + parent,
                () -> roster.createRegion(w.system, new NewRegion.Builder().name(name)
                    .level(level).parent(parent).build()), Expected.notFound("region"))),
        Generate.pick(List.of(
            new Dup(RegionLevel.TOWN, w.heyang, "新池鎮"),
            new Dup(RegionLevel.TOWN, w.heyang, " 新池鎮\u3000"),
            new Dup(RegionLevel.TOWN, w.linwei, "藺店鎮"),
            new Dup(RegionLevel.DISTRICT, w.weinan, "臨渭區"),
            new Dup(RegionLevel.COUNTY, w.weinan, "合陽縣 "),
            new Dup(RegionLevel.COUNTY_LEVEL_CITY, w.weinan, "大荔縣"),
            new Dup(RegionLevel.CITY, null, "渭南市")))
            .map(d -> attempt("createRegion duplicate " + d,
                () -> roster.createRegion(w.system, regionInput(d.name(), d.level(),
                    d.parent(), null)), Expected.duplicate("region.name"))),
        Generate.pick(List.of(
            new Target(RegionLevel.TOWN, w.heyang, List.of(w.linweiAdmin, w.coordinator,
                w.plainMember, w.linweiCoordinator, unknownMember())),
            new Target(RegionLevel.TOWN, w.linwei, List.of(w.heyangAdmin, w.coordinator)),
            new Target(RegionLevel.DISTRICT, w.weinan, List.of(w.heyangAdmin, w.linweiAdmin)),
            new Target(RegionLevel.CITY, null, List.of(w.cityAdmin, w.heyangAdmin,
                w.plainMember))))
            .zip(Generate.range(0, 4), Generate.pick(TOWN_NAMES), (t, i, name) -> attempt(
                "createRegion by " + t.actor(i) + " " + t,
                () -> roster.createRegion(t.actor(i), regionInput(name, t.level(), t.parent(),
                    null)), Expected.denied(Action.CREATE_REGION))),
        target.zip(Generate.pick(TOWN_NAMES), (t, name) -> attempt(
            "createRegion by null actor " + t,
            () -> roster.createRegion(null, regionInput(name, t.level(), t.parent(), null)),
            Expected.invalid("actor"))),
        hostileRequestKeys().zip(target, (key, t) -> attempt(
            "createRegion key " + show(key) + " " + t,
            () -> roster.createRegion(t.actor(0), regionInput("坊鎮", t.level(), t.parent(),
                key)), Expected.invalid("requestKey")))));
  }

  @Test
  void createVillageRefusesHostileInputAndChangesNothing() {
    Gen<Target> town = Generate.pick(List.of(
        new Target(null, w.xinchi, List.of(w.heyangAdmin, w.cityAdmin, w.system)),
        new Target(null, w.lindian, List.of(w.linweiAdmin, w.cityAdmin, w.system))));
    Gen<String> names = Generate.pick(VILLAGE_NAMES);

    check(cases(
        hostileTexts().zip(town, Generate.range(0, 2), (name, t, i) -> attempt(
            "createVillage name " + show(name) + " " + t,
            () -> roster.createVillage(t.actor(i), villageInput(name, t.parent(), null)),
            Expected.invalid("village.name"), name)),
        town.map(t -> attempt("createVillage without name " + t,
            () -> roster.createVillage(t.actor(0), new NewVillage.Builder()
                .town(t.parent().id()).build()), Expected.invalid("village.name"))),
        names.map(name -> attempt("createVillage without town",
            () -> roster.createVillage(w.system, new NewVillage.Builder().name(name).build()),
            Expected.invalid("village.town"))),
        Generate.constant(attempt("createVillage(null)",
            () -> roster.createVillage(w.system, null), Expected.invalid("village"))),
        Generate.pick(List.of(w.weinan, w.heyang, w.linwei, w.dali)).zip(names,
            (notTown, name) -> attempt("createVillage in " + notTown.level(),
                () -> roster.createVillage(w.system, villageInput(name, notTown, null)),
                Expected.invalid("village.town"))),
        regionIdsNotFound().zip(names, (id, name) -> attempt("createVillage in unknown " + id,
            () -> roster.createVillage(w.system, new NewVillage.Builder().name(name).town(id)
                .build()), Expected.notFound("region"))),
        Generate.pick(List.of(
            new Dup(null, w.xinchi, "北順村"), new Dup(null, w.xinchi, "\u3000北順村"),
            new Dup(null, w.xinchi, "南溝社區 "), new Dup(null, w.lindian, "李十三村")))
            .zip(Generate.pick(List.of(VillageKind.values())), (d, kind) -> attempt(
                "createVillage duplicate " + d,
                () -> roster.createVillage(w.system, new NewVillage.Builder().name(d.name())
                    .kind(kind).town(d.parent().id()).build()),
                Expected.duplicate("village.name"))),
        Generate.pick(List.of(
            new Target(null, w.xinchi, List.of(w.linweiAdmin, w.coordinator, w.plainMember,
                unknownMember())),
            new Target(null, w.lindian, List.of(w.heyangAdmin, w.linweiCoordinator))))
            .zip(Generate.range(0, 3), names, (t, i, name) -> attempt(
                "createVillage by " + t.actor(i) + " " + t,
                () -> roster.createVillage(t.actor(i), villageInput(name, t.parent(), null)),
                Expected.denied(Action.CREATE_VILLAGE))),
        town.zip(names, (t, name) -> attempt("createVillage by null actor",
            () -> roster.createVillage(null, villageInput(name, t.parent(), null)),
            Expected.invalid("actor"))),
        hostileRequestKeys().zip(town, (key, t) -> attempt("createVillage key " + show(key),
            () -> roster.createVillage(t.actor(0), villageInput("東宮城村", t.parent(), key)),
            Expected.invalid("requestKey")))));
  }

  @Test
  void createGroupRefusesHostileInputAndChangesNothing() {
    Gen<Actor> daliAdmins = Generate.pick(List.of(w.system, w.cityAdmin));

    check(cases(
        hostileTexts().zip(daliAdmins, (name, actor) -> attempt(
            "createGroup name " + show(name),
            () -> roster.createGroup(actor, groupInput(name, w.dali.id(), null)),
            Expected.invalid("group.name"), name)),
        daliAdmins.map(actor -> attempt("createGroup without name",
            () -> roster.createGroup(actor, new NewGroup.Builder().county(w.dali.id())
                .build()), Expected.invalid("group.name"))),
        daliAdmins.map(actor -> attempt("createGroup without county",
            () -> roster.createGroup(actor, new NewGroup.Builder().name("大荔縣紅色助力團")
                .build()), Expected.invalid("group.county"))),
        Generate.constant(attempt("createGroup(null)",
            () -> roster.createGroup(w.system, null), Expected.invalid("group"))),
        Generate.pick(List.of(w.weinan, w.xinchi, w.lindian)).map(r -> attempt(
            "createGroup for a " + r.level(),
            () -> roster.createGroup(w.system, groupInput("助力團", r.id(), null)),
            Expected.invalid("group.county"))),
        regionIdsNotFound().map(id -> attempt("createGroup for unknown " + id,
            () -> roster.createGroup(w.system, groupInput("助力團", id, null)),
            Expected.notFound("region"))),
        Generate.pick(List.of(
            new Target(null, w.heyang, List.of(w.heyangAdmin, w.cityAdmin, w.system)),
            new Target(null, w.linwei, List.of(w.linweiAdmin, w.cityAdmin, w.system))))
            .zip(Generate.range(0, 2), (t, i) -> attempt("createGroup second " + t,
                () -> roster.createGroup(t.actor(i), groupInput("第二助力團", t.parent().id(),
                    null)), Expected.rule("one-group-per-county"))),
        Generate.pick(List.of(w.heyangAdmin, w.linweiAdmin, w.coordinator, w.plainMember,
            w.linweiCoordinator, unknownMember())).map(actor -> attempt(
                "createGroup by " + actor,
                () -> roster.createGroup(actor, groupInput("大荔縣紅色助力團", w.dali.id(), null)),
                Expected.denied(Action.CREATE_GROUP))),
        Generate.constant(attempt("createGroup by null actor",
            () -> roster.createGroup(null, groupInput("大荔縣紅色助力團", w.dali.id(), null)),
            Expected.invalid("actor"))),
        hostileRequestKeys().map(key -> attempt("createGroup key " + show(key),
            () -> roster.createGroup(w.cityAdmin, groupInput("大荔縣紅色助力團", w.dali.id(),
                key)), Expected.invalid("requestKey")))));
  }

  @Test
  void appointCoordinatorRefusesHostileInputAndChangesNothing() {
    Gen<Actor> admins = Generate.pick(List.of(w.heyangAdmin, w.cityAdmin, w.system));
    Gen<MemberId> active = Generate.pick(List.of(w.plain.id(), w.cadre.id(),
        w.coordinatorMember.id()));

    check(cases(
        active.map(m -> attempt("appointCoordinator(null group)",
            () -> roster.appointCoordinator(w.system, null, m, null),
            Expected.invalid("group"))),
        admins.map(a -> attempt("appointCoordinator(null member)",
            () -> roster.appointCoordinator(a, w.heyangGroup, null, null),
            Expected.invalid("coordinator"))),
        idValuesNotFound(GroupId.class).zip(active, (g, m) -> attempt(
            "appointCoordinator in unknown group " + g,
            () -> roster.appointCoordinator(w.system, GroupId.of(g), m, null),
            Expected.notFound("group"))),
        idValuesNotFound(MemberId.class).zip(admins, (m, a) -> attempt(
            "appointCoordinator unknown member " + m,
            () -> roster.appointCoordinator(a, w.heyangGroup, MemberId.of(m), null),
            Expected.notFound("member"))),
        Generate.pick(List.of(
            new Appointment(w.heyangGroup, w.linweiMember.id(), "member of another group"),
            new Appointment(w.heyangGroup, w.former.id(), "removed member"),
            new Appointment(w.linweiGroup, w.plain.id(), "member of another group")))
            .map(a -> attempt("appointCoordinator " + a.why(),
                () -> roster.appointCoordinator(w.system, a.group(), a.member(), null),
                Expected.rule("coordinator-in-group"))),
        Generate.pick(List.of(w.linweiAdmin, w.coordinator, w.plainMember, w.linweiCoordinator,
            unknownMember())).zip(active, (actor, m) -> attempt(
                "appointCoordinator by " + actor,
                () -> roster.appointCoordinator(actor, w.heyangGroup, m, null),
                Expected.denied(Action.APPOINT_COORDINATOR))),
        active.map(m -> attempt("appointCoordinator by null actor",
            () -> roster.appointCoordinator(null, w.heyangGroup, m, null),
            Expected.invalid("actor"))),
        hostileRequestKeys().zip(admins, (key, a) -> attempt(
            "appointCoordinator key " + show(key),
            () -> roster.appointCoordinator(a, w.heyangGroup, w.plain.id(), key),
            Expected.invalid("requestKey")))));
  }

  @Test
  void createSquadRefusesHostileInputAndChangesNothing() {
    Gen<Actor> admins = Generate.pick(List.of(w.heyangAdmin, w.cityAdmin, w.system));
    Gen<SquadKind> kinds = Generate.pick(List.of(SquadKind.LEAD_GEESE, SquadKind.INDUSTRY,
        SquadKind.TRAINING, SquadKind.MARKETING, SquadKind.of("LEGAL_AID")));
    Gen<String> names = Generate.pick(SQUAD_NAMES);

    check(cases(
        hostileTexts().zip(admins, kinds, (name, a, kind) -> attempt(
            "createSquad name " + show(name),
            () -> roster.createSquad(a, squadInput(w.heyangGroup, name, kind, null)),
            Expected.invalid("squad.name"), name)),
        admins.zip(kinds, (a, kind) -> attempt("createSquad without name",
            () -> roster.createSquad(a, new NewSquad.Builder().group(w.heyangGroup).kind(kind)
                .build()), Expected.invalid("squad.name"))),
        names.zip(kinds, (name, kind) -> attempt("createSquad without group",
            () -> roster.createSquad(w.system, new NewSquad.Builder().name(name).kind(kind)
                .build()), Expected.invalid("squad.group"))),
        admins.zip(names, (a, name) -> attempt("createSquad without kind",
            () -> roster.createSquad(a, new NewSquad.Builder().group(w.heyangGroup).name(name)
                .build()), Expected.invalid("squad.kind"))),
        Generate.constant(attempt("createSquad(null)",
            () -> roster.createSquad(w.system, null), Expected.invalid("squad"))),
        idValuesNotFound(GroupId.class).zip(names, kinds, (g, name, kind) -> attempt(
            "createSquad in unknown group " + g,
            () -> roster.createSquad(w.system, squadInput(GroupId.of(g), name, kind, null)),
            Expected.notFound("group"))),
        Generate.pick(List.of(
            new Dup(null, null, "頭雁組"), new Dup(null, null, " 產業組"),
            new Dup(null, null, "培訓組\u3000"), new Dup(null, null, "行銷組")))
            .zip(admins, kinds, (d, a, kind) -> attempt("createSquad duplicate " + d,
                () -> roster.createSquad(a, squadInput(w.heyangGroup, d.name(), kind, null)),
                Expected.duplicate("squad.name"))),
        kinds.map(kind -> attempt("createSquad duplicate in 臨渭",
            () -> roster.createSquad(w.linweiAdmin, squadInput(w.linweiGroup, "產業組", kind,
                null)), Expected.duplicate("squad.name"))),
        Generate.pick(List.of(w.linweiAdmin, w.coordinator, w.plainMember, w.linweiCoordinator,
            unknownMember())).zip(names, kinds, (actor, name, kind) -> attempt(
                "createSquad by " + actor,
                () -> roster.createSquad(actor, squadInput(w.heyangGroup, name, kind, null)),
                Expected.denied(Action.CREATE_SQUAD))),
        Generate.pick(List.of(w.heyangAdmin, w.coordinator, w.linweiCoordinator))
            .zip(names, (actor, name) -> attempt("createSquad in 臨渭 by " + actor,
                () -> roster.createSquad(actor, squadInput(w.linweiGroup, name,
                    SquadKind.TRAINING, null)), Expected.denied(Action.CREATE_SQUAD))),
        names.zip(kinds, (name, kind) -> attempt("createSquad by null actor",
            () -> roster.createSquad(null, squadInput(w.heyangGroup, name, kind, null)),
            Expected.invalid("actor"))),
        hostileRequestKeys().zip(admins, (key, a) -> attempt("createSquad key " + show(key),
            () -> roster.createSquad(a, squadInput(w.heyangGroup, "法律援助組",
                SquadKind.of("LEGAL_AID"), key)), Expected.invalid("requestKey")))));
  }

  @Test
  void addMemberRefusesHostileInputAndChangesNothing() {
    Gen<Actor> managers = Generate.pick(List.of(w.coordinator, w.heyangAdmin, w.cityAdmin,
        w.system));
    Gen<String> names = chineseNames();
    Gen<String> phones = validPhones();

    check(cases(
        hostileTexts().zip(phones, managers, (name, phone, a) -> attempt(
            "addMember name " + show(name),
            () -> roster.addMember(a, newMember(name, phone).build()),
            Expected.invalid("member.name"), name, phone)),
        phones.zip(managers, (phone, a) -> attempt("addMember without name",
            () -> roster.addMember(a, newMember(null, phone).build()),
            Expected.invalid("member.name"), phone)),
        hostilePhones().zip(names, managers, (phone, name, a) -> attempt(
            "addMember phone " + show(phone),
            () -> roster.addMember(a, newMember(name, phone).build()),
            Expected.invalid("member.phone"), name, phone)),
        hostileTexts(32).zip(names, Generate.range(0, 3), (skill, name, at) -> attempt(
            "addMember skill " + show(skill) + " at " + at,
            () -> roster.addMember(w.coordinator, newMember(name, null)
                .skills(skillsWith(skill, at)).build()),
            Expected.invalidPrefix("member.skills"), name, skill)),
        Generate.range(17, MORE_SKILLS.size() + RosterGenerators.SKILLS.size())
            .zip(names, (n, name) -> attempt("addMember with " + n + " skills",
                () -> roster.addMember(w.coordinator, newMember(name, null)
                    .skills(manySkills(n)).build()),
                Expected.invalid("member.skills"), name)),
        hostileTexts(128).zip(names, (org, name) -> attempt("addMember organisation " + show(org),
            () -> roster.addMember(w.coordinator, newMember(name, null).homeOrganisation(org)
                .build()), Expected.invalid("member.homeOrganisation"), name, org)),
        names.zip(managers, (name, a) -> attempt("addMember without background",
            () -> roster.addMember(a, new NewMember.Builder().group(w.heyangGroup).name(name)
                .build()), Expected.invalid("member.background"), name)),
        names.map(name -> attempt("addMember without group",
            () -> roster.addMember(w.system, new NewMember.Builder().name(name)
                .background(Background.EXPERT).build()), Expected.invalid("member.group"),
            name)),
        Generate.constant(attempt("addMember(null)",
            () -> roster.addMember(w.system, null), Expected.invalid("member"))),
        names.zip(phones, managers, (name, phone, a) -> attempt("addMember cadre without village",
            () -> roster.addMember(a, newMember(name, phone).background(Background.VILLAGE_CADRE)
                .build()), Expected.invalid("member.village"), name, phone)),
        names.zip(Generate.enumValues(Background.class), managers, (name, bg, a) -> attempt(
            "addMember " + bg + " in 李十三村",
            () -> roster.addMember(a, newMember(name, null).background(bg)
                .village(w.lishisan.id()).build()), Expected.rule("village-in-county"), name)),
        idValuesNotFound(VillageId.class).zip(names, managers, (v, name, a) -> attempt(
            "addMember in unknown village " + v,
            () -> roster.addMember(a, newMember(name, null).background(Background.VILLAGE_CADRE)
                .village(VillageId.of(v)).build()), Expected.notFound("village"), name)),
        idValuesNotFound(GroupId.class).zip(names, (g, name) -> attempt(
            "addMember to unknown group " + g,
            () -> roster.addMember(w.system, newMember(name, null).group(GroupId.of(g))
                .build()), Expected.notFound("group"), name)),
        Generate.pick(List.of(w.linweiAdmin, w.plainMember, w.linweiCoordinator,
            Actor.member(w.cadre.id()), Actor.member(w.former.id()), unknownMember()))
            .zip(names, phones, (actor, name, phone) -> attempt("addMember by " + actor,
                () -> roster.addMember(actor, newMember(name, phone).build()),
                Expected.denied(Action.ADD_MEMBER), name, phone)),
        Generate.pick(List.of(w.heyangAdmin, w.coordinator)).zip(names, (actor, name) -> attempt(
            "addMember to 臨渭 by " + actor,
            () -> roster.addMember(actor, newMember(name, null).group(w.linweiGroup).build()),
            Expected.denied(Action.ADD_MEMBER), name)),
        names.zip(phones, (name, phone) -> attempt("addMember by null actor",
            () -> roster.addMember(null, newMember(name, phone).build()),
            Expected.invalid("actor"), name, phone)),
        hostileRequestKeys().zip(names, managers, (key, name, a) -> attempt(
            "addMember key " + show(key),
            () -> roster.addMember(a, newMember(name, null).requestKey(key).build()),
            Expected.invalid("requestKey"), name))));
  }

  @Test
  void updateMemberRefusesHostileInputAndChangesNothing() {
    Gen<Actor> managers = Generate.pick(List.of(w.coordinator, w.heyangAdmin, w.cityAdmin,
        w.system));
    Gen<MemberId> active = Generate.pick(List.of(w.coordinatorMember.id(), w.plain.id(),
        w.cadre.id()));
    Gen<MemberId> noVillage = Generate.pick(List.of(w.coordinatorMember.id(), w.plain.id()));
    Gen<String> names = chineseNames();

    check(cases(
        hostileTexts().zip(active, managers, (name, m, a) -> attempt(
            "updateMember name " + show(name),
            () -> roster.updateMember(a, update(m).name(name).build()),
            Expected.invalid("member.name"), name)),
        hostilePhones().zip(active, managers, (phone, m, a) -> attempt(
            "updateMember phone " + show(phone),
            () -> roster.updateMember(a, update(m).phone(phone).build()),
            Expected.invalid("member.phone"), phone)),
        hostileTexts(32).zip(active, Generate.range(0, 3), (skill, m, at) -> attempt(
            "updateMember skill " + show(skill) + " at " + at,
            () -> roster.updateMember(w.coordinator, update(m)
                .skills(new LinkedHashSet<>(skillsWith(skill, at))).build()),
            Expected.invalidPrefix("member.skills"), skill)),
        Generate.range(17, MORE_SKILLS.size() + RosterGenerators.SKILLS.size())
            .zip(active, (n, m) -> attempt("updateMember with " + n + " skills",
                () -> roster.updateMember(w.coordinator, update(m).skills(manySkills(n))
                    .build()), Expected.invalid("member.skills"))),
        hostileTexts(128).zip(active, (org, m) -> attempt("updateMember organisation " + show(org),
            () -> roster.updateMember(w.coordinator, update(m).homeOrganisation(org).build()),
            Expected.invalid("member.homeOrganisation"), org)),
        names.map(name -> attempt("updateMember without member",
            () -> roster.updateMember(w.system, new MemberUpdate.Builder().name(name).build()),
            Expected.invalid("update.member"), name)),
        Generate.constant(attempt("updateMember(null)",
            () -> roster.updateMember(w.system, null), Expected.invalid("update"))),
        noVillage.zip(managers, (m, a) -> attempt("updateMember " + m + " to cadre",
            () -> roster.updateMember(a, update(m).background(Background.VILLAGE_CADRE).build()),
            Expected.invalid("member.village"))),
        active.zip(managers, (m, a) -> attempt("updateMember " + m + " to 李十三村",
            () -> roster.updateMember(a, update(m).village(w.lishisan.id()).build()),
            Expected.rule("village-in-county"))),
        idValuesNotFound(VillageId.class).zip(active, (v, m) -> attempt(
            "updateMember to unknown village " + v,
            () -> roster.updateMember(w.coordinator, update(m).village(VillageId.of(v))
                .build()), Expected.notFound("village"))),
        idValuesNotFound(MemberId.class).zip(names, (m, name) -> attempt(
            "updateMember unknown " + m,
            () -> roster.updateMember(w.system, update(MemberId.of(m)).name(name).build()),
            Expected.notFound("member"), name)),
        names.zip(validPhones(), managers, (name, phone, a) -> attempt(
            "updateMember removed member",
            () -> roster.updateMember(a, update(w.former.id()).name(name).phone(phone).build()),
            Expected.rule("member-active"), name, phone)),
        Generate.pick(List.of(w.linweiAdmin, w.plainMember, w.linweiCoordinator,
            Actor.member(w.cadre.id()), unknownMember())).zip(active, names, (actor, m, name) ->
            attempt("updateMember by " + actor,
                () -> roster.updateMember(actor, update(m).name(name).build()),
                Expected.denied(Action.UPDATE_MEMBER), name)),
        Generate.pick(List.of(w.heyangAdmin, w.coordinator)).zip(names, (actor, name) -> attempt(
            "updateMember 臨渭 member by " + actor,
            () -> roster.updateMember(actor, update(w.linweiMember.id()).name(name).build()),
            Expected.denied(Action.UPDATE_MEMBER), name)),
        active.zip(names, (m, name) -> attempt("updateMember by null actor",
            () -> roster.updateMember(null, update(m).name(name).build()),
            Expected.invalid("actor"), name)),
        hostileRequestKeys().zip(active, (key, m) -> attempt("updateMember key " + show(key),
            () -> roster.updateMember(w.coordinator, update(m).partyMember(true)
                .requestKey(key).build()), Expected.invalid("requestKey")))));
  }

  @Test
  void joinSquadRefusesHostileInputAndChangesNothing() {
    Gen<Actor> managers = Generate.pick(List.of(w.coordinator, w.heyangAdmin, w.cityAdmin,
        w.system));
    Gen<MemberId> active = Generate.pick(List.of(w.coordinatorMember.id(), w.plain.id(),
        w.cadre.id()));
    Gen<SquadId> squads = Generate.pick(List.of(w.leadGeese.id(), w.industry.id(),
        w.training.id(), w.marketing.id()));
    Gen<SquadRole> roles = Generate.enumValues(SquadRole.class);

    check(cases(
        squads.zip(roles, (s, r) -> attempt("joinSquad(null member)",
            () -> roster.joinSquad(w.system, null, s, r, null), Expected.invalid("member"))),
        active.zip(roles, (m, r) -> attempt("joinSquad(null squad)",
            () -> roster.joinSquad(w.system, m, null, r, null), Expected.invalid("squad"))),
        active.zip(squads, managers, (m, s, a) -> attempt("joinSquad(null role)",
            () -> roster.joinSquad(a, m, s, null, null), Expected.invalid("role"))),
        idValuesNotFound(MemberId.class).zip(squads, roles, (m, s, r) -> attempt(
            "joinSquad unknown member " + m,
            () -> roster.joinSquad(w.system, MemberId.of(m), s, r, null),
            Expected.notFound("member"))),
        idValuesNotFound(SquadId.class).zip(active, managers, (s, m, a) -> attempt(
            "joinSquad unknown squad " + s,
            () -> roster.joinSquad(a, m, SquadId.of(s), SquadRole.MEMBER, null),
            Expected.notFound("squad"))),
        active.zip(managers, roles, (m, a, r) -> attempt("joinSquad squad of 臨渭",
            () -> roster.joinSquad(a, m, w.linweiIndustry.id(), r, null),
            Expected.rule("squad-in-group"))),
        squads.zip(Generate.pick(List.of(w.cityAdmin, w.system, w.linweiAdmin,
            w.linweiCoordinator)), (s, a) -> attempt("joinSquad 臨渭 member to 合陽 squad by " + a,
                () -> roster.joinSquad(a, w.linweiMember.id(), s, SquadRole.MEMBER, null),
                Expected.rule("squad-in-group"))),
        squads.zip(managers, roles, (s, a, r) -> attempt("joinSquad removed member",
            () -> roster.joinSquad(a, w.former.id(), s, r, null),
            Expected.rule("member-active"))),
        Generate.pick(List.of(w.linweiAdmin, w.plainMember, w.linweiCoordinator,
            Actor.member(w.cadre.id()), Actor.member(w.former.id()), unknownMember()))
            .zip(active, squads, (actor, m, s) -> attempt("joinSquad by " + actor,
                () -> roster.joinSquad(actor, m, s, SquadRole.LEADER, null),
                Expected.denied(Action.CHANGE_SQUADS))),
        active.zip(squads, (m, s) -> attempt("joinSquad by null actor",
            () -> roster.joinSquad(null, m, s, SquadRole.LEADER, null),
            Expected.invalid("actor"))),
        hostileRequestKeys().zip(active, squads, (key, m, s) -> attempt(
            "joinSquad key " + show(key),
            () -> roster.joinSquad(w.coordinator, m, s, SquadRole.LEADER, key),
            Expected.invalid("requestKey")))));
  }

  @Test
  void leaveSquadRefusesHostileInputAndChangesNothing() {
    Gen<Actor> managers = Generate.pick(List.of(w.coordinator, w.heyangAdmin, w.cityAdmin,
        w.system));
    Gen<Serving> serving = Generate.pick(List.of(
        new Serving(w.coordinatorMember.id(), w.leadGeese.id()),
        new Serving(w.plain.id(), w.industry.id()),
        new Serving(w.cadre.id(), w.leadGeese.id())));
    Gen<Serving> notServing = Generate.pick(List.of(
        new Serving(w.coordinatorMember.id(), w.industry.id()),
        new Serving(w.plain.id(), w.training.id()),
        new Serving(w.cadre.id(), w.marketing.id()),
        new Serving(w.plain.id(), w.linweiIndustry.id()),
        new Serving(w.coordinatorMember.id(), w.linweiIndustry.id())));

    check(cases(
        serving.map(s -> attempt("leaveSquad(null member)",
            () -> roster.leaveSquad(w.system, null, s.squad(), null), Expected.invalid("member"))),
        serving.map(s -> attempt("leaveSquad(null squad)",
            () -> roster.leaveSquad(w.system, s.member(), null, null), Expected.invalid("squad"))),
        idValuesNotFound(MemberId.class).zip(serving, (m, s) -> attempt(
            "leaveSquad unknown member " + m,
            () -> roster.leaveSquad(w.system, MemberId.of(m), s.squad(), null),
            Expected.notFound("member"))),
        idValuesNotFound(SquadId.class).zip(serving, managers, (sq, s, a) -> attempt(
            "leaveSquad unknown squad " + sq,
            () -> roster.leaveSquad(a, s.member(), SquadId.of(sq), null),
            Expected.notFound("squad"))),
        notServing.zip(managers, (s, a) -> attempt("leaveSquad not serving " + s,
            () -> roster.leaveSquad(a, s.member(), s.squad(), null),
            Expected.rule("member-in-squad"))),
        serving.zip(managers, (s, a) -> attempt("leaveSquad removed member",
            () -> roster.leaveSquad(a, w.former.id(), w.training.id(), null),
            Expected.rule("member-active"))),
        Generate.pick(List.of(w.linweiAdmin, w.plainMember, w.linweiCoordinator,
            Actor.member(w.cadre.id()), unknownMember())).zip(serving, (actor, s) -> attempt(
                "leaveSquad by " + actor + " " + s,
                () -> roster.leaveSquad(actor, s.member(), s.squad(), null),
                Expected.denied(Action.CHANGE_SQUADS))),
        serving.map(s -> attempt("leaveSquad by null actor",
            () -> roster.leaveSquad(null, s.member(), s.squad(), null),
            Expected.invalid("actor"))),
        hostileRequestKeys().zip(serving, (key, s) -> attempt("leaveSquad key " + show(key),
            () -> roster.leaveSquad(w.coordinator, s.member(), s.squad(), key),
            Expected.invalid("requestKey")))));
  }

  @Test
  void removeMemberRefusesHostileInputAndChangesNothing() {
    Gen<Actor> managers = Generate.pick(List.of(w.coordinator, w.heyangAdmin, w.cityAdmin,
        w.system));
    Gen<MemberId> removable = Generate.pick(List.of(w.plain.id(), w.cadre.id()));

    check(cases(
        managers.map(a -> attempt("removeMember(null)",
            () -> roster.removeMember(a, null, null), Expected.invalid("member"))),
        idValuesNotFound(MemberId.class).zip(managers, (m, a) -> attempt(
            "removeMember unknown " + m,
            () -> roster.removeMember(a, MemberId.of(m), null), Expected.notFound("member"))),
        managers.map(a -> attempt("removeMember the coordinator by " + a,
            () -> roster.removeMember(a, w.coordinatorMember.id(), null),
            Expected.rule("keep-coordinator"))),
        Generate.pick(List.of(w.linweiCoordinator, w.linweiAdmin, w.cityAdmin)).map(a -> attempt(
            "removeMember 臨渭's coordinator by " + a,
            () -> roster.removeMember(a, w.linweiMember.id(), null),
            Expected.rule("keep-coordinator"))),
        managers.map(a -> attempt("removeMember removed member",
            () -> roster.removeMember(a, w.former.id(), null), Expected.rule("member-active"))),
        Generate.pick(List.of(w.linweiAdmin, w.plainMember, w.linweiCoordinator,
            Actor.member(w.cadre.id()), Actor.member(w.former.id()), unknownMember()))
            .zip(removable, (actor, m) -> attempt("removeMember " + m + " by " + actor,
                () -> roster.removeMember(actor, m, null), Expected.denied(Action.REMOVE_MEMBER))),
        removable.map(m -> attempt("removeMember by null actor",
            () -> roster.removeMember(null, m, null), Expected.invalid("actor"))),
        hostileRequestKeys().zip(removable, (key, m) -> attempt("removeMember key " + show(key),
            () -> roster.removeMember(w.coordinator, m, key), Expected.invalid("requestKey")))));
  }

  @Test
  void eraseMemberRefusesHostileInputAndChangesNothing() {
    Gen<Actor> managers = Generate.pick(List.of(w.coordinator, w.heyangAdmin, w.cityAdmin,
        w.system));
    Gen<MemberId> heyangMembers = Generate.pick(List.of(w.coordinatorMember.id(),
        w.plain.id(), w.cadre.id(), w.former.id()));

    check(cases(
        managers.map(a -> attempt("eraseMember(null)",
            () -> roster.eraseMember(a, null, null), Expected.invalid("member"))),
        idValuesNotFound(MemberId.class).zip(managers, (m, a) -> attempt(
            "eraseMember unknown " + m,
            () -> roster.eraseMember(a, MemberId.of(m), null), Expected.notFound("member"))),
        Generate.pick(List.of(w.linweiAdmin, w.plainMember, w.linweiCoordinator,
            Actor.member(w.cadre.id()), Actor.member(w.former.id()), unknownMember()))
            .zip(heyangMembers, (actor, m) -> attempt("eraseMember " + m + " by " + actor,
                () -> roster.eraseMember(actor, m, null), Expected.denied(Action.ERASE_MEMBER))),
        Generate.pick(List.of(w.heyangAdmin, w.coordinator, w.plainMember)).map(actor -> attempt(
            "eraseMember 臨渭 member by " + actor,
            () -> roster.eraseMember(actor, w.linweiMember.id(), null),
            Expected.denied(Action.ERASE_MEMBER))),
        heyangMembers.map(m -> attempt("eraseMember by null actor",
            () -> roster.eraseMember(null, m, null), Expected.invalid("actor"))),
        hostileRequestKeys().zip(heyangMembers, (key, m) -> attempt(
            "eraseMember key " + show(key),
            () -> roster.eraseMember(w.coordinator, m, key), Expected.invalid("requestKey")))));
  }

  @Test
  void validRandomMembersAreAcceptedAndReadBackNormalised() {
    Gen<Optional<VillageId>> villages = Generate.pick(List.of(Optional.<VillageId>empty(),
        Optional.of(w.beishun.id()), Optional.of(w.nangou.id())));
    Gen<Actor> managers = Generate.pick(List.of(w.coordinator, w.heyangAdmin, w.cityAdmin,
        w.system));
    Gen<NewMember> inputs = RosterGenerators.paddedNames().zip(validPhones(),
        RosterGenerators.skillLists(), Generate.enumValues(Background.class),
        (name, phone, skills, bg) -> new NewMember.Builder().group(w.heyangGroup).name(name)
            .phone(phone).background(bg).skills(skills).build())
        .zip(villages, RosterGenerators.organisations().toOptionals(60), Generate.booleans(),
            (in, village, org, party) -> new NewMember.Builder().from(in)
                .village(in.background() == Background.VILLAGE_CADRE && village.isEmpty()
                    ? Optional.of(w.nangou.id()) : village)
                .homeOrganisation(org).partyMember(party).build());
    Gen<MemberUpdate.Builder> updates = RosterGenerators.paddedNames().zip(validPhones(),
        RosterGenerators.skillLists(), (name, phone, skills) -> new MemberUpdate.Builder()
            .name(name).phone(phone).skills(new LinkedHashSet<>(skills)));

    qt().withFixedSeed(SEED).withExamples(EXAMPLES).withShrinkCycles(30)
        .forAll(inputs, managers, updates).checkAssert((in, actor, change) -> {
          Member added = w.add(actor, in);

          assertThat(added.name()).isEqualTo(RosterGenerators.normal(in.name()));
          assertThat(added.phone()).contains(RosterGenerators.compactPhone(in.phone().get()));
          assertThat(added.skills()).isEqualTo(normalSkills(in.skills()));
          assertThat(added.background()).isEqualTo(in.background());
          assertThat(added.partyMember()).isEqualTo(in.partyMember());
          assertThat(added.homeOrganisation()).isEqualTo(in.homeOrganisation());
          assertThat(added.village()).isEqualTo(in.village());
          assertThat(added.group()).isEqualTo(w.heyangGroup);
          assertThat(added.squads()).isEmpty();
          assertThat(added.removed()).isFalse();
          assertThat(added.erased()).isFalse();
          assertThat(roster.member(added.id())).contains(added);
          assertThat(added.toString()).doesNotContain(added.name())
              .doesNotContain(added.phone().get());

          MemberUpdate u = change.member(added.id()).build();
          Member updated = roster.updateMember(actor, u);

          assertThat(updated.name()).isEqualTo(RosterGenerators.normal(u.name().get()));
          assertThat(updated.phone()).contains(RosterGenerators.compactPhone(u.phone().get()));
          assertThat(updated.skills()).isEqualTo(normalSkills(u.skills().get()));
          assertThat(updated.background()).isEqualTo(added.background());
          assertThat(updated.village()).isEqualTo(added.village());
          assertThat(roster.member(added.id())).contains(updated);
          for (String skill : updated.skills()) {
            assertThat(RosterFixtures.ids(all(p -> roster.membersBySkill(w.heyangGroup,
                skill.toUpperCase(java.util.Locale.ROOT), p)))).contains(added.id());
          }
        });
  }

  // ---- checking ---------------------------------------------------------------------------

  private void check(Gen<Attempt> attempts) {
    qt().withFixedSeed(SEED).withExamples(EXAMPLES).withShrinkCycles(30).forAll(attempts)
        .checkAssert(this::check);
  }

  private void check(Attempt a) {
    // Refused attempts change nothing, so the last example's "after" is this one's "before";
    // it is only reused when that example passed.
    RosterFixtures.RosterSnapshot before = lastSnapshot != null ? lastSnapshot : w.snapshot();
    lastSnapshot = null;

    Throwable thrown = catchThrowable(a.call());

    Expected x = a.expected();
    assertThat(thrown).as(a.label()).isInstanceOf(x.type());
    ZhuliException e = (ZhuliException) thrown;
    assertThat(e.code()).as(a.label() + ": " + e.getMessage()).isEqualTo(x.code());
    String detail = detailOf(e);
    if (x.prefix()) {
      assertThat(detail).as(a.label() + ": " + e.getMessage()).startsWith(x.detail());
    } else {
      assertThat(detail).as(a.label() + ": " + e.getMessage()).isEqualTo(x.detail());
    }
    for (String text : a.texts()) {
      assertNotEchoed(a.label(), e.getMessage(), text);
    }
    for (String phone : a.phones()) {
      RosterFixtures.assertNoPhoneIn(e.getMessage(), phone);
    }
    RosterFixtures.RosterSnapshot after = w.snapshot();
    assertThat(after).as(a.label() + ": nothing changed").isEqualTo(before);
    lastSnapshot = after;
  }

  private static String detailOf(ZhuliException e) {
    if (e instanceof ValidationException v) {
      return v.field();
    } else if (e instanceof RuleViolationException r) {
      return r.rule();
    } else if (e instanceof NotFoundException n) {
      return n.kind();
    } else if (e instanceof AccessDeniedException d) {
      return d.action();
    }
    return e.code().name();
  }


  // ---- attempts ---------------------------------------------------------------------------


  /** One hostile call, what it must fail with, and the personal values it must not echo. */
  record Attempt(String label, ThrowingCallable call, Expected expected, List<String> texts,
      List<String> phones) {
    @Override
    public String toString() {
      return label + " ⇒ " + expected;
    }
  }

  /** An attempt; {@code personal} are texts (names, skills, organisations) and phones. */
  private static Attempt attempt(String label, ThrowingCallable call, Expected expected,
      String... personal) {
    List<String> texts = new ArrayList<>();
    List<String> phones = new ArrayList<>();
    for (String p : personal) {
      if (p != null && looksLikePhone(p)) {
        phones.add(p);
      }
      texts.add(p);
    }
    return new Attempt(label, call, expected, texts, phones);
  }

  private static boolean looksLikePhone(String p) {
    return p.chars().filter(Character::isDigit).count() >= 3
        || RosterGenerators.FIXED_HOSTILE_PHONES.contains(p);
  }

  /** A region level, parent and the actors entitled to create it. */
  record Target(RegionLevel level, Region parent, List<Actor> actors) {
    Actor actor(int i) {
      return actors.get(i % actors.size());
    }

    @Override
    public String toString() {
      return (level == null ? "" : level + " ") + "under "
          + (parent == null ? "nothing" : parent.name());
    }
  }

  /** A name already taken among the parent's children. */
  record Dup(RegionLevel level, Region parent, String name) {
    @Override
    public String toString() {
      return show(name) + (parent == null ? "" : " under " + parent.name());
    }
  }

  record Appointment(GroupId group, MemberId member, String why) {}

  record Serving(MemberId member, SquadId squad) {}

  @SafeVarargs
  private static Gen<Attempt> cases(Gen<Attempt>... gens) {
    return RosterGenerators.oneOf(List.of(gens));
  }

  // ---- inputs -----------------------------------------------------------------------------

  private static Actor unknownMember() {
    return Actor.member(MemberId.of("unknown-1"));
  }

  private static NewRegion.Builder builder(Target t) {
    NewRegion.Builder b = new NewRegion.Builder().level(t.level());
    if (t.parent() != null) {
      b.parent(t.parent().id());
    }
    return b;
  }

  private static NewRegion regionInput(String name, RegionLevel level, Region parent,
      String key) {
    NewRegion.Builder b = new NewRegion.Builder().name(name).level(level);
    if (parent != null) {
      b.parent(parent.id());
    }
    if (key != null) {
      b.requestKey(key);
    }
    return b.build();
  }

  private static NewVillage villageInput(String name, Region town, String key) {
    NewVillage.Builder b = new NewVillage.Builder().name(name).town(town.id());
    if (key != null) {
      b.requestKey(key);
    }
    return b.build();
  }

  private static NewGroup groupInput(String name, RegionId county, String key) {
    NewGroup.Builder b = new NewGroup.Builder().name(name).county(county);
    if (key != null) {
      b.requestKey(key);
    }
    return b.build();
  }

  private static NewSquad squadInput(GroupId group, String name, SquadKind kind, String key) {
    NewSquad.Builder b = new NewSquad.Builder().group(group).name(name).kind(kind);
    if (key != null) {
      b.requestKey(key);
    }
    return b.build();
  }

  /** A valid new member of 合陽縣's group but for what the caller changes; name may be null. */
  private NewMember.Builder newMember(String name, String phone) {
    NewMember.Builder b = new NewMember.Builder().group(w.heyangGroup).name(name)
        .background(Background.SELECTED_GRADUATE).addSkills("短視頻拍攝", "直播電商");
    if (phone != null) {
      b.phone(phone);
    }
    return b;
  }

  private static MemberUpdate.Builder update(MemberId member) {
    return new MemberUpdate.Builder().member(member);
  }

  /** Valid skills with a hostile one at a position. */
  private static List<String> skillsWith(String hostile, int at) {
    List<String> skills = new ArrayList<>(List.of("葡萄栽培", "冷鏈物流", "Excel"));
    skills.add(Math.min(at, skills.size()), hostile);
    return skills;
  }

  /** n distinct valid skills. */
  private static Set<String> manySkills(int n) {
    List<String> pool = new ArrayList<>(RosterGenerators.SKILLS);
    pool.addAll(MORE_SKILLS);
    return new LinkedHashSet<>(pool.subList(0, n));
  }

  private static Set<String> normalSkills(Set<String> skills) {
    return RosterGenerators.normalSkills(new ArrayList<>(skills));
  }

  /** Ids of the right shape that name nothing of the right kind: unknown or of another kind. */
  private Gen<String> idValuesNotFound(Class<?> kind) {
    List<String> values = new ArrayList<>(RosterGenerators.UNKNOWN_ID_VALUES);
    if (kind != RegionId.class) {
      for (Region r : List.of(w.weinan, w.heyang, w.xinchi)) {
        values.add(r.id().value());
      }
    }
    if (kind != VillageId.class) {
      values.add(w.beishun.id().value());
      values.add(w.lishisan.id().value());
    }
    if (kind != GroupId.class) {
      values.add(w.heyangGroup.value());
      values.add(w.linweiGroup.value());
    }
    if (kind != SquadId.class) {
      values.add(w.industry.id().value());
      values.add(w.linweiIndustry.id().value());
    }
    if (kind != MemberId.class) {
      values.add(w.plain.id().value());
      values.add(w.coordinatorMember.id().value());
    }
    return Generate.pick(values).mix(unknownIdValues(), 30);
  }

  private Gen<RegionId> regionIdsNotFound() {
    return idValuesNotFound(RegionId.class).map(RegionId::of);
  }
}
