package dev.seedream.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Function;

/** Composition of futures where cancelling the result cancels whichever stage is running. */
public final class Futures {
  private Futures() {}

  /** {@code source.thenApply(map)}, but cancelling the result cancels {@code source}. */
  public static <A, B> CompletableFuture<B> map(CompletableFuture<A> source, Function<A, B> map) {
    return chain(source, value -> CompletableFuture.completedFuture(map.apply(value)));
  }

  /** {@code first.thenCompose(next)}, but cancelling the result cancels {@code first} or the stage after it. */
  public static <A, B> CompletableFuture<B> chain(CompletableFuture<A> first, Function<A, CompletableFuture<B>> next) {
    CompletableFuture<B> result = new CompletableFuture<>();
    AtomicReference<CompletableFuture<B>> second = new AtomicReference<>();
    first.whenComplete(
        (value, error) -> {
          if (error != null) {
            result.completeExceptionally(Blocking.unwrap(error));
            return;
          }
          CompletableFuture<B> stage;
          try {
            stage = next.apply(value);
          } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return;
          }
          second.set(stage);
          if (result.isDone()) {
            stage.cancel(true);
            return;
          }
          stage.whenComplete(
              (out, failure) -> {
                if (failure != null) {
                  result.completeExceptionally(Blocking.unwrap(failure));
                } else {
                  result.complete(out);
                }
              });
        });
    result.whenComplete(
        (value, error) -> {
          if (result.isCancelled()) {
            first.cancel(true);
            CompletableFuture<B> stage = second.get();
            if (stage != null) {
              stage.cancel(true);
            }
          }
        });
    return result;
  }

  /**
   * {@code source.whenComplete(action)}, but cancelling the result cancels {@code source}: the result
   * completes once {@code action} has run, so whoever waits for it sees what {@code action} did.
   */
  public static <T> CompletableFuture<T> whenDone(CompletableFuture<T> source, BiConsumer<T, Throwable> action) {
    CompletableFuture<T> result = new CompletableFuture<>();
    source.whenComplete(
        (value, error) -> {
          try {
            action.accept(value, error);
          } finally {
            if (error != null) {
              result.completeExceptionally(Blocking.unwrap(error));
            } else {
              result.complete(value);
            }
          }
        });
    result.whenComplete(
        (value, error) -> {
          if (result.isCancelled()) {
            source.cancel(true);
          }
        });
    return result;
  }
}
