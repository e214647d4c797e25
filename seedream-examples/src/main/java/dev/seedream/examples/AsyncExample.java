package dev.seedream.examples;

import dev.seedream.AspectRatio;
import dev.seedream.GenerationRequest;
import dev.seedream.SeedreamAsyncClient;
import java.nio.file.Path;
import java.util.List;

/** The {@code CompletableFuture} client: generate one image and download it into {@code out/}. */
public final class AsyncExample {
  private AsyncExample() {}

  /** Reads {@code RUNBASE_API_KEY} (and {@code RUNBASE_BASE_URL}) and prints the files written. */
  public static void main(String[] args) {
    // tag::async-generate[]
    try (SeedreamAsyncClient client = SeedreamAsyncClient.fromEnv()) {
      GenerationRequest request = GenerationRequest.builder()
          .prompt("A cinematic product photo of a ceramic lamp")
          .aspectRatio(AspectRatio.RATIO_16_9)
          .build();
      List<Path> files = client.generate(request)                          // returns at once
          .thenCompose(run -> client.download(run, Path.of("out")))
          .join();                                                         // only main waits
      files.forEach(System.out::println);
    }
    // end::async-generate[]
  }
}
