package dev.zhuli.core.roster;

import static dev.zhuli.core.roster.RosterFixtures.all;
import static dev.zhuli.core.roster.RosterFixtures.ids;
import static dev.zhuli.core.roster.RosterFixtures.region;
import static dev.zhuli.core.roster.RosterFixtures.village;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.zhuli.core.AccessDeniedException;
import dev.zhuli.core.Actor;
import dev.zhuli.core.ErrorCode;
import dev.zhuli.core.GroupId;
import dev.zhuli.core.MemberId;
import dev.zhuli.core.PageRequest;
import dev.zhuli.core.ResultPage;
import dev.zhuli.core.RuleViolationException;
import dev.zhuli.core.ValidationException;
import dev.zhuli.core.ZhuliException;
import dev.zhuli.core.access.Action;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The roster's rules, one example each, on the small Weinan world of {@link RosterFixtures}. */
class RosterRulesTest {
  private RosterFixtures w;
  private Roster roster;

  @BeforeEach
  void setUp() {
    w = RosterFixtures.weinan();
    roster = w.roster;
  }

  @AfterEach
  void tearDown() {
    w.close();
  }

  // ---- the region tree --------------------------------------------------------------------

  @Test
  void onlyTheSystemCreatesCities() {
    Region baoji = roster.createRegion(w.system, region("寶雞市", RegionLevel.CITY, null));

    assertThat(baoji.level()).isEqualTo(RegionLevel.CITY);
    assertThat(baoji.parent()).isEmpty();
    assertThat(baoji.path()).containsExactly(baoji.id());
    for (Actor actor : List.of(w.cityAdmin, w.heyangAdmin, w.coordinator, w.plainMember)) {
      assertDenied(() -> roster.createRegion(actor, region("延安市", RegionLevel.CITY, null)),
          Action.CREATE_REGION);
    }
    assertThat(all(p -> roster.regionsUnder(null, p))).containsExactly(w.weinan, baoji);
  }

  @Test
  void aCountyLevelRegionBelongsUnderACity() {
    Region huazhou = roster.createRegion(w.cityAdmin,
        region("華州區", RegionLevel.DISTRICT, w.weinan));
    Region hancheng = roster.createRegion(w.system,
        region("韓城市", RegionLevel.COUNTY_LEVEL_CITY, w.weinan));

    assertThat(huazhou.parent()).contains(w.weinan.id());
    assertThat(huazhou.path()).containsExactly(w.weinan.id(), huazhou.id());
    assertThat(hancheng.level()).isEqualTo(RegionLevel.COUNTY_LEVEL_CITY);
    assertThat(roster.region(huazhou.id())).contains(huazhou);
    assertThat(all(p -> roster.regionsUnder(w.weinan.id(), p)))
        .containsExactly(w.linwei, w.heyang, w.dali, huazhou, hancheng);
  }

  @Test
  void aTownBelongsUnderACountyLevelRegion() {
    Region fangzhen = roster.createRegion(w.heyangAdmin,
        region("坊鎮", RegionLevel.TOWN, w.heyang));
    Region guandao = roster.createRegion(w.linweiAdmin,
        region("官道鎮", RegionLevel.TOWN, w.linwei));
    Region hancheng = roster.createRegion(w.system,
        region("韓城市", RegionLevel.COUNTY_LEVEL_CITY, w.weinan));
    Region zhichuan = roster.createRegion(w.system,
        region("芝川鎮", RegionLevel.TOWN, hancheng));

    assertThat(fangzhen.path()).containsExactly(w.weinan.id(), w.heyang.id(), fangzhen.id());
    assertThat(guandao.parent()).contains(w.linwei.id());
    assertThat(zhichuan.path()).containsExactly(w.weinan.id(), hancheng.id(), zhichuan.id());
    assertThat(all(p -> roster.regionsUnder(w.heyang.id(), p)))
        .containsExactly(w.xinchi, fangzhen);
  }

  @Test
  void aRegionUnderTheWrongLevelIsRefusedOnRegionParent() {
    RosterFixtures.RosterSnapshot before = w.snapshot();

    assertInvalid(() -> roster.createRegion(w.system,
        region("華州區", RegionLevel.DISTRICT, w.xinchi)), ErrorCode.INVALID_INPUT,
        "region.parent");
    assertInvalid(() -> roster.createRegion(w.system,
        region("澄城縣", RegionLevel.COUNTY, w.heyang)), ErrorCode.INVALID_INPUT,
        "region.parent");
    assertInvalid(() -> roster.createRegion(w.system,
        region("坊鎮", RegionLevel.TOWN, w.weinan)), ErrorCode.INVALID_INPUT, "region.parent");
    assertInvalid(() -> roster.createRegion(w.system,
        region("坊鎮", RegionLevel.TOWN, w.xinchi)), ErrorCode.INVALID_INPUT, "region.parent");
    assertInvalid(() -> roster.createRegion(w.system,
        region("寶雞市", RegionLevel.CITY, w.weinan)), ErrorCode.INVALID_INPUT, "region.parent");
    assertInvalid(() -> roster.createRegion(w.system,
        region("華州區", RegionLevel.DISTRICT, null)), ErrorCode.INVALID_INPUT, "region.parent");
    assertInvalid(() -> roster.createRegion(w.system,
        region("坊鎮", RegionLevel.TOWN, null)), ErrorCode.INVALID_INPUT, "region.parent");
    assertThat(w.snapshot()).isEqualTo(before);
  }

  @Test
  void siblingRegionsMayNotShareAName() {
    assertInvalid(() -> roster.createRegion(w.heyangAdmin,
        region("新池鎮", RegionLevel.TOWN, w.heyang)), ErrorCode.DUPLICATE_NAME, "region.name");
    assertInvalid(() -> roster.createRegion(w.system,
        region("合陽縣", RegionLevel.COUNTY, w.weinan)), ErrorCode.DUPLICATE_NAME, "region.name");
    assertInvalid(() -> roster.createRegion(w.system,
        region("渭南市", RegionLevel.CITY, null)), ErrorCode.DUPLICATE_NAME, "region.name");
    assertThat(all(p -> roster.regionsUnder(w.heyang.id(), p))).containsExactly(w.xinchi);
  }

  @Test
  void regionNamesCompareAfterNfcTrimAndCaseFolding() {
    Region xinchi = roster.createRegion(w.system, region("Xinchi", RegionLevel.TOWN, w.dali));
    roster.createRegion(w.system, region("Cafe\u0301", RegionLevel.TOWN, w.dali));

    for (String same : List.of(" xinchi ", "XINCHI", "xInChI\u3000", "\txinchi")) {
      assertInvalid(() -> roster.createRegion(w.system, region(same, RegionLevel.TOWN, w.dali)),
          ErrorCode.DUPLICATE_NAME, "region.name");
    }
    assertInvalid(() -> roster.createRegion(w.system, region("CAFÉ", RegionLevel.TOWN, w.dali)),
        ErrorCode.DUPLICATE_NAME, "region.name");
    assertInvalid(() -> roster.createRegion(w.heyangAdmin,
        region(" 新池鎮\u3000", RegionLevel.TOWN, w.heyang)), ErrorCode.DUPLICATE_NAME,
        "region.name");
    assertThat(xinchi.name()).isEqualTo("Xinchi");
    assertThat(all(p -> roster.regionsUnder(w.dali.id(), p))).extracting(Region::name)
        .containsExactly("Xinchi", "Café");
  }

