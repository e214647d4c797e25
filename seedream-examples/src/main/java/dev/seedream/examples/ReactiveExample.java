package dev.seedream.examples;

import dev.seedream.AspectRatio;
import dev.seedream.GenerationRequest;
import dev.seedream.transport.reactor.ReactiveSeedreamClient;
import java.nio.file.Path;
import reactor.core.publisher.Flux;

/** The reactive client: generate one image and download it into {@code out/}. */
public final class ReactiveExample {
  private ReactiveExample() {}

  /** Reads {@code RUNBASE_API_KEY} (and {@code RUNBASE_BASE_URL}) and prints the files written. */
  public static void main(String[] args) {
    // tag::reactive-generate[]
    try (ReactiveSeedreamClient client = ReactiveSeedreamClient.fromEnv()) {
      Flux<Path> files = client.generate(GenerationRequest.builder()       // nothing sent yet
              .prompt("A cinematic product photo of a ceramic lamp")
              .aspectRatio(AspectRatio.RATIO_16_9)
              .build())
          .flatMapMany(run -> client.download(run, Path.of("out")));
      files.doOnNext(System.out::println)
          .blockLast();                                                    // in a WebFlux app: return files
    }
    // end::reactive-generate[]
  }
}
