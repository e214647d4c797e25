package dev.seedream.examples;

import dev.seedream.CallContext;
import dev.seedream.GenerationRequest;
import dev.seedream.ImageBytes;
import dev.seedream.ImageInfo;
import dev.seedream.Run;
import dev.seedream.RunDeadlineExceededException;
import dev.seedream.RunError;
import dev.seedream.RunFailedException;
import dev.seedream.RunStatus;
import dev.seedream.SeedreamClient;
import dev.seedream.SeedreamListener;
import dev.seedream.validation.ValidationException;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The getting-started guide: a client configured in code, and a generation that handles its errors. */
public final class GettingStarted {
  private GettingStarted() {}

  /** A client with an explicit key and base URL instead of the environment's. */
  public static SeedreamClient configuredClient(String baseUrl, String apiKey) {
    // tag::builder-client[]
    SeedreamClient client = SeedreamClient.builder()
        .apiKey(apiKey)                          // instead of RUNBASE_API_KEY
        .baseUrl(baseUrl)                        // instead of RUNBASE_BASE_URL or https://runbase.net
        .deadline(Duration.ofMinutes(2))         // how long generate() waits for a run
        .build();
    // end::builder-client[]
    return client;
  }

  /** Edits a local photo: the file goes inline as a reference image; returns the edited images. */
  public static List<Path> editLocalPhoto(SeedreamClient client, Path photo, Path out) {
    // tag::edit-local-photo[]
    GenerationRequest edit = GenerationRequest.builder()
        .prompt("Turn the sky into a warm sunset; keep everything else as it is")
        .addImage(photo)                         // PNG, JPEG, WebP or GIF, at most 10 MB: sent inline
        .build();
    Run run = client.generate(edit);
    return client.download(run, out);
    // end::edit-local-photo[]
  }

  /** Streams each image of a run into a store of its own (here a map standing for object storage); returns the keys. */
  public static List<String> uploadEachImage(SeedreamClient client, Run run, Map<String, ByteArrayOutputStream> store) {
    // tag::download-to-sink[]
    List<ImageInfo> sent = client.download(run, image -> {     // one stream per image, no temporary file
      ByteArrayOutputStream upload = new ByteArrayOutputStream(); // your object storage's upload stream
      store.put("renders/" + image.fileName(), upload);         // run-id-1.png; image.mediaType(): image/png
      return upload;                                             // closed by the SDK once the image is whole
    });
    // end::download-to-sink[]
    return sent.stream().map(image -> "renders/" + image.fileName()).toList();
  }

  /** The first image of a run as bytes, for a small image. */
  public static byte[] firstImageBytes(SeedreamClient client, Run run) {
    // tag::download-bytes[]
    List<ImageBytes> images = client.downloadBytes(run);      // in memory: at most 64 MiB in all
    byte[] png = images.get(0).bytes();
    // end::download-bytes[]
    return png;
  }

  /** Generates for one job of an app with many: the job's progress goes to its own list, without a map by run id. */
  public static Run generateForJob(SeedreamClient client, String jobId, String prompt, List<String> progress) {
    // tag::call-context[]
    CallContext job = CallContext.of(jobId).withListener(new SeedreamListener() {
      @Override
      public void statusChanged(Run run, RunStatus previous) {
        progress.add(jobId + ": " + run.status());               // this job's run only
      }
    });
    return client.withContext(job).generate(GenerationRequest.builder().prompt(prompt).build());
    // end::call-context[]
  }

  /** Generates an image for {@code prompt} into {@code out}; on a failure says why and returns no file. */
  public static List<Path> generateOrExplain(SeedreamClient client, String prompt, Path out) {
    // tag::handle-errors[]
    try {
      Run run = client.generate(GenerationRequest.builder().prompt(prompt).build(), Duration.ofMinutes(3));
      return client.download(run, out);          // out/<run id>-1.png, ...: all or nothing
    } catch (ValidationException e) {            // the input broke a rule: nothing was sent
      e.violations().forEach(v -> System.err.println(v.path() + ": " + v.message()));
    } catch (RunFailedException e) {             // the run ended "failed": its cost is refunded
      System.err.println("run failed: " + e.error().map(RunError::message).orElse("no reason given"));
    } catch (RunDeadlineExceededException e) {   // the run goes on at Runbase: await its id later
      System.err.println("still " + e.lastStatus().orElse(null) + " after 3 minutes: " + e.existingRunId());
    }
    return List.of();
    // end::handle-errors[]
  }
}
