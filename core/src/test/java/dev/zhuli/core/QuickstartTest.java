package dev.zhuli.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zhuli.core.roster.Background;
import dev.zhuli.core.roster.HelpGroup;
import dev.zhuli.core.roster.Member;
import dev.zhuli.core.roster.NewGroup;
import dev.zhuli.core.roster.NewMember;
import dev.zhuli.core.roster.NewRegion;
import dev.zhuli.core.roster.NewSquad;
import dev.zhuli.core.roster.Region;
import dev.zhuli.core.roster.RegionLevel;
import dev.zhuli.core.roster.Roster;
import dev.zhuli.core.roster.Squad;
import dev.zhuli.core.roster.SquadKind;
import dev.zhuli.core.roster.SquadRole;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's quickstart, compiled and run as it stands there. */
class QuickstartTest {

  @Test
  void quickstart() {
    // --- README quickstart begins ---
    try (Zhuli zhuli = Zhuli.builder().build()) {               // in memory, system clock
      Roster roster = zhuli.roster();
      Actor setup = Actor.system("setup");

      Region weinan = roster.createRegion(setup,
          new NewRegion.Builder().name("渭南市").level(RegionLevel.CITY).build());
      Region linwei = roster.createRegion(setup, new NewRegion.Builder()
          .name("臨渭區").level(RegionLevel.DISTRICT).parent(weinan.id()).build());

      Actor office = Actor.administrator("linwei-office", List.of(linwei.id()));
      HelpGroup group = roster.createGroup(office,
          new NewGroup.Builder().name("臨渭區紅色助力團").county(linwei.id()).build());
      Squad marketing = roster.createSquad(office, new NewSquad.Builder()
          .group(group.id()).name("行銷組").kind(SquadKind.MARKETING).build());

      Member secretary = roster.addMember(office, new NewMember.Builder()
          .group(group.id()).name("王建國").phone("13800138000")
          .background(Background.FIRST_SECRETARY).partyMember(true)
          .addSkills("直播電商").homeOrganisation("China Datang Group").build());
      roster.appointCoordinator(office, group.id(), secretary.id(), null);

      Actor coordinator = Actor.member(secretary.id());
      roster.joinSquad(coordinator, secretary.id(), marketing.id(), SquadRole.LEADER, null);

      List<Member> sellers = roster.membersBySkill(group.id(), "直播電商", PageRequest.first())
          .items();
      // --- README quickstart ends ---
      assertThat(sellers).extracting(Member::id).containsExactly(secretary.id());
      assertThat(roster.membersOfSquad(marketing.id(), PageRequest.first()).items())
          .extracting(m -> m.squads().get(marketing.id())).containsExactly(SquadRole.LEADER);
      assertThat(roster.groupOfCounty(linwei.id())).map(HelpGroup::coordinator)
          .contains(java.util.Optional.of(secretary.id()));
      assertThat(secretary.toString()).doesNotContain("王建國").doesNotContain("13800138000");
      assertThat(secretary.maskedPhone()).contains("138****8000");
    }
  }
}
