package dev.zhuli.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zhuli.core.access.AccessPolicy;
import dev.zhuli.core.access.AccessRequest;
import dev.zhuli.core.access.Action;
import dev.zhuli.core.roster.Background;
import dev.zhuli.core.roster.HelpGroup;
import dev.zhuli.core.roster.Member;
import dev.zhuli.core.roster.NewGroup;
import dev.zhuli.core.roster.NewMember;
import dev.zhuli.core.roster.NewRegion;
import dev.zhuli.core.roster.Region;
import dev.zhuli.core.roster.RegionLevel;
import dev.zhuli.core.roster.Roster;
import dev.zhuli.core.store.InMemoryStorage;
import dev.zhuli.spi.notify.EventSubscriber;
import dev.zhuli.spi.notify.Notification;
import dev.zhuli.spi.storage.ClaimedMessage;
import dev.zhuli.spi.storage.OutboxMessage;
import dev.zhuli.spi.storage.Storage;
import dev.zhuli.spi.storage.StoredRecord;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Building, configuring, sharing and closing Zhuli. */
class EngineTest {
  static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");
  static final Actor SETUP = Actor.system("setup");
  static final EventSubscriber IGNORE = event -> {};

  static Region city(Roster roster, Actor actor, String name) {
    return roster.createRegion(actor,
        new NewRegion.Builder().name(name).level(RegionLevel.CITY).build());
  }

  static Region county(Roster roster, Actor actor, Region city, String name) {
    return roster.createRegion(actor, new NewRegion.Builder().name(name)
        .level(RegionLevel.DISTRICT).parent(city.id()).build());
  }

  static HelpGroup group(Roster roster, Actor actor, Region county) {
    return roster.createGroup(actor,
        new NewGroup.Builder().name(county.name() + "紅色助力團").county(county.id()).build());
  }

  static NewMember member(GroupId group, String name) {
    return new NewMember.Builder().group(group).name(name)
        .background(Background.WORK_TEAM_MEMBER).build();
  }

  static void assertClosed(Storage storage) {
    assertThatThrownBy(() -> storage.transact(tx -> tx.get("k", "id")))
        .isInstanceOf(IllegalStateException.class);
  }

  static void assertOpen(Storage storage) {
    Optional<StoredRecord> probe = storage.transact(tx -> tx.get("k", "probe"));
    assertThat(probe).isEmpty();
  }

