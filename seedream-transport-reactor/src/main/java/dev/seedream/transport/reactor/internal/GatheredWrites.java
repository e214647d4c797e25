package dev.seedream.transport.reactor.internal;

import dev.seedream.spi.AsyncBodySink;
import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCountUtil;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.publisher.Operators;

/**
 * Writes a body to an {@link AsyncBodySink}, gathering the buffers that arrive while a write is under
 * way into the next write, so that a sink that hands each write to another thread does so once per
 * batch, not once per Netty buffer.
 *
 * <p><b>Bounds.</b> At most one write runs at a time. While it runs, buffers are read and kept
 * (retained) until {@code maxGatheredBytes} are waiting; then no more are requested until that
 * write has ended. So at most about twice that bound, plus the buffers of one request, is held.
 *
 * <p><b>Buffers.</b> Each buffer is retained when it arrives and released exactly once: when the
 * stage of the write that carried it completes, or at once if it was never handed to the sink (the
 * body failed, the exchange was cancelled, the sink failed). A buffer being written is never
 * released before its stage completes, whatever happens meanwhile: the sink may still read it.
 *
 * <p><b>Ending.</b> {@link #write} completes once the body has ended and its last write has
 * completed; it fails with {@link SinkFailure} when the sink fails, and with the body's error only
 * once no write is running, so that whoever reacts to the failure (a retry that starts over) never
 * races a write of this body. {@link #idle} tells when no write runs and none will start, for a
 * failure that ends the exchange from outside (a timeout, which cancels this body's reading).
 *
 * <p><b>Threads.</b> Nothing here blocks: the state is kept under a monitor held only for a few field
 * updates, and the sink, the upstream and the downstream are called outside it, one at a time
 * (a work-in-progress counter serialises what the event loop and the sink's threads ask for).
 */
public final class GatheredWrites {
  /** Buffers requested at once while fewer than the bound are waiting. */
  static final int REQUEST_BATCH = 16;

  private final AsyncBodySink sink;
  private final long maxGatheredBytes;
  private final AtomicInteger wip = new AtomicInteger();

  // guarded by this
  private final List<ByteBuf> gathered = new ArrayList<>();
  private long gatheredBytes;
  /** The buffers of the write under way, or null. */
  private List<ByteBuf> writing;
  private long outstanding;
  private boolean bodyEnded;
  private Throwable bodyError;
  private Throwable sinkError;
  /** Cancelled, failed or ended: no write starts any more. */
  private boolean stopped;
  private boolean signalled;
  private Subscription upstream;
  private MonoSink<Void> downstream;
  private final List<MonoSink<Void>> idleWaiters = new ArrayList<>();

  /** Actions decided under the monitor, done outside it by {@link #drain}. */
  private List<ByteBuf> toWrite;
  private final List<ByteBuf> toRelease = new ArrayList<>();
  private long toRequest;
  private boolean toCancel;

  public GatheredWrites(AsyncBodySink sink, long maxGatheredBytes) {
    this.sink = Objects.requireNonNull(sink, "sink");
    if (maxGatheredBytes < 1) {
      throw new IllegalArgumentException("maxGatheredBytes must be at least 1, but was " + maxGatheredBytes);
    }
    this.maxGatheredBytes = maxGatheredBytes;
  }

  /** Reads the body into the sink; may be subscribed once. Cancelling stops the reading. */
  public Mono<Void> write(Publisher<ByteBuf> body) {
    return Mono.create(mono -> {
      synchronized (this) {
        if (downstream != null) {
          mono.error(new IllegalStateException("a body is written once"));
          return;
        }
        downstream = mono;
      }
      mono.onCancel(this::cancel);
      body.subscribe(new Reader());
    });
  }

  /**
   * Completes once no write runs and none will start; stops the writing if it was still going on
   * (its reading is cancelled). Never fails.
   */
  public Mono<Void> idle() {
    return Mono.create(mono -> {
      boolean now;
      synchronized (this) {
        stop();
        now = writing == null;
        if (!now) {
          idleWaiters.add(mono);
        }
      }
      drain();
      if (now) {
        mono.success();
      }
    });
  }

  private void cancel() {
    synchronized (this) {
      stop();
      signalled = true;
    }
    drain();
  }

  /** No write starts any more: the buffers waiting are released, the reading is cancelled. Under the monitor. */
  private void stop() {
    if (!stopped) {
      stopped = true;
      toCancel = true;
    }
    toRelease.addAll(gathered);
    gathered.clear();
    gatheredBytes = 0;
  }

  private void onSubscribe(Subscription subscription) {
    synchronized (this) {
      upstream = subscription;
      if (stopped) {
        toCancel = true;
      }
    }
    drain();
  }

