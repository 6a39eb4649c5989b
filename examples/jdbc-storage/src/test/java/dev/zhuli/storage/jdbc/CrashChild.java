package dev.zhuli.storage.jdbc;

import dev.zhuli.spi.storage.IndexEntry;
import dev.zhuli.spi.storage.OutboxMessage;
import dev.zhuli.spi.storage.StoredRecord;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The process {@link CrashTest} kills: runs commands, one transaction each, against the store
 * its arguments name, and reports each one on standard output once it has committed. Each
 * command creates a record, moves a shared ledger record on by one version and enqueues a
 * notification, so that a command half kept would show. It stops by itself after a while.
 *
 * <p>Arguments: the first command number, then settings as key=value pairs.
 */
final class CrashChild {
  static final String KIND = "crash";
  static final String LEDGER = "ledger";
  private static final long MAX_MILLIS = 60_000;

  private CrashChild() {}

  public static void main(String[] args) {
    int next = Integer.parseInt(args[0]);
    Map<String, String> settings = new HashMap<>();
    for (int i = 1; i < args.length; i++) {
      int eq = args[i].indexOf('=');
      settings.put(args[i].substring(0, eq), args[i].substring(eq + 1));
    }
    PrintStream out = System.out;
    long end = System.nanoTime() + MAX_MILLIS * 1_000_000;
    try (JdbcStorage store = JdbcStorage.open(settings)) {
      out.println("ready");
      out.flush();
      while (System.nanoTime() < end) {
        int n = next++;
        store.transact(t -> {
          long ledger = t.get(KIND, LEDGER).map(StoredRecord::version).orElse(0L);
          t.put(record(n), 0);
          t.put(StoredRecord.of(KIND, LEDGER, Integer.toString(n).getBytes(
              StandardCharsets.UTF_8)), ledger);
          t.enqueue(message(n));
          return null;
        });
        out.println("committed " + n);
        out.flush();
      }
    }
  }

  static String id(int n) {
    return String.format("c-%07d", n);
  }

  /** The record of command n: a body whose bytes depend on n, and two index entries. */
  static StoredRecord record(int n) {
    return StoredRecord.of(KIND, id(n), body(n), IndexEntry.of("n", id(n)),
        IndexEntry.of("parity", n % 2 == 0 ? "偶" : "奇"));
  }

  static byte[] body(int n) {
    byte[] body = new byte[(n * 37) % 3000];
    Arrays.fill(body, (byte) n);
    return body;
  }

  static OutboxMessage message(int n) {
    return OutboxMessage.of("m-" + id(n), "notifier", "crash.command",
        id(n).getBytes(StandardCharsets.UTF_8), Instant.parse("2026-01-01T00:00:00Z"),
        KIND + "/" + id(n));
  }
}