  static void assertInvalid(Runnable call, ErrorCode code, String field) {
    assertThatThrownBy(call::run)
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> {
          assertThat(((ValidationException) e).code()).isEqualTo(code);
          assertThat(((ValidationException) e).field()).isEqualTo(field);
        });
  }

  // ---- defaults -----------------------------------------------------------------------------

  @Test
  void theDefaultsAreInMemoryShanghaiAndTheStandardPolicy() {
    try (Zhuli zhuli = Zhuli.builder().build()) {
      assertThat(zhuli.storage()).isInstanceOf(InMemoryStorage.class);
      assertThat(zhuli.defaultTimeZone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
      assertThat(zhuli.clock().getZone()).isEqualTo(ZoneOffset.UTC);
      assertThat(zhuli.notifier()).isInstanceOf(LoggingNotifier.class);
      assertThat(zhuli.subscribers()).isEmpty();

      Roster roster = zhuli.roster();
      Region weinan = city(roster, SETUP, "渭南市");
      Region linwei = county(roster, SETUP, weinan, "臨渭區");
      HelpGroup group = group(roster, SETUP, linwei);
      assertThat(group.timeZone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
      assertThat(weinan.id().value()).matches("[0-9a-f]{8}-[0-9a-f]{4}-7.{3}-.{4}-.{12}");

      // the standard policy: a plain member may not create a region, an administrator of
      // the city may create a county in it but not a city, nor in another city
      Actor plain = Actor.member(MemberId.of("someone"));
      assertThatThrownBy(() -> city(roster, plain, "西安市"))
          .isInstanceOf(AccessDeniedException.class);
      Actor cityOffice = Actor.administrator("weinan-office", List.of(weinan.id()));
      assertThat(county(roster, cityOffice, weinan, "華州區").parent()).contains(weinan.id());
      assertThatThrownBy(() -> city(roster, cityOffice, "銅川市"))
          .isInstanceOf(AccessDeniedException.class)
          .satisfies(e -> assertThat(((AccessDeniedException) e).action())
              .isEqualTo("CREATE_REGION"));
      Region xian = city(roster, SETUP, "西安市");
      assertThatThrownBy(() -> county(roster, cityOffice, xian, "雁塔區"))
          .isInstanceOf(AccessDeniedException.class);
    }
  }

  @Test
  void theDefaultTimeZoneCanBeChanged() {
    try (Zhuli zhuli = Zhuli.builder().defaultTimeZone(ZoneId.of("Asia/Urumqi")).build()) {
      Roster roster = zhuli.roster();
      Region county = county(roster, SETUP, city(roster, SETUP, "喀什地區"), "疏附縣");
      assertThat(group(roster, SETUP, county).timeZone()).isEqualTo(ZoneId.of("Asia/Urumqi"));
    }
  }

  // ---- who owns the store -------------------------------------------------------------------

  @Test
  void aStoreTheHostPassedInIsNotClosed() {
    InMemoryStorage host = InMemoryStorage.create();
    try {
      Region weinan;
      try (Zhuli zhuli = Zhuli.builder().storage(host).build()) {
        assertThat(zhuli.storage()).isSameAs(host);
        weinan = city(zhuli.roster(), SETUP, "渭南市");
      }
      // still open, still holding what was written
      assertOpen(host);
      host.transact(tx -> tx.put(StoredRecord.of("k", "id", new byte[] {1}), 0));
      assertThat(host.outbox().claim("relay", NOW, Duration.ofMinutes(1), 10)).isNotNull();
      try (Zhuli again = Zhuli.builder().storage(host).build()) {
        assertThat(again.roster().region(weinan.id())).map(Region::name).contains("渭南市");
      }
    } finally {
      host.close();
    }
  }

  @Test
  void theDefaultStoreIsClosedWithZhuli() {
    Zhuli zhuli = Zhuli.builder().build();
    Storage storage = zhuli.storage();
    city(zhuli.roster(), SETUP, "渭南市");
    zhuli.close();
    assertClosed(storage);
  }

  @Test
  void aStoreOpenedByProviderNameIsClosedWithZhuli() {
    Zhuli zhuli = Zhuli.builder().storage("memory", Map.of()).build();
    Storage storage = zhuli.storage();
    assertThat(storage).isInstanceOf(InMemoryStorage.class);
    city(zhuli.roster(), SETUP, "渭南市");
    zhuli.close();
    assertClosed(storage);
  }

  @Test
  void theLastStoreChoiceWins() {
    InMemoryStorage host = InMemoryStorage.create();
    try {
      Zhuli named = Zhuli.builder().storage(host).storage("memory", Map.of()).build();
      assertThat(named.storage()).isNotSameAs(host);
      named.close();
      try (Zhuli passed = Zhuli.builder().storage("memory", Map.of()).storage(host).build()) {
        assertThat(passed.storage()).isSameAs(host);
      }
      assertOpen(host);
    } finally {
      host.close();
    }
  }

  @Test
  void anUnknownProviderIsRefusedListingTheProviders() {
    assertThatThrownBy(() -> Zhuli.builder().storage("no-such-store", Map.of()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no-such-store")
        .hasMessageContaining("memory");
  }

  @Test
  void anUnknownProviderSettingIsRefused() {
    assertThatThrownBy(() -> Zhuli.builder().storage("memory", Map.of("url", "jdbc:x"))
        .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("url");
  }

  @Test
  void nullBuilderArgumentsAreRefused() {
    assertInvalid(() -> Zhuli.builder().storage((Storage) null), ErrorCode.INVALID_INPUT,
        "storage");
    assertInvalid(() -> Zhuli.builder().clock(null), ErrorCode.INVALID_INPUT, "clock");
    assertInvalid(() -> Zhuli.builder().notifier(null), ErrorCode.INVALID_INPUT, "notifier");
    assertInvalid(() -> Zhuli.builder().accessPolicy(null), ErrorCode.INVALID_INPUT,
        "accessPolicy");
    assertInvalid(() -> Zhuli.builder().defaultTimeZone(null), ErrorCode.INVALID_INPUT,
        "defaultTimeZone");
    assertInvalid(() -> Zhuli.builder().ids(null), ErrorCode.INVALID_INPUT, "ids");
    assertInvalid(() -> Zhuli.builder().subscriber("audit", null), ErrorCode.INVALID_INPUT,
        "subscriber");
  }

  // ---- closing ------------------------------------------------------------------------------

  @Test
  void afterCloseEveryRosterCallThrowsAndCloseIsIdempotent() {
    Zhuli zhuli = Zhuli.builder().build();
    Roster roster = zhuli.roster();
    Region weinan = city(roster, SETUP, "渭南市");
    zhuli.close();

    assertThatThrownBy(() -> city(roster, SETUP, "西安市"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> roster.region(weinan.id()))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> roster.regionsUnder(weinan.id(), PageRequest.first()))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> roster.membersOf(GroupId.of("g"), PageRequest.first()))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> roster.addMember(SETUP, member(GroupId.of("g"), "王建國")))
        .isInstanceOf(IllegalStateException.class);
    assertThatCode(zhuli::close).doesNotThrowAnyException();
    assertThatCode(zhuli::close).doesNotThrowAnyException();
  }

  @Test
  void closingWithAHostStoreTwiceNeverClosesIt() {
    InMemoryStorage host = InMemoryStorage.create();
    try {
      Zhuli zhuli = Zhuli.builder().storage(host).build();
      zhuli.close();
      zhuli.close();
      assertOpen(host);
      assertThatThrownBy(() -> zhuli.roster().region(RegionId.of("r")))
          .isInstanceOf(IllegalStateException.class);
    } finally {
      host.close();
    }
  }

  // ---- subscribers and attempts -------------------------------------------------------------

  @Test
  void subscriberNamesAreChecked() {
    for (String bad : new String[] {null, "", "Audit", "AUDIT", "audit log", " audit", "-audit",
        ".audit", "_audit", "audit/x", "audit:x", "審計", "a".repeat(49)}) {
      assertInvalid(() -> Zhuli.builder().subscriber(bad, IGNORE), ErrorCode.INVALID_INPUT,
          "subscriber.name");
    }
    Zhuli.Builder builder = Zhuli.builder()
        .subscriber("audit", IGNORE)
        .subscriber("a".repeat(48), IGNORE)
        .subscriber("0search.v2_x-y", IGNORE);
    assertInvalid(() -> builder.subscriber("audit", IGNORE), ErrorCode.DUPLICATE_NAME,
        "subscriber.name");
    try (Zhuli zhuli = builder.build()) {
      assertThat(zhuli.subscribers().keySet())
          .containsExactlyInAnyOrder("audit", "a".repeat(48), "0search.v2_x-y");
      assertThatThrownBy(() -> zhuli.subscribers().put("x", IGNORE))
          .isInstanceOf(UnsupportedOperationException.class);
    }
  }

  @Test
  void maxAttemptsOutOfRangeIsRefused() {
    for (int bad : new int[] {Integer.MIN_VALUE, -1, 0, 101, Integer.MAX_VALUE}) {
      assertInvalid(() -> Zhuli.builder().maxAttempts(bad), ErrorCode.INVALID_INPUT,
          "maxAttempts");
    }
    for (int good : new int[] {1, 5, 100}) {
      try (Zhuli zhuli = Zhuli.builder().maxAttempts(good).build()) {
        assertThat(city(zhuli.roster(), SETUP, "渭南市")).isNotNull();
      }
    }
  }

  @Test
  void aRosterCommandEnqueuesItsEventForEachSubscriber() {
    try (Zhuli zhuli = Zhuli.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .subscriber("audit", IGNORE).subscriber("search", IGNORE).build()) {
      Region weinan = city(zhuli.roster(), SETUP, "渭南市");

      List<OutboxMessage> messages = zhuli.storage().outbox()
          .claim("relay", NOW, Duration.ofMinutes(1), 100).stream()
          .map(ClaimedMessage::message).collect(Collectors.toList());
      assertThat(messages).extracting(OutboxMessage::destination)
          .containsExactlyInAnyOrder("subscriber:audit", "subscriber:search");
      assertThat(messages).extracting(OutboxMessage::type)
          .containsOnly("roster.region.created");
      assertThat(messages).extracting(OutboxMessage::aggregateKey)
          .containsOnly("region/" + weinan.id().value());
      assertThat(messages).extracting(OutboxMessage::dueAt).containsOnly(NOW);
    }
  }

  @Test
  void withoutSubscribersACommandEnqueuesNoEvent() {
    try (Zhuli zhuli = Zhuli.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).build()) {
      city(zhuli.roster(), SETUP, "渭南市");
      assertThat(zhuli.storage().outbox().claim("relay", NOW, Duration.ofMinutes(1), 100))
          .isEmpty();
    }
  }

  // ---- access policy ------------------------------------------------------------------------

  @Test
  void aPolicyThatDeniesEverythingStopsEvenTheSystem() {
    try (Zhuli zhuli = Zhuli.builder().accessPolicy((actor, request) -> false).build()) {
      assertThatThrownBy(() -> city(zhuli.roster(), SETUP, "渭南市"))
          .isInstanceOf(AccessDeniedException.class)
          .satisfies(e -> {
            assertThat(((AccessDeniedException) e).code()).isEqualTo(ErrorCode.ACCESS_DENIED);
            assertThat(((AccessDeniedException) e).action()).isEqualTo("CREATE_REGION");
          });
    }
  }

  @Test
  void aPolicyThatAllowsEverythingLetsAPlainMemberCreateARegion() {
    List<AccessRequest> asked = new CopyOnWriteArrayList<>();
    List<Actor> askedBy = new CopyOnWriteArrayList<>();
    AccessPolicy allowAll = (actor, request) -> {
      askedBy.add(actor);
      asked.add(request);
      return true;
    };
    Actor plain = Actor.member(MemberId.of("someone"));
    try (Zhuli zhuli = Zhuli.builder().accessPolicy(allowAll).build()) {
      Region weinan = city(zhuli.roster(), plain, "渭南市");
      assertThat(zhuli.roster().region(weinan.id())).isPresent();
      Region linwei = county(zhuli.roster(), plain, weinan, "臨渭區");

      assertThat(askedBy).containsOnly(plain);
      assertThat(asked).extracting(AccessRequest::action)
          .containsExactly(Action.CREATE_REGION, Action.CREATE_REGION);
      assertThat(asked.get(0).regions()).isEmpty();
      assertThat(asked.get(1).regions()).containsExactly(weinan.id());
      assertThat(linwei.path()).containsExactly(weinan.id(), linwei.id());
    }
  }

  // ---- the default notifier -----------------------------------------------------------------

  @Test
  void theLoggingNotifierLogsWithoutPersonalData() {
    Notification notification = Notification.of("n-1", "order.assigned",
        List.of("+8613800138000"), "order.assigned.v1", Map.of("name", "王建國"), Locale.CHINA);
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      assertThatCode(() -> new LoggingNotifier().deliver(notification))
          .doesNotThrowAnyException();
    } finally {
      System.setErr(original);
    }
    String logged = captured.toString(StandardCharsets.UTF_8);
    assertThat(logged).contains("order.assigned.v1").contains("n-1")
        .doesNotContain("13800138000").doesNotContain("王建國");
  }

  // ---- sharing between threads --------------------------------------------------------------

  @Test
  void twoThreadsAddingMembersToOneGroupLoseNone() throws Exception {
    try (Zhuli zhuli = Zhuli.builder().build()) {
      Roster roster = zhuli.roster();
      Region weinan = city(roster, SETUP, "渭南市");
      HelpGroup group = group(roster, SETUP, county(roster, SETUP, weinan, "臨渭區"));
      Actor office = Actor.administrator("weinan-office", List.of(weinan.id()));

      CyclicBarrier start = new CyclicBarrier(2);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      List<Future<List<MemberId>>> futures = new ArrayList<>();
      try {
        for (int t = 0; t < 2; t++) {
          int thread = t;
          futures.add(pool.submit(() -> {
            start.await(30, TimeUnit.SECONDS);
            List<MemberId> added = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
              Actor actor = i % 2 == 0 ? SETUP : office;
              added.add(roster.addMember(actor,
                  member(group.id(), "成員 " + thread + "-" + i)).id());
            }
            return added;
          }));
        }
        Set<MemberId> added = new HashSet<>();
        for (Future<List<MemberId>> f : futures) {
          added.addAll(f.get(60, TimeUnit.SECONDS));
        }
        assertThat(added).hasSize(200);

        List<Member> listed = new ArrayList<>();
        PageRequest page = PageRequest.first(37);
        int pages = 0;
        while (true) {
          ResultPage<Member> result = roster.membersOf(group.id(), page);
          listed.addAll(result.items());
          pages++;
          Optional<String> next = result.nextCursor();
          if (next.isEmpty() || pages > 20) {
            break;
          }
          page = page.after(next.get());
        }
        assertThat(pages).isEqualTo(6);
        assertThat(listed).extracting(Member::id).doesNotHaveDuplicates()
            .containsExactlyInAnyOrderElementsOf(added);
        assertThat(listed).extracting(Member::group).containsOnly(group.id());
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
