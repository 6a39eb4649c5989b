package dev.zhuli.core.roster;

import dev.zhuli.core.GroupId;
import dev.zhuli.core.MemberId;
import dev.zhuli.core.RegionId;
import dev.zhuli.core.SquadId;
import dev.zhuli.core.VillageId;
import dev.zhuli.core.store.PersistedType;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The roster's persisted shapes: plain records the codec writes as JSON, with null for absent
 * values and ids as text. They are not API; {@link Roster} shows them as value types.
 */
final class RosterRecords {
  static final PersistedType<RegionRecord> REGION =
      PersistedType.of("region", RegionRecord.class, 1);
  static final PersistedType<VillageRecord> VILLAGE =
      PersistedType.of("village", VillageRecord.class, 1);
  static final PersistedType<GroupRecord> GROUP =
      PersistedType.of("group", GroupRecord.class, 1);
  static final PersistedType<SquadRecord> SQUAD =
      PersistedType.of("squad", SquadRecord.class, 1);
  static final PersistedType<MemberRecord> MEMBER =
      PersistedType.of("member", MemberRecord.class, 1);

  private RosterRecords() {}

  record RegionRecord(String id, String name, String level, String parent, List<String> path) {
    Region view() {
      return ImmutableRegion.builder().id(RegionId.of(id)).name(name)
          .level(RegionLevel.valueOf(level))
          .parent(Optional.ofNullable(parent).map(RegionId::of))
          .path(ids(path, RegionId::of)).build();
    }
  }

  record VillageRecord(String id, String name, String kind, String town, List<String> path) {
    Village view() {
      return ImmutableVillage.builder().id(VillageId.of(id)).name(name)
          .kind(VillageKind.valueOf(kind)).town(RegionId.of(town))
          .path(ids(path, RegionId::of)).build();
    }
  }

  record GroupRecord(String id, String name, String county, List<String> path,
      String coordinator, String timeZone) {
    HelpGroup view() {
      return ImmutableHelpGroup.builder().id(GroupId.of(id)).name(name)
          .county(RegionId.of(county)).path(ids(path, RegionId::of))
          .coordinator(Optional.ofNullable(coordinator).map(MemberId::of))
          .timeZone(ZoneId.of(timeZone)).build();
    }

    GroupRecord withCoordinator(String member) {
      return new GroupRecord(id, name, county, path, member, timeZone);
    }
  }

  record SquadRecord(String id, String group, String name, String kind) {
    Squad view() {
      return ImmutableSquad.builder().id(SquadId.of(id)).group(GroupId.of(group)).name(name)
          .kind(SquadKind.of(kind)).build();
    }
  }

  record MemberRecord(String id, String group, String name, String phone, String background,
      boolean partyMember, List<String> skills, String homeOrganisation, String village,
      Map<String, String> squads, boolean removed, boolean erased) {
    Member view() {
      Map<SquadId, SquadRole> roles = new LinkedHashMap<>();
      squads.forEach((squad, role) -> roles.put(SquadId.of(squad), SquadRole.valueOf(role)));
      return ImmutableMember.builder().id(MemberId.of(id)).group(GroupId.of(group)).name(name)
          .phone(Optional.ofNullable(phone)).background(Background.valueOf(background))
          .partyMember(partyMember).skills(new LinkedHashSet<>(skills))
          .homeOrganisation(Optional.ofNullable(homeOrganisation))
          .village(Optional.ofNullable(village).map(VillageId::of))
          .squads(roles).removed(removed).erased(erased).build();
    }

    boolean isCadre() {
      return Background.VILLAGE_CADRE.name().equals(background);
    }
  }

  private static <T> List<T> ids(List<String> values, java.util.function.Function<String, T> f) {
    List<T> out = new ArrayList<>();
    for (String v : values) {
      out.add(f.apply(v));
    }
    return out;
  }
}