  @Test
  void theSameNameUnderDifferentParentsIsFine() {
    Region otherXinchi = roster.createRegion(w.system,
        region("新池鎮", RegionLevel.TOWN, w.dali));
    Village otherBeishun = roster.createVillage(w.linweiAdmin,
        village("北順村", VillageKind.VILLAGE, w.lindian));

    assertThat(otherXinchi.id()).isNotEqualTo(w.xinchi.id());
    assertThat(otherXinchi.name()).isEqualTo(w.xinchi.name());
    assertThat(otherBeishun.id()).isNotEqualTo(w.beishun.id());
    assertThat(otherBeishun.county()).isEqualTo(w.linwei.id());
  }

  @Test
  void regionsUnderNullListsTheCities() {
    assertThat(all(p -> roster.regionsUnder(null, p))).containsExactly(w.weinan);
    assertThat(all(p -> roster.regionsUnder(w.weinan.id(), p)))
        .containsExactly(w.linwei, w.heyang, w.dali);
    assertThat(all(p -> roster.regionsUnder(w.xinchi.id(), p))).isEmpty();
  }

  @Test
  void namesOfOnlyUnicodeWhitespaceAreBlank() {
    RosterFixtures.RosterSnapshot before = w.snapshot();
    // U+00A0, U+2007 and U+202F are White_Space in Unicode, though not to Character.isWhitespace.
    for (String blank : List.of("\u00A0", " \u00A0 ", "\u2007", "\u202F\u3000")) {
      assertInvalid(() -> roster.createRegion(w.heyangAdmin,
          region(blank, RegionLevel.TOWN, w.heyang)), ErrorCode.INVALID_INPUT, "region.name");
      assertInvalid(() -> roster.addMember(w.coordinator, w.newHeyangMember(blank).build()),
          ErrorCode.INVALID_INPUT, "member.name");
    }
    assertThat(w.snapshot()).isEqualTo(before);
  }

  // ---- villages ---------------------------------------------------------------------------

  @Test
  void villagesBelongOnlyInTowns() {
    assertInvalid(() -> roster.createVillage(w.heyangAdmin,
        village("東宮城村", VillageKind.VILLAGE, w.heyang)), ErrorCode.INVALID_INPUT,
        "village.town");
    assertInvalid(() -> roster.createVillage(w.system,
        village("東宮城村", VillageKind.VILLAGE, w.weinan)), ErrorCode.INVALID_INPUT,
        "village.town");

    Village dongcheng = roster.createVillage(w.heyangAdmin,
        new NewVillage.Builder().name("東宮城村").town(w.xinchi.id()).build());
    assertThat(dongcheng.kind()).isEqualTo(VillageKind.VILLAGE);
    assertThat(dongcheng.town()).isEqualTo(w.xinchi.id());
    assertThat(dongcheng.path()).containsExactly(w.weinan.id(), w.heyang.id(), w.xinchi.id());
    assertThat(dongcheng.county()).isEqualTo(w.heyang.id());
    assertThat(w.nangou.kind()).isEqualTo(VillageKind.COMMUNITY);
    assertThat(roster.village(w.nangou.id())).contains(w.nangou);
  }

  @Test
  void villageNamesAreUniqueWithinATown() {
    assertInvalid(() -> roster.createVillage(w.heyangAdmin,
        village("北順村", VillageKind.VILLAGE, w.xinchi)), ErrorCode.DUPLICATE_NAME,
        "village.name");
    assertInvalid(() -> roster.createVillage(w.heyangAdmin,
        village(" 南溝社區 ", VillageKind.COMMUNITY, w.xinchi)), ErrorCode.DUPLICATE_NAME,
        "village.name");
    assertThat(all(p -> roster.villagesOf(w.xinchi.id(), p)))
        .containsExactly(w.beishun, w.nangou);
  }

  // ---- groups -----------------------------------------------------------------------------

  @Test
  void aCountyHasOneGroupAtMost() {
    RosterFixtures.RosterSnapshot before = w.snapshot();
    for (Actor actor : List.of(w.heyangAdmin, w.cityAdmin, w.system)) {
      assertRule(() -> roster.createGroup(actor, new NewGroup.Builder().name("合陽縣第二助力團")
          .county(w.heyang.id()).build()), "one-group-per-county");
    }
    assertThat(w.snapshot()).isEqualTo(before);
  }

  @Test
  void aGroupServesOnlyACountyLevelRegion() {
    assertInvalid(() -> roster.createGroup(w.heyangAdmin, new NewGroup.Builder()
        .name("新池鎮助力團").county(w.xinchi.id()).build()), ErrorCode.INVALID_INPUT,
        "group.county");
    assertInvalid(() -> roster.createGroup(w.system, new NewGroup.Builder()
        .name("渭南市助力團").county(w.weinan.id()).build()), ErrorCode.INVALID_INPUT,
        "group.county");
  }

