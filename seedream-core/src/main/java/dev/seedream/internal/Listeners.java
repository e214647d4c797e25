package dev.seedream.internal;

import java.lang.System.Logger.Level;

/** Calls listeners so that a failing one cannot break the engine. */
final class Listeners {
  private static final System.Logger LOG = System.getLogger("dev.seedream");

  private Listeners() {}

  static void safely(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "a SeedreamListener threw; ignored", e);
    }
  }
}
