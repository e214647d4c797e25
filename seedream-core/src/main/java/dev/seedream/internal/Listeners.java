package dev.seedream.internal;

import dev.seedream.SeedreamListener;
import java.lang.System.Logger.Level;

/** Calls listeners so that a failing one cannot break the engine. */
final class Listeners {
  private static final System.Logger LOG = System.getLogger("dev.seedream");

  private Listeners() {}

  static void safely(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      threw(e);
    }
  }

  /** Logs what a listener threw, which is otherwise ignored. */
  static void threw(RuntimeException e) {
    LOG.log(Level.WARNING, "a SeedreamListener threw; ignored", e);
  }

  /** What {@code listener} returns for a request that starts; {@link SeedreamListener.Exchange#NONE} if it throws. */
  static SeedreamListener.Exchange exchange(SeedreamListener listener, SeedreamListener.Request request) {
    try {
      SeedreamListener.Exchange exchange = listener.requestStarted(request);
      return exchange == null ? SeedreamListener.Exchange.NONE : exchange;
    } catch (RuntimeException e) {
      threw(e);
      return SeedreamListener.Exchange.NONE;
    }
  }

  /** The listener {@code listener} returns for a call; {@code listener} itself if it returns null or throws. */
  static SeedreamListener forOperation(SeedreamListener listener, SeedreamListener.Operation operation) {
    try {
      SeedreamListener forCall = listener.operationStarted(operation);
      return forCall == null ? listener : forCall;
    } catch (RuntimeException e) {
      threw(e);
      return listener;
    }
  }
}