  private void onNext(ByteBuf buffer) {
    synchronized (this) {
      outstanding--;
      if (!stopped) {
        // Reactor Netty releases the buffer once this returns: it is kept until its write has completed
        gathered.add(buffer.retain());
        gatheredBytes += buffer.readableBytes();
      }
    }
    drain();
  }

  private void onError(Throwable error) {
    synchronized (this) {
      if (bodyError == null && !bodyEnded) {
        bodyError = error;
      }
    }
    drain();
  }

  private void onComplete() {
    synchronized (this) {
      bodyEnded = true;
    }
    drain();
  }

  private void onWritten(Throwable error) {
    List<ByteBuf> done;
    synchronized (this) {
      done = writing;
      writing = null;
      if (error != null && sinkError == null) {
        sinkError = error;
        stop();
      }
    }
    done.forEach(GatheredWrites::release);
    drain();
  }

  /** Does what the state asks for, on one thread at a time, until nothing more is asked. */
  private void drain() {
    if (wip.getAndIncrement() != 0) {
      return;
    }
    do {
      step();
    } while (wip.decrementAndGet() != 0);
  }

  private void step() {
    List<ByteBuf> batch = null;
    List<ByteBuf> released;
    List<MonoSink<Void>> idle = List.of();
    Subscription subscription;
    boolean cancelNow;
    long request = 0;
    Runnable signal = null;
    synchronized (this) {
      subscription = upstream;
      cancelNow = toCancel && subscription != null;
      if (cancelNow) {
        toCancel = false;
      }
      if (writing == null) {
        if (!stopped && bodyError == null && !gathered.isEmpty()) {
          batch = new ArrayList<>(gathered);
          gathered.clear();
          gatheredBytes = 0;
          writing = batch;
        } else if (bodyError != null && !stopped) {
          stop();
          cancelNow = false; // the body has ended: nothing to cancel
          toCancel = false;
        }
        if (writing == null) {
          idle = new ArrayList<>(idleWaiters);
          idleWaiters.clear();
          signal = ending();
        }
      }
      if (!stopped && !bodyEnded && bodyError == null && subscription != null
          && outstanding == 0 && gatheredBytes < maxGatheredBytes) {
        request = REQUEST_BATCH;
        outstanding = request;
      }
      released = toRelease.isEmpty() ? List.of() : new ArrayList<>(toRelease);
      toRelease.clear();
    }
    released.forEach(GatheredWrites::release);
    if (cancelNow) {
      subscription.cancel();
    }
    if (request > 0) {
      subscription.request(request);
    }
    idle.forEach(MonoSink::success);
    if (signal != null) {
      signal.run();
    }
    if (batch != null) {
      start(batch);
    }
  }

  /** The signal that ends the write, once no write runs; null while there is none yet. Under the monitor. */
  private Runnable ending() {
    if (signalled || downstream == null) {
      return null;
    }
    MonoSink<Void> mono = downstream;
    if (sinkError != null) {
      signalled = true;
      Throwable error = sinkError;
      return () -> mono.error(new SinkFailure(error));
    }
    if (bodyError != null) {
      signalled = true;
      Throwable error = bodyError;
      return () -> mono.error(error);
    }
    if (bodyEnded && gathered.isEmpty()) {
      signalled = true;
      stopped = true;
      return mono::success;
    }
    return null;
  }

  private void start(List<ByteBuf> batch) {
    List<ByteBuffer> chunks = new ArrayList<>(batch.size());
    for (ByteBuf buffer : batch) {
      if (buffer.nioBufferCount() == 1) {
        chunks.add(buffer.nioBuffer());
      } else {
        Collections.addAll(chunks, buffer.nioBuffers());
      }
    }
    CompletionStage<Void> stage;
    try {
      stage = chunks.size() == 1 ? sink.write(chunks.get(0)) : sink.write(chunks);
      Objects.requireNonNull(stage, "AsyncBodySink.write returned null");
    } catch (Throwable e) {
      // a sink that throws fails the download with what it threw (BlockHound's error too), unless the JVM is done
      Exceptions.throwIfJvmFatal(e);
      onWritten(e);
      return;
    }
    stage.whenComplete((ignored, error) -> onWritten(error));
  }

  private static void release(ByteBuf buffer) {
    ReferenceCountUtil.safeRelease(buffer);
  }

  private final class Reader implements CoreSubscriber<ByteBuf> {
    @Override
    public void onSubscribe(Subscription subscription) {
      if (Operators.validate(null, subscription)) {
        GatheredWrites.this.onSubscribe(subscription);
      }
    }

    @Override
    public void onNext(ByteBuf buffer) {
      GatheredWrites.this.onNext(buffer);
    }

    @Override
    public void onError(Throwable error) {
      GatheredWrites.this.onError(error);
    }

    @Override
    public void onComplete() {
      GatheredWrites.this.onComplete();
    }
  }
}