  @Test
  void aGroupsTimeZoneDefaultsToAsiaShanghai() {
    HelpGroup dali = roster.createGroup(w.cityAdmin, new NewGroup.Builder()
        .name("大荔縣紅色助力團").county(w.dali.id()).build());

    assertThat(dali.timeZone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
    assertThat(dali.county()).isEqualTo(w.dali.id());
    assertThat(dali.path()).containsExactly(w.weinan.id(), w.dali.id());
    assertThat(dali.coordinator()).isEmpty();
    assertThat(roster.group(dali.id())).contains(dali);
    assertThat(roster.groupOfCounty(w.dali.id())).contains(dali);
    assertThat(w.heyangGroupNow().timeZone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
  }

  @Test
  void anExplicitTimeZoneIsKept() {
    HelpGroup dali = roster.createGroup(w.system, new NewGroup.Builder()
        .name("大荔縣紅色助力團").county(w.dali.id()).timeZone(ZoneId.of("Asia/Urumqi")).build());

    assertThat(dali.timeZone()).isEqualTo(ZoneId.of("Asia/Urumqi"));
    assertThat(roster.group(dali.id()).orElseThrow().timeZone())
        .isEqualTo(ZoneId.of("Asia/Urumqi"));
  }

  // ---- squads -----------------------------------------------------------------------------

  @Test
  void aGroupHasTheFourStandardSquadsAndMayHaveAHostsOwnKind() {
    assertThat(all(p -> roster.squadsOf(w.heyangGroup, p))).extracting(Squad::kind)
        .containsExactlyElementsOf(SquadKind.standard());

    Squad legalAid = w.squad(w.heyangAdmin, w.heyangGroup, "法律援助組",
        SquadKind.of("LEGAL_AID"));

    assertThat(legalAid.kind()).isEqualTo(SquadKind.of("LEGAL_AID"));
    assertThat(legalAid.kind().isStandard()).isFalse();
    assertThat(legalAid.group()).isEqualTo(w.heyangGroup);
    assertThat(roster.squad(legalAid.id())).contains(legalAid);
    assertThat(all(p -> roster.squadsOf(w.heyangGroup, p))).containsExactly(w.leadGeese,
        w.industry, w.training, w.marketing, legalAid);
  }

  @Test
  void squadNamesAreUniqueWithinAGroup() {
    assertInvalid(() -> w.squad(w.heyangAdmin, w.heyangGroup, "產業組", SquadKind.INDUSTRY),
        ErrorCode.DUPLICATE_NAME, "squad.name");
    assertInvalid(() -> w.squad(w.heyangAdmin, w.heyangGroup, " 產業組 ",
        SquadKind.of("INDUSTRY_2")), ErrorCode.DUPLICATE_NAME, "squad.name");
    assertThat(all(p -> roster.squadsOf(w.heyangGroup, p))).hasSize(4);
  }

  @Test
  void theSameSquadNameInAnotherGroupIsFine() {
    Squad leadGeese = w.squad(w.linweiAdmin, w.linweiGroup, "頭雁組", SquadKind.LEAD_GEESE);

    assertThat(w.linweiIndustry.name()).isEqualTo(w.industry.name());
    assertThat(leadGeese.name()).isEqualTo(w.leadGeese.name());
    assertThat(all(p -> roster.squadsOf(w.linweiGroup, p)))
        .containsExactly(w.linweiIndustry, leadGeese);
  }

  // ---- members ----------------------------------------------------------------------------

  @Test
  void addMemberKeepsEveryField() {
    Member yang = w.add(w.coordinator, new NewMember.Builder().group(w.heyangGroup)
        .name(" 楊海燕 ").phone("+86 139 1234 5678").background(Background.SELECTED_GRADUATE)
        .partyMember(true).addSkills("直播電商", " 農產品包裝設計").homeOrganisation("渭南師範學院")
        .village(w.nangou.id()).build());

    assertThat(yang.group()).isEqualTo(w.heyangGroup);
    assertThat(yang.name()).isEqualTo("楊海燕");
    assertThat(yang.phone()).contains("+8613912345678");
    assertThat(yang.maskedPhone()).contains("+86139****5678");
    assertThat(yang.background()).isEqualTo(Background.SELECTED_GRADUATE);
    assertThat(yang.partyMember()).isTrue();
    assertThat(yang.skills()).containsExactlyInAnyOrder("直播電商", "農產品包裝設計");
    assertThat(yang.homeOrganisation()).contains("渭南師範學院");
    assertThat(yang.village()).contains(w.nangou.id());
    assertThat(yang.squads()).isEmpty();
    assertThat(yang.removed()).isFalse();
    assertThat(yang.erased()).isFalse();
    assertThat(roster.member(yang.id())).contains(yang);
  }

  @Test
  void aVillageCadreMustNameTheirVillage() {
    assertInvalid(() -> roster.addMember(w.coordinator, w.newHeyangMember("黨春梅")
        .background(Background.VILLAGE_CADRE).build()), ErrorCode.INVALID_INPUT,
        "member.village");
    assertInvalid(() -> roster.updateMember(w.coordinator, new MemberUpdate.Builder()
        .member(w.plain.id()).background(Background.VILLAGE_CADRE).build()),
        ErrorCode.INVALID_INPUT, "member.village");
    assertThat(w.member(w.plain.id())).isEqualTo(w.plain);
  }

  @Test
  void aCadresVillageMustLieInTheGroupsCounty() {
    assertRule(() -> roster.addMember(w.coordinator, w.newHeyangMember("黨春梅")
        .background(Background.VILLAGE_CADRE).village(w.lishisan.id()).build()),
        "village-in-county");
    assertRule(() -> roster.updateMember(w.coordinator, new MemberUpdate.Builder()
        .member(w.cadre.id()).village(w.lishisan.id()).build()), "village-in-county");
    assertThat(all(p -> roster.cadresOf(w.lishisan.id(), p))).isEmpty();
    assertThat(w.member(w.cadre.id())).isEqualTo(w.cadre);
  }

  @Test
  void mobileAndLandlinePhonesAreAccepted() {
    Map<String, String> kept = Map.of(
        "13800138000", "13800138000",
        "+8613800138000", "+8613800138000",
        "+86 138 0013 8000", "+8613800138000",
        "199 1234 5678", "19912345678",
        "0913-2345678", "0913-2345678",
        "09132345678", "09132345678",
        "029-87654321", "029-87654321");
    for (Map.Entry<String, String> e : kept.entrySet()) {
      Member m = w.add(w.coordinator, w.newHeyangMember("高志剛").phone(e.getKey()).build());
      assertThat(m.phone()).as(e.getKey()).contains(e.getValue());
    }
  }

  @Test
  void malformedPhonesAreRefusedAndNeverShown() {
    List<String> bad = List.of("123", "1380013800", "abc", "+1 555 0100", "139001380001", "",
        "12800138000", "0913-123456", "138-0013-8000");
    RosterFixtures.RosterSnapshot before = w.snapshot();
    for (String phone : bad) {
      ValidationException added = assertInvalid(() -> roster.addMember(w.coordinator,
          w.newHeyangMember("高志剛").phone(phone).build()), ErrorCode.INVALID_INPUT,
          "member.phone");
      ValidationException updated = assertInvalid(() -> roster.updateMember(w.coordinator,
          new MemberUpdate.Builder().member(w.plain.id()).phone(phone).build()),
          ErrorCode.INVALID_INPUT, "member.phone");
      for (ValidationException e : List.of(added, updated)) {
        RosterFixtures.assertNoPhoneIn(e.getMessage(), phone);
      }
    }
    assertThat(w.snapshot()).isEqualTo(before);
  }

  @Test
  void joiningASquadOfAnotherGroupIsRefused() {
    assertRule(() -> roster.joinSquad(w.coordinator, w.plain.id(), w.linweiIndustry.id(),
        SquadRole.MEMBER, null), "squad-in-group");
    assertRule(() -> roster.joinSquad(w.cityAdmin, w.linweiMember.id(), w.industry.id(),
        SquadRole.LEADER, null), "squad-in-group");
    assertThat(w.member(w.plain.id()).squads()).containsOnlyKeys(w.industry.id());
  }

  @Test
  void aMemberServesInAtMostEightSquads() {
    List<Squad> squads = new ArrayList<>(all(p -> roster.squadsOf(w.heyangGroup, p)));
    squads.add(w.squad(w.heyangAdmin, w.heyangGroup, "法律援助組", SquadKind.of("LEGAL_AID")));
    squads.add(w.squad(w.heyangAdmin, w.heyangGroup, "醫療服務組", SquadKind.of("HEALTH")));
    squads.add(w.squad(w.heyangAdmin, w.heyangGroup, "文化宣傳組", SquadKind.of("CULTURE")));
    squads.add(w.squad(w.heyangAdmin, w.heyangGroup, "生態環保組", SquadKind.of("ECOLOGY")));
    squads.add(w.squad(w.heyangAdmin, w.heyangGroup, "金融服務組", SquadKind.of("FINANCE")));
    Member busy = w.add(w.coordinator, w.newHeyangMember("孫曉東").build());

    for (Squad s : squads.subList(0, 8)) {
      roster.joinSquad(w.coordinator, busy.id(), s.id(), SquadRole.MEMBER, null);
    }
    assertRule(() -> roster.joinSquad(w.coordinator, busy.id(), squads.get(8).id(),
        SquadRole.MEMBER, null), "squads-per-member");
    Member leader = roster.joinSquad(w.coordinator, busy.id(), squads.get(0).id(),
        SquadRole.LEADER, null);

    assertThat(leader.squads()).hasSize(8).containsEntry(squads.get(0).id(), SquadRole.LEADER)
        .doesNotContainKey(squads.get(8).id());
    assertThat(all(p -> roster.membersOfSquad(squads.get(8).id(), p))).isEmpty();
  }

  @Test
  void leavingASquadOneIsNotInIsRefused() {
    assertRule(() -> roster.leaveSquad(w.coordinator, w.plain.id(), w.training.id(), null),
        "member-in-squad");
    assertRule(() -> roster.leaveSquad(w.coordinator, w.plain.id(), w.linweiIndustry.id(), null),
        "member-in-squad");

    Member left = roster.leaveSquad(w.coordinator, w.plain.id(), w.industry.id(), null);
    assertThat(left.squads()).isEmpty();
    assertThat(all(p -> roster.membersOfSquad(w.industry.id(), p))).isEmpty();
  }

  @Test
  void aRemovedMemberLeavesEveryListingButCanStillBeRead() {
    MemberId li = w.cadre.id();
    assertThat(ids(all(p -> roster.membersOfSquad(w.leadGeese.id(), p)))).contains(li);
    assertThat(ids(all(p -> roster.membersBySkill(w.heyangGroup, "合作社管理", p)))).contains(li);
    assertThat(ids(all(p -> roster.cadresOf(w.beishun.id(), p)))).containsExactly(li);

    Member removed = roster.removeMember(w.coordinator, li, null);

    assertThat(removed.removed()).isTrue();
    assertThat(removed.squads()).isEmpty();
    assertThat(roster.member(li)).contains(removed);
    assertThat(removed.name()).isEqualTo(RosterFixtures.CADRE_NAME);
    assertThat(ids(all(p -> roster.membersOfSquad(w.leadGeese.id(), p))))
        .containsExactly(w.coordinatorMember.id());
    assertThat(ids(all(p -> roster.membersBySkill(w.heyangGroup, "合作社管理", p))))
        .containsExactly(w.coordinatorMember.id());
    assertThat(all(p -> roster.cadresOf(w.beishun.id(), p))).isEmpty();
    assertThat(ids(all(p -> roster.membersOf(w.heyangGroup, p))))
        .as("membersOf lists the active members only").doesNotContain(li);
  }

  @Test
  void theCoordinatorCannotBeRemovedUntilAnotherIsAppointed() {
    for (Actor actor : List.of(w.coordinator, w.heyangAdmin, w.system)) {
      assertRule(() -> roster.removeMember(actor, w.coordinatorMember.id(), null),
          "keep-coordinator");
    }
    assertThat(w.member(w.coordinatorMember.id()).removed()).isFalse();

    roster.appointCoordinator(w.heyangAdmin, w.heyangGroup, w.plain.id(), null);
    Member removed = roster.removeMember(w.plainMember, w.coordinatorMember.id(), null);

    assertThat(removed.removed()).isTrue();
    assertThat(w.heyangGroupNow().coordinator()).contains(w.plain.id());
  }

  @Test
  void commandsOnARemovedMemberAreRefused() {
    MemberId wang = w.former.id();
    RosterFixtures.RosterSnapshot before = w.snapshot();

    assertRule(() -> roster.updateMember(w.coordinator, new MemberUpdate.Builder().member(wang)
        .skills(Set.of("水質檢測")).build()), "member-active");
    assertRule(() -> roster.joinSquad(w.coordinator, wang, w.training.id(), SquadRole.MEMBER,
        null), "member-active");
    assertRule(() -> roster.leaveSquad(w.coordinator, wang, w.training.id(), null),
        "member-active");
    assertRule(() -> roster.removeMember(w.coordinator, wang, null), "member-active");
    assertRule(() -> roster.appointCoordinator(w.heyangAdmin, w.heyangGroup, wang, null),
        "coordinator-in-group");
    assertThat(w.snapshot()).isEqualTo(before);
  }

  @Test
  void erasingAMemberDropsPersonalDataAndKeepsTheRest() {
    Member zhang = w.member(w.plain.id());
    String shownBefore = zhang.toString();

    Member erased = roster.eraseMember(w.coordinator, zhang.id(), null);

    assertThat(erased.name()).isEqualTo("(erased)");
    assertThat(erased.phone()).isEmpty();
    assertThat(erased.maskedPhone()).isEmpty();
    assertThat(erased.homeOrganisation()).isEmpty();
    assertThat(erased.erased()).isTrue();
    assertThat(erased.removed()).isFalse();
    assertThat(erased.id()).isEqualTo(zhang.id());
    assertThat(erased.group()).isEqualTo(zhang.group());
    assertThat(erased.squads()).isEqualTo(zhang.squads());
    assertThat(erased.background()).isEqualTo(zhang.background());
    assertThat(erased.partyMember()).isEqualTo(zhang.partyMember());
    assertThat(erased.skills()).isEqualTo(zhang.skills());
    assertThat(roster.member(zhang.id())).contains(erased);
    assertThat(ids(all(p -> roster.membersOfSquad(w.industry.id(), p))))
        .containsExactly(zhang.id());
    for (String shown : List.of(shownBefore, erased.toString())) {
      assertThat(shown).doesNotContain(RosterFixtures.PLAIN_NAME)
          .doesNotContain(RosterFixtures.PLAIN_PHONE).doesNotContain("5512345");
    }
  }

  @Test
  void erasingIsIdempotentAndWorksOnRemovedMembers() {
    Member once = roster.eraseMember(w.coordinator, w.plain.id(), null);
    RosterFixtures.RosterSnapshot afterOnce = w.snapshot();
    Member twice = roster.eraseMember(w.heyangAdmin, w.plain.id(), null);

    assertThat(twice).isEqualTo(once);
    assertThat(w.snapshot()).isEqualTo(afterOnce);

    Member former = roster.eraseMember(w.coordinator, w.former.id(), null);
    assertThat(former.removed()).isTrue();
    assertThat(former.erased()).isTrue();
    assertThat(former.name()).isEqualTo("(erased)");
  }

  @Test
  void aMembersToStringNeverShowsNameOrPhone() {
    List<Member> members = List.of(w.coordinatorMember, w.plain, w.cadre, w.former,
        w.linweiMember);
    List<String> names = List.of(RosterFixtures.COORDINATOR_NAME, RosterFixtures.PLAIN_NAME,
        RosterFixtures.CADRE_NAME, RosterFixtures.FORMER_NAME, RosterFixtures.LINWEI_NAME);
    List<String> phones = List.of(RosterFixtures.COORDINATOR_PHONE, RosterFixtures.PLAIN_PHONE,
        RosterFixtures.CADRE_PHONE, RosterFixtures.LINWEI_PHONE);
    for (Member m : members) {
      for (String name : names) {
        assertThat(m.toString()).doesNotContain(name);
      }
      for (String phone : phones) {
        RosterFixtures.assertNoPhoneIn(m.toString(), phone);
      }
    }
    assertThat(w.coordinatorMember.maskedPhone()).contains("139****0001");
  }

  @Test
  void replayingAnAddAfterErasureDoesNotBringBackPersonalData() {
    NewMember input = w.newHeyangMember("楊海燕").phone("13912345678").requestKey("add-yang-1")
        .build();
    Member added = w.add(w.coordinator, input);
    roster.eraseMember(w.coordinator, added.id(), null);

    Throwable thrown = catchThrowable(() -> {
      Member replayed = roster.addMember(w.coordinator, input);
      assertThat(replayed.id()).isEqualTo(added.id());
      assertThat(replayed.name()).as("name after erasure").isNotEqualTo("楊海燕");
      assertThat(replayed.phone()).as("phone after erasure").isEmpty();
    });
    if (thrown instanceof AssertionError) {
      throw (AssertionError) thrown;
    }
    if (thrown != null) {
      assertThat(thrown).isInstanceOf(ZhuliException.class);
      assertThat(thrown.getMessage()).doesNotContain("楊海燕").doesNotContain("13912345678");
    }
  }

  // ---- queries ----------------------------------------------------------------------------

  @Test
  void squadsOfListsTheGroupsSquadsInCreationOrder() {
    assertThat(all(p -> roster.squadsOf(w.heyangGroup, p))).extracting(Squad::name)
        .containsExactly("頭雁組", "產業組", "培訓組", "行銷組");
    assertThat(all(p -> roster.squadsOf(w.linweiGroup, p))).containsExactly(w.linweiIndustry);
  }

  @Test
  void membersOfListsTheActiveMembersInCreationOrder() {
    assertThat(ids(all(p -> roster.membersOf(w.heyangGroup, p)))).containsExactly(
        w.coordinatorMember.id(), w.plain.id(), w.cadre.id());
    assertThat(ids(all(p -> roster.membersOf(w.linweiGroup, p))))
        .containsExactly(w.linweiMember.id());
  }

  @Test
  void membersOfSquadListsItsActiveMembers() {
    assertThat(ids(all(p -> roster.membersOfSquad(w.leadGeese.id(), p))))
        .containsExactly(w.coordinatorMember.id(), w.cadre.id());
    assertThat(ids(all(p -> roster.membersOfSquad(w.industry.id(), p))))
        .containsExactly(w.plain.id());
    assertThat(all(p -> roster.membersOfSquad(w.training.id(), p))).isEmpty();
    assertThat(all(p -> roster.membersOfSquad(w.leadGeese.id(), p)))
        .extracting(m -> m.squads().get(w.leadGeese.id()))
        .containsExactly(SquadRole.LEADER, SquadRole.MEMBER);
  }

  @Test
  void membersBySkillIgnoresCaseAndNormalisation() {
    Member gao = w.add(w.coordinator, w.newHeyangMember("高志剛").skills(List.of("Excel",
        "Cafe\u0301 Roasting", "GIS")).build());

    for (String query : List.of("Excel", "EXCEL", " excel ", "eXcEl\u3000")) {
      assertThat(ids(all(p -> roster.membersBySkill(w.heyangGroup, query, p)))).as(query)
          .containsExactly(gao.id());
    }
    for (String query : List.of("Café roasting", "CAFE\u0301 ROASTING", "café roasting")) {
      assertThat(ids(all(p -> roster.membersBySkill(w.heyangGroup, query, p)))).as(query)
          .containsExactly(gao.id());
    }
    assertThat(ids(all(p -> roster.membersBySkill(w.heyangGroup, "葡萄栽培", p))))
        .containsExactly(w.plain.id());
    assertThat(ids(all(p -> roster.membersBySkill(w.linweiGroup, "葡萄栽培", p))))
        .containsExactly(w.linweiMember.id());
    assertThat(all(p -> roster.membersBySkill(w.heyangGroup, "Excel表格", p))).isEmpty();
  }

  @Test
  void cadresOfListsTheVillagesActiveCadres() {
    assertThat(ids(all(p -> roster.cadresOf(w.beishun.id(), p))))
        .containsExactly(w.cadre.id());
    assertThat(all(p -> roster.cadresOf(w.nangou.id(), p))).isEmpty();

    Member dang = w.add(w.coordinator, w.newHeyangMember("黨春梅")
        .background(Background.VILLAGE_CADRE).village(w.nangou.id()).build());
    Member visitor = w.add(w.coordinator, w.newHeyangMember("馬亞寧").village(w.nangou.id())
        .build());

    assertThat(ids(all(p -> roster.cadresOf(w.nangou.id(), p)))).containsExactly(dang.id())
        .doesNotContain(visitor.id());
  }

  @Test
  void villagesOfListsTheTownsVillagesInCreationOrder() {
    assertThat(all(p -> roster.villagesOf(w.xinchi.id(), p)))
        .containsExactly(w.beishun, w.nangou);
    assertThat(all(p -> roster.villagesOf(w.lindian.id(), p))).containsExactly(w.lishisan);
    assertThat(w.lishisan.county()).isEqualTo(w.linwei.id());
    assertThat(roster.groupOfCounty(w.heyang.id())).contains(w.heyangGroupNow());
    assertThat(roster.groupOfCounty(w.dali.id())).isEmpty();
  }

  @Test
  void pagingReturnsEverythingOnceInCreationOrder() {
    GroupId dali = roster.createGroup(w.cityAdmin, new NewGroup.Builder()
        .name("大荔縣紅色助力團").county(w.dali.id()).build()).id();
    List<MemberId> added = new ArrayList<>();
    List<String> names = List.of("周建國", "吳秀英", "徐海燕", "孫志剛", "馬小紅", "朱永紅",
        "胡曉東");
    for (String name : names) {
      added.add(w.add(w.cityAdmin, new NewMember.Builder().group(dali).name(name)
          .background(Background.WORK_TEAM_MEMBER).build()).id());
    }

    List<MemberId> seen = new ArrayList<>();
    PageRequest page = PageRequest.first(2);
    int pages = 0;
    while (true) {
      ResultPage<Member> p = roster.membersOf(dali, page);
      assertThat(p.items()).hasSizeLessThanOrEqualTo(2);
      seen.addAll(ids(p.items()));
      pages++;
      if (p.nextCursor().isEmpty()) {
        break;
      }
      page = page.after(p.nextCursor().get());
      assertThat(pages).isLessThan(10);
    }

    assertThat(seen).containsExactlyElementsOf(added);
    assertThat(new HashSet<>(seen)).hasSameSizeAs(seen);
    assertThat(pages).isBetween(4, 5);
    assertThat(pagedByTwo(p -> roster.squadsOf(w.heyangGroup, p)))
        .containsExactly(w.leadGeese, w.industry, w.training, w.marketing);
    assertThat(pagedByTwo(p -> roster.regionsUnder(w.weinan.id(), p)))
        .containsExactly(w.linwei, w.heyang, w.dali);
  }

  // ---- who may ----------------------------------------------------------------------------

  @Test
  void anAdministratorOfAnotherCountyIsRefused() {
    RosterFixtures.RosterSnapshot before = w.snapshot();
    Actor linwei = w.linweiAdmin;

    assertDenied(() -> roster.createGroup(linwei, new NewGroup.Builder().name("合陽縣助力團")
        .county(w.heyang.id()).build()), Action.CREATE_GROUP);
    assertDenied(() -> roster.createGroup(linwei, new NewGroup.Builder().name("大荔縣助力團")
        .county(w.dali.id()).build()), Action.CREATE_GROUP);
    assertDenied(() -> w.squad(linwei, w.heyangGroup, "法律援助組", SquadKind.of("LEGAL_AID")),
        Action.CREATE_SQUAD);
    assertDenied(() -> roster.addMember(linwei, w.newHeyangMember("黨春梅").build()),
        Action.ADD_MEMBER);
    assertDenied(() -> roster.createRegion(linwei, region("坊鎮", RegionLevel.TOWN, w.heyang)),
        Action.CREATE_REGION);
    assertDenied(() -> roster.createVillage(linwei,
        village("東宮城村", VillageKind.VILLAGE, w.xinchi)), Action.CREATE_VILLAGE);
    assertDenied(() -> roster.appointCoordinator(linwei, w.heyangGroup, w.plain.id(), null),
        Action.APPOINT_COORDINATOR);
    assertDenied(() -> roster.updateMember(linwei, new MemberUpdate.Builder()
        .member(w.plain.id()).partyMember(true).build()), Action.UPDATE_MEMBER);
    assertDenied(() -> roster.joinSquad(linwei, w.plain.id(), w.training.id(), SquadRole.MEMBER,
        null), Action.CHANGE_SQUADS);
    assertDenied(() -> roster.leaveSquad(linwei, w.plain.id(), w.industry.id(), null),
        Action.CHANGE_SQUADS);
    assertDenied(() -> roster.removeMember(linwei, w.plain.id(), null), Action.REMOVE_MEMBER);
    assertDenied(() -> roster.eraseMember(linwei, w.plain.id(), null), Action.ERASE_MEMBER);
    assertThat(w.snapshot()).isEqualTo(before);
  }

  @Test
  void theCoordinatorManagesTheMembersOfTheirGroup() {
    Actor c = w.coordinator;
    Member yang = w.add(c, w.newHeyangMember("楊海燕").build());
    Member updated = roster.updateMember(c, new MemberUpdate.Builder().member(yang.id())
        .partyMember(true).homeOrganisation("渭南師範學院").build());
    Member joined = roster.joinSquad(c, yang.id(), w.marketing.id(), SquadRole.LEADER, null);
    Member left = roster.leaveSquad(c, yang.id(), w.marketing.id(), null);
    Member erased = roster.eraseMember(c, yang.id(), null);
    Member removed = roster.removeMember(c, yang.id(), null);

    assertThat(updated.partyMember()).isTrue();
    assertThat(updated.homeOrganisation()).contains("渭南師範學院");
    assertThat(joined.squads()).containsEntry(w.marketing.id(), SquadRole.LEADER);
    assertThat(left.squads()).isEmpty();
    assertThat(erased.erased()).isTrue();
    assertThat(removed.removed()).isTrue();
  }

  @Test
  void theCoordinatorMayNotCreateSquadsOrAppointCoordinators() {
    RosterFixtures.RosterSnapshot before = w.snapshot();
    Actor c = w.coordinator;

    assertDenied(() -> w.squad(c, w.heyangGroup, "法律援助組", SquadKind.of("LEGAL_AID")),
        Action.CREATE_SQUAD);
    assertDenied(() -> roster.appointCoordinator(c, w.heyangGroup, w.plain.id(), null),
        Action.APPOINT_COORDINATOR);
    assertDenied(() -> roster.appointCoordinator(c, w.heyangGroup, w.coordinatorMember.id(),
        null), Action.APPOINT_COORDINATOR);
    assertDenied(() -> roster.createGroup(c, new NewGroup.Builder().name("大荔縣助力團")
        .county(w.dali.id()).build()), Action.CREATE_GROUP);
    assertDenied(() -> roster.createRegion(c, region("坊鎮", RegionLevel.TOWN, w.heyang)),
        Action.CREATE_REGION);
    assertDenied(() -> roster.createVillage(c, village("東宮城村", VillageKind.VILLAGE,
        w.xinchi)), Action.CREATE_VILLAGE);
    assertThat(w.snapshot()).isEqualTo(before);
  }

  @Test
  void aCoordinatorHasNoSayInAnotherGroup() {
    RosterFixtures.RosterSnapshot before = w.snapshot();
    Actor chen = w.linweiCoordinator;

    assertDenied(() -> roster.addMember(chen, w.newHeyangMember("黨春梅").build()),
        Action.ADD_MEMBER);
    assertDenied(() -> roster.updateMember(chen, new MemberUpdate.Builder()
        .member(w.plain.id()).partyMember(true).build()), Action.UPDATE_MEMBER);
    assertDenied(() -> roster.joinSquad(chen, w.plain.id(), w.training.id(), SquadRole.MEMBER,
        null), Action.CHANGE_SQUADS);
    assertDenied(() -> roster.removeMember(chen, w.plain.id(), null), Action.REMOVE_MEMBER);
    assertDenied(() -> roster.eraseMember(chen, w.plain.id(), null), Action.ERASE_MEMBER);
    assertThat(w.snapshot()).isEqualTo(before);
  }

  @Test
  void aPlainMemberMayDoNoneOfIt() {
    RosterFixtures.RosterSnapshot before = w.snapshot();
    for (Actor m : List.of(w.plainMember, Actor.member(w.cadre.id()),
        Actor.member(w.former.id()), Actor.member(MemberId.of("unknown-1")))) {
      assertDenied(() -> roster.createRegion(m, region("坊鎮", RegionLevel.TOWN, w.heyang)),
          Action.CREATE_REGION);
      assertDenied(() -> roster.createVillage(m, village("東宮城村", VillageKind.VILLAGE,
          w.xinchi)), Action.CREATE_VILLAGE);
      assertDenied(() -> roster.createGroup(m, new NewGroup.Builder().name("大荔縣助力團")
          .county(w.dali.id()).build()), Action.CREATE_GROUP);
      assertDenied(() -> w.squad(m, w.heyangGroup, "法律援助組", SquadKind.of("LEGAL_AID")),
          Action.CREATE_SQUAD);
      assertDenied(() -> roster.appointCoordinator(m, w.heyangGroup, w.plain.id(), null),
          Action.APPOINT_COORDINATOR);
      assertDenied(() -> roster.addMember(m, w.newHeyangMember("黨春梅").build()),
          Action.ADD_MEMBER);
      assertDenied(() -> roster.updateMember(m, new MemberUpdate.Builder()
          .member(w.plain.id()).partyMember(true).build()), Action.UPDATE_MEMBER);
      assertDenied(() -> roster.joinSquad(m, w.plain.id(), w.training.id(), SquadRole.LEADER,
          null), Action.CHANGE_SQUADS);
      assertDenied(() -> roster.leaveSquad(m, w.plain.id(), w.industry.id(), null),
          Action.CHANGE_SQUADS);
      assertDenied(() -> roster.removeMember(m, w.cadre.id(), null), Action.REMOVE_MEMBER);
      assertDenied(() -> roster.eraseMember(m, w.plain.id(), null), Action.ERASE_MEMBER);
    }
    assertThat(w.snapshot()).isEqualTo(before);
  }

  @Test
  void aCityAdministratorMayActInEveryCountyOfTheCity() {
    Actor city = w.cityAdmin;
    Region fangzhen = roster.createRegion(city, region("坊鎮", RegionLevel.TOWN, w.heyang));
    Region guandao = roster.createRegion(city, region("官道鎮", RegionLevel.TOWN, w.linwei));
    roster.createVillage(city, village("東宮城村", VillageKind.VILLAGE, fangzhen));
    roster.createVillage(city, village("官道村", VillageKind.VILLAGE, guandao));
    HelpGroup dali = roster.createGroup(city, new NewGroup.Builder().name("大荔縣紅色助力團")
        .county(w.dali.id()).build());
    w.squad(city, w.heyangGroup, "法律援助組", SquadKind.of("LEGAL_AID"));
    Squad linweiTraining = w.squad(city, w.linweiGroup, "培訓組", SquadKind.TRAINING);
    w.squad(city, dali.id(), "產業組", SquadKind.INDUSTRY);
    Member yang = w.add(city, w.newHeyangMember("楊海燕").build());
    Member zhu = w.add(city, new NewMember.Builder().group(w.linweiGroup).name("朱永紅")
        .background(Background.VILLAGE_CADRE).village(w.lishisan.id()).build());
    roster.joinSquad(city, zhu.id(), linweiTraining.id(), SquadRole.LEADER, null);
    roster.appointCoordinator(city, w.heyangGroup, yang.id(), null);
    roster.updateMember(city, new MemberUpdate.Builder().member(w.plain.id()).partyMember(true)
        .build());
    roster.eraseMember(city, w.linweiMember.id(), null);
    roster.removeMember(city, w.cadre.id(), null);

    assertThat(w.heyangGroupNow().coordinator()).contains(yang.id());
    assertThat(ids(all(p -> roster.cadresOf(w.lishisan.id(), p)))).containsExactly(zhu.id());
    assertThat(w.member(w.linweiMember.id()).erased()).isTrue();
  }

  // ---- request keys -----------------------------------------------------------------------

  @Test
  void repeatingAnAddWithTheSameKeyReturnsTheSameMember() {
    NewMember input = w.newHeyangMember("楊海燕").requestKey("add-member-0001").build();
    Member first = w.add(w.coordinator, input);
    int count = all(p -> roster.membersOf(w.heyangGroup, p)).size();
    RosterFixtures.RosterSnapshot before = w.snapshot();

    Member again = roster.addMember(w.coordinator, input);

    assertThat(again.id()).isEqualTo(first.id());
    assertThat(again).isEqualTo(first);
    assertThat(all(p -> roster.membersOf(w.heyangGroup, p))).hasSize(count);
    assertThat(w.snapshot()).isEqualTo(before);
  }

  @Test
  void aKeyReusedForDifferentInputIsRefused() {
    w.add(w.coordinator, w.newHeyangMember("楊海燕").requestKey("add-member-0002").build());
    RosterFixtures.RosterSnapshot before = w.snapshot();

    assertInvalid(() -> roster.addMember(w.coordinator, w.newHeyangMember("楊海燕")
        .phone("13912345678").requestKey("add-member-0002").build()),
        ErrorCode.REQUEST_KEY_REUSED, "requestKey");
    assertInvalid(() -> roster.addMember(w.heyangAdmin, w.newHeyangMember("楊海燕")
        .requestKey("add-member-0002").build()), ErrorCode.REQUEST_KEY_REUSED, "requestKey");
    assertThat(w.snapshot()).isEqualTo(before);
  }

  @Test
  void aFailedCommandDoesNotUseUpItsKey() {
    assertInvalid(() -> roster.addMember(w.coordinator, w.newHeyangMember("楊海燕")
        .phone("1380013800").requestKey("add-member-0003").build()), ErrorCode.INVALID_INPUT,
        "member.phone");
    assertRule(() -> roster.joinSquad(w.coordinator, w.plain.id(), w.linweiIndustry.id(),
        SquadRole.MEMBER, "join-0003"), "squad-in-group");

    Member added = w.add(w.coordinator, w.newHeyangMember("楊海燕")
        .requestKey("add-member-0003").build());
    Member joined = roster.joinSquad(w.coordinator, w.plain.id(), w.training.id(),
        SquadRole.MEMBER, "join-0003");

    assertThat(added.name()).isEqualTo("楊海燕");
    assertThat(joined.squads()).containsKey(w.training.id());
  }

  @Test
  void repeatingAnyCommandWithItsKeyChangesNothing() {
    NewRegion town = new NewRegion.Builder().name("坊鎮").level(RegionLevel.TOWN)
        .parent(w.heyang.id()).requestKey("region-1").build();
    NewVillage village = new NewVillage.Builder().name("東宮城村").town(w.xinchi.id())
        .requestKey("village-1").build();
    NewGroup group = new NewGroup.Builder().name("大荔縣紅色助力團").county(w.dali.id())
        .requestKey("group-1").build();
    NewSquad squad = new NewSquad.Builder().group(w.heyangGroup).name("法律援助組")
        .kind(SquadKind.of("LEGAL_AID")).requestKey("squad-1").build();
    MemberUpdate update = new MemberUpdate.Builder().member(w.plain.id()).partyMember(true)
        .requestKey("update-1").build();

    Region r = roster.createRegion(w.heyangAdmin, town);
    Village v = roster.createVillage(w.heyangAdmin, village);
    HelpGroup g = roster.createGroup(w.cityAdmin, group);
    Squad s = roster.createSquad(w.heyangAdmin, squad);
    Member u = roster.updateMember(w.coordinator, update);
    Member j = roster.joinSquad(w.coordinator, w.plain.id(), s.id(), SquadRole.MEMBER, "join-1");
    Member l = roster.leaveSquad(w.coordinator, w.plain.id(), w.industry.id(), "leave-1");
    HelpGroup a = roster.appointCoordinator(w.heyangAdmin, w.heyangGroup, w.cadre.id(),
        "appoint-1");
    Member e = roster.eraseMember(w.heyangAdmin, w.former.id(), "erase-1");
    Member rm = roster.removeMember(w.heyangAdmin, w.coordinatorMember.id(), "remove-1");
    RosterFixtures.RosterSnapshot before = w.snapshot();

    assertThat(roster.createRegion(w.heyangAdmin, town)).isEqualTo(r);
    assertThat(roster.createVillage(w.heyangAdmin, village)).isEqualTo(v);
    assertThat(roster.createGroup(w.cityAdmin, group)).isEqualTo(g);
    assertThat(roster.createSquad(w.heyangAdmin, squad)).isEqualTo(s);
    assertThat(roster.updateMember(w.coordinator, update)).isEqualTo(u);
    assertThat(roster.joinSquad(w.coordinator, w.plain.id(), s.id(), SquadRole.MEMBER,
        "join-1")).isEqualTo(j);
    assertThat(roster.leaveSquad(w.coordinator, w.plain.id(), w.industry.id(), "leave-1"))
        .isEqualTo(l);
    assertThat(roster.appointCoordinator(w.heyangAdmin, w.heyangGroup, w.cadre.id(),
        "appoint-1")).isEqualTo(a);
    assertThat(roster.eraseMember(w.heyangAdmin, w.former.id(), "erase-1")).isEqualTo(e);
    assertThat(roster.removeMember(w.heyangAdmin, w.coordinatorMember.id(), "remove-1"))
        .isEqualTo(rm);
    assertThat(w.snapshot()).isEqualTo(before);
  }

  // ---- labels -----------------------------------------------------------------------------

  @Test
  void squadKindLabelsFollowTheScriptOfTheLocale() {
    SquadKind geese = SquadKind.LEAD_GEESE;

    assertThat(geese.label(Locale.forLanguageTag("zh-Hant"))).isEqualTo("頭雁組");
    assertThat(geese.label(Locale.forLanguageTag("zh-Hans"))).isEqualTo("头雁组");
    assertThat(geese.label(Locale.forLanguageTag("zh-TW"))).isEqualTo("頭雁組");
    assertThat(geese.label(Locale.forLanguageTag("zh-HK"))).isEqualTo("頭雁組");
    assertThat(geese.label(Locale.forLanguageTag("zh-MO"))).isEqualTo("頭雁組");
    assertThat(geese.label(Locale.TRADITIONAL_CHINESE)).isEqualTo("頭雁組");
    assertThat(geese.label(Locale.forLanguageTag("zh-CN"))).isEqualTo("头雁组");
    assertThat(geese.label(Locale.SIMPLIFIED_CHINESE)).isEqualTo("头雁组");
    assertThat(geese.label(Locale.forLanguageTag("zh-Hans-HK"))).isEqualTo("头雁组");
    assertThat(geese.label(Locale.forLanguageTag("zh"))).isEqualTo("头雁组");
    assertThat(geese.label(Locale.ENGLISH)).isEqualTo("Lead geese");
    assertThat(geese.label(Locale.FRENCH)).isEqualTo("Lead geese");
    assertThat(SquadKind.MARKETING.label(Locale.forLanguageTag("zh-Hant"))).isEqualTo("行銷組");
  }

  @Test
  void everyKindHasALabelInEveryLanguage() {
    List<Locale> languages = List.of(Locale.forLanguageTag("zh-Hans"),
        Locale.forLanguageTag("zh-Hant"), Locale.ENGLISH);
    List<Object> kinds = new ArrayList<>();
    kinds.addAll(List.of(Background.values()));
    kinds.addAll(List.of(RegionLevel.values()));
    kinds.addAll(List.of(VillageKind.values()));
    kinds.addAll(List.of(SquadRole.values()));
    kinds.addAll(SquadKind.standard());
    for (Object kind : kinds) {
      Set<String> labels = new HashSet<>();
      for (Locale locale : languages) {
        String label = label(kind, locale);
        assertThat(label).as(kind + " in " + locale).isNotBlank();
        labels.add(label);
        if (locale.getLanguage().equals("zh")) {
          assertThat(label.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp)
              == Character.UnicodeScript.HAN)).as(kind + " in " + locale).isTrue();
        } else {
          assertThat(label).as(kind + " in English").matches("[A-Za-z][A-Za-z -]*");
        }
      }
      assertThat(label(kind, Locale.FRENCH)).isEqualTo(label(kind, Locale.ENGLISH));
    }
  }

