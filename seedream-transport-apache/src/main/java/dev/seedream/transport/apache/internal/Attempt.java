package dev.seedream.transport.apache.internal;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.protocol.HttpClientContext;

/**
 * One exchange in flight: the Apache request, its context, the thread that waits for it, its
 * deadline, whether a connection was established, and why it was aborted, if it was.
 */
public final class Attempt {
  /** The context attribute under which {@link ConnectedMarker} finds the attempt. */
  static final String ATTRIBUTE = Attempt.class.getName();

  /** Why the watchdog aborted an attempt. */
  public enum Abort {
    DEADLINE,
    INTERRUPT
  }

  private final HttpUriRequestBase request;
  private final HttpClientContext context = HttpClientContext.create();
  private final Thread caller;
  private final long deadlineNanos;
  private final AtomicReference<Abort> abort = new AtomicReference<>();
  private final CountDownLatch aborting = new CountDownLatch(1);
  private volatile boolean connected;

  public Attempt(HttpUriRequestBase request, Thread caller, long deadlineNanos) {
    this.request = request;
    this.caller = caller;
    this.deadlineNanos = deadlineNanos;
    context.setAttribute(ATTRIBUTE, this);
  }

  public HttpUriRequestBase request() {
    return request;
  }

  public HttpClientContext context() {
    return context;
  }

  Thread caller() {
    return caller;
  }

  long deadlineNanos() {
    return deadlineNanos;
  }

  /** Called once a connection to the server is open, just before the request is written. */
  void markConnected() {
    connected = true;
  }

  /** Whether a connection was open for this request, so that some of it may have been sent. */
  public boolean connected() {
    return connected;
  }

  /** Aborts the exchange for {@code reason}, unless it was aborted already: closes its connection. */
  void abort(Abort reason) {
    if (abort.compareAndSet(null, reason)) {
      try {
        request.cancel();
      } finally {
        aborting.countDown();
      }
    }
  }

  /**
   * Waits until an abort begun on the watchdog's thread has returned the connection to the pool,
   * so that the pool is clean when the exchange ends. Keeps the interrupt flag.
   */
  public void awaitAbort() {
    if (abort.get() == null) {
      return;
    }
    boolean interrupted = false;
    while (true) {
      try {
        aborting.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Aborts the exchange and discards its connection, for a body that will not be read to its end. */
  public void discard() {
    request.cancel();
  }

  /** Why the watchdog aborted this attempt, or {@code null}. */
  public Abort aborted() {
    return abort.get();
  }
}
