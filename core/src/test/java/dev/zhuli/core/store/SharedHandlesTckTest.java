package dev.zhuli.core.store;

import dev.zhuli.spi.storage.Capability;
import dev.zhuli.spi.storage.Outbox;
import dev.zhuli.spi.storage.Storage;
import dev.zhuli.spi.storage.UnitOfWork;
import dev.zhuli.spi.tck.DurableStorageRules;
import dev.zhuli.spi.tck.SharedStorageRules;
import dev.zhuli.spi.tck.StorageTck;
import java.util.EnumSet;
import java.util.Set;

/**
 * The SHARED and DURABLE rules of the conformance suite, run on handles over one in-memory store
 * that stand in for a database several processes share and that outlives each of them. The
 * in-memory store itself declares neither; this proves the rules themselves pass on a store that
 * keeps them, so a plugin that fails them has a real fault.
 */
class SharedHandlesTckTest extends StorageTck implements SharedStorageRules, DurableStorageRules {

  @Override
  protected Storage newStorage() {
    return new Handle(InMemoryStorage.create());
  }

  @Override
  public Storage openSecondHandle(Storage first) {
    return new Handle(((Handle) first).delegate);
  }

  @Override
  public Storage reopen(Storage closed) {
    return new Handle(((Handle) closed).delegate);
  }

  @Override
  protected int examples() {
    return 30;
  }

  /** One handle: closing it leaves the shared data in place, as closing a connection pool does. */
  private static final class Handle extends ForwardingStorage {
    private volatile boolean closed;

    Handle(Storage delegate) {
      super(delegate);
    }

    @Override
    public Set<Capability> capabilities() {
      return EnumSet.of(Capability.SHARED, Capability.DURABLE);
    }

    @Override
    public <T> T transact(UnitOfWork<T> work) {
      ensureOpen();
      return super.transact(work);
    }

    @Override
    public Outbox outbox() {
      return new ForwardingOutbox(delegate.outbox()) {
        @Override
        void before() {
          ensureOpen();
        }
      };
    }

    @Override
    public void close() {
      closed = true;
    }

    private void ensureOpen() {
      if (closed) {
        throw new IllegalStateException("handle is closed");
      }
    }
  }
}
