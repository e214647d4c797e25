package dev.seedream.transport.reactor.internal;

import java.util.concurrent.CompletableFuture;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/** Bridges a {@link Mono} to a {@link CompletableFuture} whose cancellation disposes the subscription. */
public final class Futures {
  private Futures() {}

  /**
   * Subscribes now and returns a future that completes with the Mono's value or error, on the
   * thread that signals it. Cancelling the future disposes the subscription.
   */
  public static <T> CompletableFuture<T> subscribe(Mono<T> mono) {
    CompletableFuture<T> future = new CompletableFuture<>();
    Disposable subscription = mono.subscribe(future::complete, future::completeExceptionally,
        () -> future.completeExceptionally(new IllegalStateException("the exchange completed without an answer")));
    future.whenComplete((value, error) -> {
      if (future.isCancelled()) {
        subscription.dispose();
      }
    });
    return future;
  }
}
