package dev.seedream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedream.testing.RunbaseScript;
import dev.seedream.testing.ScriptedServer;
import dev.seedream.testing.ScriptedServer.Received;
import dev.seedream.testing.TextCodec;
import dev.seedream.testing.VirtualScheduler;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;

/** What the engine tests share: a client on virtual time over a scripted Runbase. */
abstract class EngineTestSupport {
  static final String KEY = "sk-test-engine-0123456789";
  static final GenerationRequest REQUEST = GenerationRequest.builder().prompt("a ceramic lamp").build();

  final VirtualScheduler time = new VirtualScheduler();
  SeedreamAsyncClient client;
  ScriptedServer server;

  SeedreamAsyncClient client(RunbaseScript script) {
    return client(script, ClientBuilderCustomizer.NONE);
  }

  interface ClientBuilderCustomizer {
    ClientBuilderCustomizer NONE = builder -> builder;

    ClientBuilder<SeedreamAsyncClient> apply(ClientBuilder<SeedreamAsyncClient> builder);
  }

  SeedreamAsyncClient client(RunbaseScript script, ClientBuilderCustomizer customizer) {
    server = new ScriptedServer(time::nanoTime, script);
    client =
        customizer
            .apply(
                SeedreamAsyncClient.builder()
                    .apiKey(KEY)
                    .baseUrl("https://runbase.test")
                    .transport(server)
                    .codec(new TextCodec())
                    .scheduler(time)
                    .retryPolicy(RetryPolicy.custom().random(new Random(7)).build()))
            .build();
    return client;
  }

  @AfterEach
  void close() {
    if (client != null) {
      client.close();
    }
  }

  static <T> Throwable failure(CompletableFuture<T> future) {
    assertThat(future).isCompletedExceptionally();
    try {
      future.get();
      throw new AssertionError("not failed");
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    } catch (java.util.concurrent.CancellationException e) {
      return e;
    }
  }

  RunId submit() {
    CompletableFuture<RunId> id = client.submit(REQUEST);
    time.runDue();
    return id.join();
  }

  List<Received> gets() {
    return server.received().stream().filter(r -> r.method().equals("GET")).toList();
  }
}