  @Test
  void aHostsOwnSquadKindIsLabelledByItsCode() {
    SquadKind legalAid = SquadKind.of("LEGAL_AID");
    assertThat(legalAid.label(Locale.forLanguageTag("zh-Hant"))).isEqualTo("LEGAL_AID");
    assertThat(legalAid.label(Locale.ENGLISH)).isEqualTo("LEGAL_AID");
    assertThat(SquadKind.of("LEAD_GEESE")).isSameAs(SquadKind.LEAD_GEESE);
  }

  // ---- helpers ----------------------------------------------------------------------------

  private static String label(Object kind, Locale locale) {
    if (kind instanceof Background b) {
      return b.label(locale);
    } else if (kind instanceof RegionLevel l) {
      return l.label(locale);
    } else if (kind instanceof VillageKind v) {
      return v.label(locale);
    } else if (kind instanceof SquadRole r) {
      return r.label(locale);
    }
    return ((SquadKind) kind).label(locale);
  }

  private static <T> List<T> pagedByTwo(
      java.util.function.Function<PageRequest, ResultPage<T>> query) {
    List<T> out = new ArrayList<>();
    PageRequest page = PageRequest.first(2);
    while (true) {
      ResultPage<T> p = query.apply(page);
      out.addAll(p.items());
      Optional<String> next = p.nextCursor();
      if (next.isEmpty()) {
        return out;
      }
      page = page.after(next.get());
    }
  }

  static ValidationException assertInvalid(ThrowingCallable call, ErrorCode code,
      String field) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).isInstanceOf(ValidationException.class);
    ValidationException e = (ValidationException) thrown;
    assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
    assertThat(e.field()).as(e.getMessage()).isEqualTo(field);
    return e;
  }

  static RuleViolationException assertRule(ThrowingCallable call, String rule) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).isInstanceOf(RuleViolationException.class);
    RuleViolationException e = (RuleViolationException) thrown;
    assertThat(e.code()).isEqualTo(ErrorCode.RULE_VIOLATED);
    assertThat(e.rule()).as(e.getMessage()).isEqualTo(rule);
    return e;
  }

  static void assertDenied(ThrowingCallable call, Action action) {
    assertThatThrownBy(call).isInstanceOfSatisfying(AccessDeniedException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED);
      assertThat(e.action()).isEqualTo(action.name());
    });
  }
}
