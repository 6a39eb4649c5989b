package dev.zhuli.core.relay;

import dev.zhuli.core.PageRequest;
import dev.zhuli.core.ResultPage;
import dev.zhuli.core.StorageFailureException;
import dev.zhuli.core.ValidationException;
import dev.zhuli.core.store.CodecException;
import dev.zhuli.core.store.CommandRunner;
import dev.zhuli.core.store.OutboxPayloads;
import dev.zhuli.spi.notify.DomainEvent;
import dev.zhuli.spi.notify.EventSubscriber;
import dev.zhuli.spi.notify.Notification;
import dev.zhuli.spi.notify.Notifier;
import dev.zhuli.spi.storage.ClaimedMessage;
import dev.zhuli.spi.storage.DeadLetter;
import dev.zhuli.spi.storage.Limits;
import dev.zhuli.spi.storage.Outbox;
import dev.zhuli.spi.storage.OutboxMessage;
import dev.zhuli.spi.storage.Page;
import dev.zhuli.spi.storage.StorageException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Consumer;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Phaser;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The relay over a store's outbox; see {@link Relay} for what it promises.
 *
 * <p>How it keeps the promises:
 * <ul>
 *   <li><b>Bounded threads.</b> Callbacks run on a pool of at most {@code threads × batchSize}
 *       delivery threads, started as needed and reused while they are idle. A round first takes one slot of a semaphore per message it may claim, and claims
 *       no more than it got; a slot is given back when its callback really returns, not when it
 *       times out. So a callback that ignores interruption keeps its slot, and when every slot is
 *       held the relay claims nothing.</li>
 *   <li><b>Timeouts.</b> The callbacks of a batch run at once; the round waits for each until it
 *       is done or has run for the callback timeout (counted from its own start, measured with
 *       {@link System#nanoTime()}, never the wall clock), cancels (interrupts) it then, and
 *       settles the batch when all are done or cancelled, well inside the lease.</li>
 *   <li><b>Outcomes.</b> Each callback records its own outcome before it gives its slot back, so
 *       a callback that finished just as it was cancelled is still acknowledged, and a round that
 *       is interrupted (by {@link #close()}) acknowledges what was delivered and hands back the
 *       rest.</li>
 *   <li><b>Closing.</b> A {@link Phaser} counts the rounds in progress, with {@code close()} as one
 *       more party: {@code close()} arrives and waits for the phase to advance, which happens when
 *       the last round ends.</li>
 * </ul>
 */
final class OutboxRelay implements Relay {
  private static final Logger LOG = LoggerFactory.getLogger(Relay.class);
  /** The MDC key under which callbacks and the relay's log lines find the message id. */
  static final String MDC_KEY = "zhuli.message";
  /** How long {@code close()} waits for abandoned rounds to hand their claims back. */
  private static final Duration RELEASE_WAIT = Duration.ofSeconds(1);
  private static final int MAX_ERROR_SHOWN = 300;
  private static final int DEAD_PAGE = Limits.MAX_PAGE_SIZE;

  private final Outbox outbox;
  private final OutboxPayloads payloads;
  private final Notifier notifier;
  private final Map<String, EventSubscriber> subscribers;
  private final Clock clock;
  private final RelaySettings settings;
  private final String owner;
  private final Backoff backoff;
  private final int slotCount;
  private final Semaphore slots;
  private final ThreadPoolExecutor deliveries;
  /** Rounds in progress, with close() as the first party. */
  private final Phaser rounds = new Phaser(1);
  private final Set<Round> active = ConcurrentHashMap.newKeySet();
  private final Object lifecycle = new Object();
  /** What the started relay runs every {@link RelaySettings#sweepInterval()}. */
  private final List<Consumer<Instant>> sweeps;
  /** The background threads, once started; guarded by {@link #lifecycle}. */
  private ScheduledThreadPoolExecutor workers;
  private volatile boolean closed;
  private final CountDownLatch closeDone = new CountDownLatch(1);
  private volatile boolean abandoning;
  private final AtomicBoolean saturated = new AtomicBoolean();

  private final LongAdder delivered = new LongAdder();
  private final LongAdder retried = new LongAdder();
  private final LongAdder buried = new LongAdder();
  private final LongAdder timedOut = new LongAdder();
  private final LongAdder leaseLost = new LongAdder();
  private final AtomicInteger hung = new AtomicInteger();
  private volatile Duration lag = Duration.ZERO;

  OutboxRelay(Outbox outbox, OutboxPayloads payloads, Notifier notifier,
      Map<String, EventSubscriber> subscribers, Clock clock, RelaySettings settings,
      String owner) {
    this(outbox, payloads, notifier, subscribers, clock, settings, owner, List.of());
  }

  OutboxRelay(Outbox outbox, OutboxPayloads payloads, Notifier notifier,
      Map<String, EventSubscriber> subscribers, Clock clock, RelaySettings settings,
      String owner, List<Consumer<Instant>> sweeps) {
    this.sweeps = List.copyOf(sweeps);
    this.outbox = outbox;
    this.payloads = payloads;
    this.notifier = notifier;
    this.subscribers = Map.copyOf(subscribers);
    this.clock = clock;
    this.settings = settings;
    this.owner = owner;
    this.backoff = new Backoff(settings.backoffBase(), settings.backoffCap(),
        settings.jitterSeed().orElse(owner.hashCode()));
    this.slotCount = settings.threads() * settings.batchSize();
    this.slots = new Semaphore(slotCount);
    this.deliveries = new ThreadPoolExecutor(0, slotCount, 30, TimeUnit.SECONDS,
        new SynchronousQueue<>(), daemons("zhuli-relay-" + owner + "-delivery-"),
        this::handOver);
  }

  /**
   * Hands a delivery to a delivery thread when all of them looked busy: one that has just given its
   * slot back is about to take new work, so wait for it, up to the callback timeout.
   */
  private void handOver(Runnable task, ThreadPoolExecutor pool) {
    try {
      if (!pool.isShutdown()
          && pool.getQueue().offer(task, settings.callbackTimeout().toNanos(),
              TimeUnit.NANOSECONDS)) {
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new RejectedExecutionException("no delivery thread took the callback");
  }

  // ---- lifecycle ------------------------------------------------------------------------------

  @Override
  public void start() {
    synchronized (lifecycle) {
      ensureOpen();
      if (workers != null) {
        return;
      }
      ScheduledThreadPoolExecutor w =
          new ScheduledThreadPoolExecutor(settings.threads(),
              daemons("zhuli-relay-" + owner + "-poll-"));
      w.setRemoveOnCancelPolicy(true);
      w.prestartAllCoreThreads();
      long interval = settings.pollInterval().toNanos();
      for (int i = 0; i < settings.threads(); i++) {
        w.scheduleWithFixedDelay(this::drain, 0, interval, TimeUnit.NANOSECONDS);
      }
      if (!sweeps.isEmpty() && !settings.sweepInterval().isZero()) {
        long every = settings.sweepInterval().toNanos();
        w.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.NANOSECONDS);
      }
      workers = w;
    }
    LOG.info("relay {} started: {} thread(s), batches of {}", owner, settings.threads(),
        settings.batchSize());
  }

  @Override
  public void close() {
    ScheduledThreadPoolExecutor w;
    boolean first;
    synchronized (lifecycle) {
      first = !closed;
      closed = true;
      w = workers;
    }
    if (!first) {
      awaitClosed();
      return;
    }
    try {
      shutDown(w);
    } finally {
      closeDone.countDown();
    }
  }

  /** A second close returns when the first is done, so that the store is closed after it. */
  private void awaitClosed() {
    try {
      closeDone.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void shutDown(ScheduledThreadPoolExecutor w) {
    if (w != null) {
      w.shutdown();
    }
    int phase = rounds.arriveAndDeregister();
    if (!awaitRounds(phase, settings.closeGrace())) {
      abandoning = true;
      active.forEach(Round::abandon);
      if (w != null) {
        w.shutdownNow();
      }
      if (!awaitRounds(phase, RELEASE_WAIT)) {
        LOG.warn("relay {} closed while a round was still settling; its remaining claims end"
            + " with their lease", owner);
      }
    }
    deliveries.shutdownNow();
    if (w != null) {
      try {
        w.awaitTermination(RELEASE_WAIT.toNanos(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    LOG.info("relay {} closed", owner);
  }

  private boolean awaitRounds(int phase, Duration wait) {
    try {
      rounds.awaitAdvanceInterruptibly(phase, wait.toNanos(), TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("the relay is closed");
    }
  }

  // ---- rounds ---------------------------------------------------------------------------------

  @Override
  public int pollOnce(Instant now) {
    if (now == null) {
      throw new ValidationException("now", "must not be null");
    }
    ensureOpen();
    try {
      Round round = enter(now);
      if (round == null) {
        throw new IllegalStateException("the relay is closed");
      }
      return run(round);
    } catch (StorageException e) {
      throw new StorageFailureException("the relay could not claim from the store: "
          + e.getMessage(), e);
    }
  }

  /** One background thread's turn: rounds until one claims less than it could. */
  private void drain() {
    try {
      while (!closed) {
        Round round = enter(clock.instant());
        if (round == null) {
          return;
        }
        int claimed = run(round);
        if (claimed == 0 || claimed < round.asked) {
          return;
        }
      }
    } catch (VirtualMachineError e) {
      LOG.error("relay {}: a polling thread stops on {}", owner, describe(e));
      throw e;
    } catch (RuntimeException | Error e) {
      LOG.warn("relay {}: a round failed and is tried again in {}: {}", owner,
          settings.pollInterval(), describe(e));
    }
  }

  /** Runs the sweeps at the clock's time; a failing one is logged and tried next time. */
  private void sweep() {
    for (Consumer<Instant> s : sweeps) {
      if (closed) {
        return;
      }
      try {
        s.accept(clock.instant());
      } catch (RuntimeException e) {
        LOG.warn("relay {}: a sweep failed and is tried again in {}: {}", owner,
            settings.sweepInterval(), describe(e));
      }
    }
  }

  /** Registers a round, or returns null if the relay is closed. */
  private Round enter(Instant now) {
    if (rounds.register() < 0) {
      return null;
    }
    if (closed) {
      rounds.arriveAndDeregister();
      return null;
    }
    Round round = new Round(now);
    active.add(round);
    return round;
  }

  private int run(Round round) {
    try {
      return round.run();
    } finally {
      active.remove(round);
      rounds.arriveAndDeregister();
    }
  }

  /** One claim, its deliveries and their settlements. */
  private final class Round {
    final Instant now;
    int asked;
    volatile List<Delivery> running = List.of();

    Round(Instant now) {
      this.now = now;
    }

    int run() {
      asked = takeSlots(settings.batchSize());
      if (asked == 0) {
        if (hung.get() > 0 && saturated.compareAndSet(false, true)) {
          LOG.warn("relay {}: no delivery thread is free, {} of {} are held by callbacks that"
              + " timed out and have not returned; claiming nothing until one is free", owner,
              hung.get(), slotCount);
        }
        return 0;
      }
      if (saturated.compareAndSet(true, false)) {
        LOG.info("relay {}: a delivery thread is free again; claiming resumes", owner);
      }
      List<ClaimedMessage> claimed;
      try {
        claimed = outbox.claim(owner, now, settings.lease(), asked);
      } catch (RuntimeException e) {
        slots.release(asked);
        throw e;
      }
      slots.release(Math.max(0, asked - claimed.size()));
      lag = claimed.stream().map(c -> c.message().dueAt()).min(Instant::compareTo)
          .map(oldest -> oldest.isBefore(now) ? Duration.between(oldest, now) : Duration.ZERO)
          .orElse(Duration.ZERO);
      List<Delivery> toRun = new ArrayList<>(claimed.size());
      for (ClaimedMessage c : claimed) {
        Delivery d = prepare(c);
        if (d != null) {
          toRun.add(d);
        } else {
          slots.release();
        }
      }
      if (!toRun.isEmpty()) {
        deliver(toRun);
      }
      return claimed.size();
    }

    private void deliver(List<Delivery> batch) {
      running = batch;
      boolean interrupted = false;
      boolean cutShort = abandoning;
      List<Future<?>> futures = new ArrayList<>(batch.size());
      if (!cutShort) {
        try {
          long submitted = System.nanoTime();
          for (Delivery d : batch) {
            futures.add(deliveries.submit(d));
          }
          for (int i = 0; i < futures.size(); i++) {
            if (!await(batch.get(i), futures.get(i), submitted)) {
              cutShort = true;
              break;
            }
          }
        } catch (InterruptedException e) {
          interrupted = true;
          cutShort = true;
        } catch (RejectedExecutionException e) {
          cutShort = true;
        }
        if (cutShort) {
          futures.forEach(f -> f.cancel(true));
        }
      }
      VirtualMachineError fatal = null;
      for (int i = 0; i < batch.size(); i++) {
        Delivery d = batch.get(i);
        Outcome outcome = d.conclude(i < futures.size() && futures.get(i).isCancelled());
        if (outcome.fatal != null && fatal == null) {
          fatal = outcome.fatal;
        }
        settle(d.claim, outcome, cutShort || abandoning, now);
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      if (fatal != null) {
        throw fatal;
      }
    }

    /**
     * Waits until a callback is done or has run for the callback timeout, then cancels it. The
     * timeout counts from when the callback started, not from when it waited for a thread; one
     * that has not started within a timeout of being handed over is cancelled too. Returns false
     * if the relay began abandoning its rounds meanwhile.
     */
    private boolean await(Delivery d, Future<?> f, long submitted) throws InterruptedException {
      long timeout = settings.callbackTimeout().toNanos();
      while (!f.isDone()) {
        if (abandoning) {
          return false;
        }
        long deadline = d.state.get() == Delivery.NEW ? submitted + timeout
            : d.startedAt + timeout;
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
          f.cancel(true);
          return true;
        }
        try {
          f.get(remaining, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
          // look again: it may have started meanwhile, which moves its deadline
        } catch (ExecutionException | CancellationException e) {
          return true;
        }
      }
      return true;
    }

    /** Cancels the callbacks still running; the round then hands their messages back. */
    void abandon() {
      running.forEach(Delivery::interrupt);
    }
  }

  private int takeSlots(int wanted) {
    int got = 0;
    while (got < wanted && slots.tryAcquire()) {
      got++;
    }
    return got;
  }

  /**
   * Turns a claim into a delivery, or buries it at once and returns null when it cannot be
   * delivered by any attempt: no such subscriber, an unknown destination, or an unreadable
   * payload.
   */
  private Delivery prepare(ClaimedMessage c) {
    OutboxMessage m = c.message();
    String destination = m.destination();
    String reason;
    try {
      if (destination.equals(CommandRunner.NOTIFIER)) {
        Notification n = payloads.notification(m.payload(), settings.localeHint());
        return new Delivery(c, () -> notifier.deliver(n));
      }
      if (destination.startsWith(CommandRunner.SUBSCRIBER_PREFIX)) {
        String name = destination.substring(CommandRunner.SUBSCRIBER_PREFIX.length());
        EventSubscriber subscriber = subscribers.get(name);
        if (subscriber != null) {
          DomainEvent e = payloads.event(m.payload());
          return new Delivery(c, () -> subscriber.on(e));
        }
        reason = "no subscriber named '" + name + "' is registered";
      } else {
        reason = "unknown destination '" + destination + "': neither '"
            + CommandRunner.NOTIFIER + "' nor '" + CommandRunner.SUBSCRIBER_PREFIX + "<name>'";
      }
    } catch (CodecException e) {
      reason = "the payload cannot be read by this version: " + clean(e.getMessage());
    }
    try (MDC.MDCCloseable ignored = MDC.putCloseable(MDC_KEY, m.id())) {
      if (outbox.bury(m.id(), c.fencingToken(), reason)) {
        buried.increment();
        LOG.warn("message {} ({} to {}) buried at once: {}", m.id(), m.type(), destination,
            reason);
      } else {
        lostLease(m);
      }
    } catch (RuntimeException e) {
      settleFailed(m, e);
    }
    return null;
  }

  // ---- settling -------------------------------------------------------------------------------

  private void settle(ClaimedMessage c, Outcome outcome, boolean releasing, Instant now) {
    OutboxMessage m = c.message();
    try (MDC.MDCCloseable ignored = MDC.putCloseable(MDC_KEY, m.id())) {
      if (outcome.delivered) {
        if (outbox.acknowledge(m.id(), c.fencingToken())) {
          delivered.increment();
          LOG.debug("message {} ({} to {}) delivered on attempt {}", m.id(), m.type(),
              m.destination(), c.attempts());
        } else {
          lostLease(m);
        }
        return;
      }
      if (outcome.timedOut) {
        timedOut.increment();
      }
      if (releasing) {
        String reason = "the relay closed before the delivery finished; handed back";
        if (outbox.reschedule(m.id(), c.fencingToken(), now, reason)) {
          LOG.info("message {} ({} to {}) handed back on closing, attempt {}", m.id(), m.type(),
              m.destination(), c.attempts());
        } else {
          lostLease(m);
        }
        return;
      }
      String error = outcome.error(settings.callbackTimeout());
      if (c.attempts() >= settings.maxAttempts()) {
        if (outbox.bury(m.id(), c.fencingToken(), error)) {
          buried.increment();
          LOG.warn("message {} ({} to {}) buried as a dead letter after attempt {} of {}: {}",
              m.id(), m.type(), m.destination(), c.attempts(), settings.maxAttempts(), error);
        } else {
          lostLease(m);
        }
        return;
      }
      Instant next = later(now, backoff.delay(c.attempts()));
      if (outbox.reschedule(m.id(), c.fencingToken(), next, error)) {
        retried.increment();
        LOG.info("message {} ({} to {}) failed on attempt {} of {}, next at {}: {}", m.id(),
            m.type(), m.destination(), c.attempts(), settings.maxAttempts(), next, error);
      } else {
        lostLease(m);
      }
    } catch (RuntimeException e) {
      settleFailed(m, e);
    }
  }

  private void lostLease(OutboxMessage m) {
    leaseLost.increment();
    LOG.warn("message {} ({} to {}): the lease ran out and the message was claimed or settled"
        + " by someone else; this instance changed nothing", m.id(), m.type(), m.destination());
  }

  private void settleFailed(OutboxMessage m, RuntimeException e) {
    LOG.warn("message {} ({} to {}): the claim could not be settled and ends with its lease: {}",
        m.id(), m.type(), m.destination(), describe(e));
  }

  private static Instant later(Instant now, Duration delay) {
    try {
      return now.plus(delay);
    } catch (DateTimeException | ArithmeticException e) {
      return Instant.MAX;
    }
  }

  // ---- deliveries -----------------------------------------------------------------------------

  /** What became of one callback. */
  private static final class Outcome {
    static final Outcome DELIVERED = new Outcome(true, false, null, null);
    static final Outcome TIMED_OUT = new Outcome(false, true, null, null);
    static final Outcome NOT_RUN = new Outcome(false, false, null, null);

    final boolean delivered;
    final boolean timedOut;
    final Throwable failure;
    final VirtualMachineError fatal;

    private Outcome(boolean delivered, boolean timedOut, Throwable failure,
        VirtualMachineError fatal) {
      this.delivered = delivered;
      this.timedOut = timedOut;
      this.failure = failure;
      this.fatal = fatal;
    }

    static Outcome failed(Throwable t) {
      return new Outcome(false, false, t,
          t instanceof VirtualMachineError ? (VirtualMachineError) t : null);
    }

    String error(Duration timeout) {
      if (failure != null) {
        return describe(failure);
      }
      if (timedOut) {
        return "the callback did not return within " + timeout + " and was cancelled";
      }
      return "the callback could not start within " + timeout;
    }
  }

  /** One callback run on a delivery thread; it gives its slot back when it really ends. */
  private final class Delivery implements Callable<Void> {
    static final int NEW = 0;
    static final int RUNNING = 1;
    static final int DONE = 2;
    static final int ABANDONED = 3;

    final ClaimedMessage claim;
    final Runnable callback;
    final AtomicInteger state = new AtomicInteger(NEW);
    volatile Outcome outcome;
    /** When the callback started, by {@link System#nanoTime()}; written before it is RUNNING. */
    volatile long startedAt;
    private Thread runner;

    Delivery(ClaimedMessage claim, Runnable callback) {
      this.claim = claim;
      this.callback = callback;
    }

    @Override
    public Void call() {
      startedAt = System.nanoTime();
      if (!state.compareAndSet(NEW, RUNNING)) {
        return null;
      }
      synchronized (this) {
        runner = Thread.currentThread();
      }
      try (MDC.MDCCloseable ignored = MDC.putCloseable(MDC_KEY, claim.message().id())) {
        callback.run();
        outcome = Outcome.DELIVERED;
      } catch (Throwable t) {
        outcome = Outcome.failed(t);
      } finally {
        synchronized (this) {
          runner = null;
        }
        slots.release();
        if (!state.compareAndSet(RUNNING, DONE)) {
          state.set(DONE);
          hung.decrementAndGet();
        }
      }
      return null;
    }

    /** Interrupts the callback if it is still running. */
    synchronized void interrupt() {
      if (runner != null) {
        runner.interrupt();
      }
    }

    /**
     * What happened, once the round stops waiting: a time-out if the callback is still running
     * (it keeps its slot until it returns) or was cancelled for running too long, unless it
     * delivered all the same; "not run" if it never started (its slot is given back here);
     * otherwise the recorded outcome.
     */
    Outcome conclude(boolean cancelled) {
      if (state.compareAndSet(NEW, DONE)) {
        slots.release();
        return Outcome.NOT_RUN;
      }
      if (state.compareAndSet(RUNNING, ABANDONED)) {
        hung.incrementAndGet();
        interrupt();
        return Outcome.TIMED_OUT;
      }
      Outcome recorded = outcome;
      if (recorded == Outcome.DELIVERED) {
        return recorded;
      }
      return cancelled || recorded == null ? Outcome.TIMED_OUT : recorded;
    }
  }

  // ---- statistics -----------------------------------------------------------------------------

  @Override
  public RelayStatistics statistics() {
    return ImmutableRelayStatistics.builder()
        .delivered(delivered.sum())
        .retried(retried.sum())
        .buried(buried.sum())
        .timedOut(timedOut.sum())
        .leaseLost(leaseLost.sum())
        .hungCallbacks(Math.max(0, hung.get()))
        .lag(lag)
        .build();
  }

  @Override
  public String owner() {
    return owner;
  }

  // ---- dead letters ---------------------------------------------------------------------------

  @Override
  public ResultPage<DeadLetter> deadLetters(PageRequest page) {
    if (page == null) {
      throw new ValidationException("page", "must not be null");
    }
    ensureOpen();
    Page<DeadLetter> p;
    try {
      p = outbox.dead(page.cursor().orElse(null), page.limit());
    } catch (IllegalArgumentException e) {
      throw new ValidationException("page.cursor", "is not a cursor this store returned");
    } catch (StorageException e) {
      throw failed("listing dead letters", e);
    }
    return ResultPage.of(p.items(), p.nextCursor().orElse(null));
  }

  @Override
  public Optional<DeadLetter> deadLetter(String id) {
    checkId(id);
    ensureOpen();
    try {
      String cursor = null;
      do {
        Page<DeadLetter> p = outbox.dead(cursor, DEAD_PAGE);
        for (DeadLetter d : p.items()) {
          int order = d.message().id().compareTo(id);
          if (order == 0) {
            return Optional.of(d);
          }
          if (order > 0) {
            return Optional.empty();
          }
        }
        cursor = p.nextCursor().orElse(null);
      } while (cursor != null);
      return Optional.empty();
    } catch (StorageException e) {
      throw failed("reading dead letters", e);
    }
  }

  @Override
  public boolean revive(String id) {
    checkId(id);
    ensureOpen();
    try {
      boolean revived = outbox.revive(id, clock.instant());
      if (revived) {
        logRevived(id);
      }
      return revived;
    } catch (StorageException e) {
      throw failed("reviving a dead letter", e);
    }
  }

  @Override
  public int reviveAll() {
    ensureOpen();
    Instant now = clock.instant();
    Set<String> tried = new HashSet<>();
    int revived = 0;
    try {
      String cursor = null;
      do {
        Page<DeadLetter> p = outbox.dead(cursor, DEAD_PAGE);
        for (DeadLetter d : p.items()) {
          String id = d.message().id();
          if (tried.add(id) && outbox.revive(id, now)) {
            revived++;
            logRevived(id);
          }
        }
        cursor = p.nextCursor().orElse(null);
      } while (cursor != null);
    } catch (StorageException e) {
      throw failed("reviving dead letters (" + revived + " revived before the failure)", e);
    }
    return revived;
  }

  @Override
  public boolean purge(String id) {
    checkId(id);
    ensureOpen();
    try {
      boolean purged = outbox.purge(id);
      if (purged) {
        try (MDC.MDCCloseable ignored = MDC.putCloseable(MDC_KEY, id)) {
          LOG.info("dead letter {} purged", id);
        }
      }
      return purged;
    } catch (StorageException e) {
      throw failed("purging a dead letter", e);
    }
  }

  private static void logRevived(String id) {
    try (MDC.MDCCloseable ignored = MDC.putCloseable(MDC_KEY, id)) {
      LOG.info("dead letter {} revived", id);
    }
  }

  private static void checkId(String id) {
    try {
      Limits.checkId("messageId", id);
    } catch (IllegalArgumentException e) {
      throw new ValidationException("messageId", e.getMessage().replaceFirst("^messageId ", ""));
    }
  }

  private static StorageFailureException failed(String what, StorageException e) {
    return new StorageFailureException("the relay failed " + what + ": " + e.getMessage(), e);
  }

  // ---- helpers --------------------------------------------------------------------------------

  /**
   * Names a failure for logs and the outbox: the exception's class and its message, shortened,
   * on one line, and storable by any database. Never the payload: the relay does not put it in
   * exceptions.
   */
  static String describe(Throwable t) {
    String message = t.getMessage();
    return clean(t.getClass().getName()
        + (message == null || message.isBlank() ? "" : ": " + message));
  }

  /** One line of at most {@value #MAX_ERROR_SHOWN} characters, without control characters. */
  static String clean(String text) {
    StringBuilder s = new StringBuilder(Math.min(text.length(), MAX_ERROR_SHOWN + 1));
    for (int i = 0; i < text.length() && s.length() < MAX_ERROR_SHOWN; i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        if (s.length() + 2 > MAX_ERROR_SHOWN) {
          break;
        }
        s.append(c).append(text.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        s.append('\uFFFD');
      } else {
        s.append(Character.isISOControl(c) ? ' ' : c);
      }
    }
    if (s.length() < text.length()) {
      s.append('…');
    }
    return s.toString();
  }

  private static ThreadFactory daemons(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread t = new Thread(task, prefix + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
