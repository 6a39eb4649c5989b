package dev.zhuli.storage.jdbc;

import dev.zhuli.spi.storage.Storage;
import dev.zhuli.spi.tck.DurableStorageRules;
import dev.zhuli.spi.tck.SharedStorageRules;
import dev.zhuli.spi.tck.StorageTck;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole conformance suite against H2 file databases in a temporary folder: a new file for
 * each store, a second pool on the same file for the SHARED rules, and the same file opened
 * again after closing for the DURABLE rules.
 */
class H2FileTckTest extends StorageTck implements SharedStorageRules, DurableStorageRules {
  @TempDir
  static Path folder;

  private static final AtomicInteger FILES = new AtomicInteger();
  private final Map<Storage, String> urls = new ConcurrentHashMap<>();

  @Override
  protected Storage newStorage() {
    return open(H2.fileUrl(folder.resolve("tck-" + FILES.incrementAndGet())));
  }

  @Override
  public Storage openSecondHandle(Storage first) {
    return open(urls.get(first));
  }

  @Override
  public Storage reopen(Storage closed) {
    return open(urls.get(closed));
  }

  private Storage open(String url) {
    Storage s = JdbcStorage.open(Map.of("url", url, "migrate", "true", "poolSize", "4"));
    urls.put(s, url);
    return s;
  }
}
