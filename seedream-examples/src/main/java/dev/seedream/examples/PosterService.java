package dev.seedream.examples;

import dev.seedream.AspectRatio;
import dev.seedream.GenerationRequest;
import dev.seedream.Run;
import dev.seedream.RunId;
import dev.seedream.SeedreamClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** "Your code" in the testing guide: renders a poster with a client it is given. */
public final class PosterService {
  private final SeedreamClient client;
  private final Path directory;

  public PosterService(SeedreamClient client, Path directory) {
    this.client = Objects.requireNonNull(client, "client");
    this.directory = Objects.requireNonNull(directory, "directory");
  }

  /** Generates a 2:3 poster for the prompt and downloads it. */
  public Poster render(String prompt) {
    Run run = client.generate(GenerationRequest.builder().prompt(prompt).aspectRatio(AspectRatio.RATIO_2_3).build());
    return new Poster(run.id(), client.download(run, directory));
  }

  /** A rendered poster: its run and its files. */
  public record Poster(RunId runId, List<Path> images) {
    public Poster {
      images = List.copyOf(images);
    }
  }
}
