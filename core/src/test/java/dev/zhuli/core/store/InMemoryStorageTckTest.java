package dev.zhuli.core.store;

import dev.zhuli.spi.storage.Storage;
import dev.zhuli.spi.tck.StorageTck;

/** The in-memory store passes the whole storage conformance suite. */
class InMemoryStorageTckTest extends StorageTck {
  @Override
  protected Storage newStorage() {
    return InMemoryStorage.create();
  }
}
