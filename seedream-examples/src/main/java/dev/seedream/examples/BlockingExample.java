package dev.seedream.examples;

import dev.seedream.AspectRatio;
import dev.seedream.GenerationRequest;
import dev.seedream.Quality;
import dev.seedream.Run;
import dev.seedream.SeedreamClient;
import java.nio.file.Path;
import java.util.List;

/** The blocking client: generate one image and download it into {@code out/}. */
public final class BlockingExample {
  private BlockingExample() {}

  /** Reads {@code RUNBASE_API_KEY} (and {@code RUNBASE_BASE_URL}) and prints the files written. */
  public static void main(String[] args) {
    // tag::blocking-generate[]
    try (SeedreamClient client = SeedreamClient.fromEnv()) {           // RUNBASE_API_KEY
      Run run = client.generate(GenerationRequest.builder()
          .prompt("A cinematic product photo of a ceramic lamp")
          .aspectRatio(AspectRatio.RATIO_16_9)
          .quality(Quality.HIGH)
          .build());                                                      // create, wait, succeeded
      List<Path> files = client.download(run, Path.of("out"));           // streamed; no key to the CDN
      files.forEach(System.out::println);
    }
    // end::blocking-generate[]
  }
}
