package dev.seedream.internal;

import dev.seedream.DownloadException;
import dev.seedream.Run;
import dev.seedream.RunId;
import dev.seedream.SeedreamException;
import dev.seedream.SeedreamListener;
import dev.seedream.spi.HttpRequest;
import dev.seedream.spi.HttpResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Downloads the images of a run into a directory: each streamed into a hidden temporary file, and
 * once all have arrived, moved to {@code <run id>-<n>.<ext>}. All or nothing: when one image fails,
 * the temporary files are deleted and nothing in the directory has changed. {@code Authorization}
 * goes only to the API's origin, on every hop of a redirect.
 */
final class Downloader {
  static final int MAX_REDIRECTS = 5;

  private final Engine engine;
  private final Requests requests;
  private final ExecutorService executor;
  private final SeedreamListener listener;
  private final Duration downloadTimeout;
  private final long maxErrorBodyBytes;

  Downloader(Engine engine, Requests requests, ExecutorService executor, SeedreamListener listener,
      Duration downloadTimeout, long maxErrorBodyBytes) {
    this.engine = engine;
    this.requests = requests;
    this.executor = executor;
    this.listener = listener;
    this.downloadTimeout = downloadTimeout;
    this.maxErrorBodyBytes = maxErrorBodyBytes;
  }

  CompletableFuture<List<Path>> download(Run run, Path directory) {
    if (run.outputUrls().isEmpty()) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException(
              "run " + run.id() + " has no output URLs (status: " + run.status()
                  + "): download a run returned by generate() or await()"));
    }
    Job job = new Job(run, directory);
    job.start();
    return job.result;
  }

  /** An image that has arrived in its temporary file, and the name it will have. */
  private record Arrived(Path temp, String name) {}

  /** One call of download: its images one after the other, and those that have arrived so far. */
  private final class Job {
    final Run run;
    final Path directory;
    final CompletableFuture<List<Path>> result = new CompletableFuture<>();
    final List<Arrived> arrived = new ArrayList<>();
    volatile CompletableFuture<?> inflight;

    Job(Run run, Path directory) {
      this.run = run;
      this.directory = directory;
      result.whenComplete((paths, error) -> {
        if (error != null) {
          abort();
        }
      });
    }

    /** Cleans up first, then fails: whoever sees the failure finds no file of this call. */
    private void fail(Throwable error) {
      abort();
      result.completeExceptionally(Blocking.unwrap(error));
    }

    void start() {
      CompletableFuture<Void> prepare =
          CompletableFuture.runAsync(
              () -> {
                try {
                  Files.createDirectories(directory);
                } catch (IOException e) {
                  throw new DownloadException(
                      "cannot create the directory " + directory + ": " + e.getMessage(), run.id(), 0, e);
                }
              },
              executor);
      inflight = prepare;
      prepare.whenComplete((ignored, error) -> step(0, error));
    }

    private void step(int index, Throwable error) {
      if (error != null) {
        fail(error);
        return;
      }
      if (result.isDone()) {
        return;
      }
      if (index == run.outputUrls().size()) {
        CompletableFuture<List<Path>> moved = CompletableFuture.supplyAsync(this::moveAll, executor);
        inflight = moved;
        moved.whenComplete((files, failure) -> {
          if (failure != null) {
            fail(failure);
          } else {
            result.complete(files);
          }
        });
        return;
      }
      one(this, index, run.outputUrls().get(index)).whenComplete((image, failure) -> {
        if (image != null) {
          synchronized (arrived) {
            if (result.isDone()) {
              deleteQuietly(image.temp());
              return;
            }
            arrived.add(image);
          }
        }
        step(index + 1, failure);
      });
    }

    /** Gives every image its name, now that all have arrived. */
    private List<Path> moveAll() {
      List<Path> files = new ArrayList<>();
      synchronized (arrived) {
        for (Arrived image : arrived) {
          Path file = directory.resolve(image.name());
          try {
            try {
              Files.move(image.temp(), file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
              Files.move(image.temp(), file, StandardCopyOption.REPLACE_EXISTING);
            }
            long bytes = Files.size(file);
            Listeners.safely(() -> listener.downloaded(run.id(), file, bytes));
          } catch (IOException e) {
            throw new DownloadException("cannot write " + file + ": " + e.getMessage(), run.id(), 0, e);
          }
          files.add(file);
        }
        arrived.clear();
      }
      return List.copyOf(files);
    }

    private void abort() {
      CompletableFuture<?> current = inflight;
      if (current != null) {
        current.cancel(true);
      }
      synchronized (arrived) {
        arrived.forEach(image -> deleteQuietly(image.temp()));
        arrived.clear();
      }
    }
  }

  private CompletableFuture<Arrived> one(Job job, int index, URI url) {
    RunId runId = job.run.id();
    Path directory = job.directory;
    CompletableFuture<Target> prepared = CompletableFuture.supplyAsync(
            () -> {
              try {
                Path temp = createPartFile(directory, runId, index);
                return new Target(temp, new FileSink(temp, executor,
                    bytes -> Listeners.safely(() -> listener.downloadProgress(runId, index, bytes, -1))));
              } catch (IOException e) {
                throw new DownloadException(
                    "cannot write into " + directory + ": " + e.getMessage(), runId, 0, e);
              }
            },
            executor);
    job.inflight = prepared;
    return prepared.thenCompose(target -> {
      if (job.result.isDone()) {
        target.discard();
        return CompletableFuture.failedFuture(new CancellationException());
      }
      return fetch(job, index, url, target, MAX_REDIRECTS)
          .whenComplete((path, error) -> {
            if (error != null) {
              target.discard();
            }
          });
    });
  }

  private CompletableFuture<Arrived> fetch(Job job, int index, URI url, Target target, int redirectsLeft) {
    RunId runId = job.run.id();
    HttpRequest.Builder request =
        HttpRequest.get(url).timeout(downloadTimeout).maxResponseBytes(maxErrorBodyBytes);
    engine.authorizeIfSameOrigin(url, request);
    CompletableFuture<HttpResponse> call = requests.download(request.build(), runId, target.sink);
    job.inflight = call;
    if (job.result.isDone()) {
      call.cancel(true);
    }
    return call
        .thenCompose(response -> {
          int status = response.status();
          if (status >= 200 && status < 300) {
            return CompletableFuture.supplyAsync(() -> target.arrived(runId, index, url, response), executor);
          }
          if (status >= 300 && status < 400 && response.header("Location").isPresent()) {
            if (redirectsLeft == 0) {
              throw new DownloadException(
                  "downloading image " + (index + 1) + " of run " + runId + ": more than "
                      + MAX_REDIRECTS + " redirects, starting from " + Origins.forDisplay(url), runId, status, null);
            }
            URI next;
            try {
              next = url.resolve(response.header("Location").get().trim());
            } catch (IllegalArgumentException e) {
              throw new DownloadException("image " + (index + 1) + " of run " + runId
                  + " redirects to an invalid location", runId, status, e);
            }
            return fetch(job, index, next, target, redirectsLeft - 1);
          }
          SeedreamException cause = requests.toException(response, runId);
          throw new DownloadException(
              "downloading image " + (index + 1) + " of run " + runId + " from " + Origins.forDisplay(url)
                  + " failed with HTTP " + status + ": output URLs stay valid for about 24 hours;"
                  + " get the run again for fresh ones",
              runId, status, cause);
        });
  }

  /**
   * A new, hidden, uniquely named file for an image on its way. Unlike {@code
   * Files.createTempFile}, it gets the default permissions, so the image ends up as readable as any
   * other file the user writes there.
   */
  private static Path createPartFile(Path directory, RunId runId, int index) throws IOException {
    String prefix = "." + safe(runId.value()) + "-" + (index + 1) + "-";
    for (int attempt = 0; ; attempt++) {
      Path part = directory.resolve(prefix + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".part");
      try {
        return Files.createFile(part);
      } catch (java.nio.file.FileAlreadyExistsException e) {
        if (attempt == 10) {
          throw e;
        }
      }
    }
  }

  static String fileName(RunId runId, int index, String contentType, URI url) {
    return safe(runId.value()) + "-" + (index + 1) + "." + extension(contentType, url);
  }

  static String extension(String contentType, URI url) {
    if (contentType != null) {
      String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
      switch (type) {
        case "image/png":
          return "png";
        case "image/jpeg":
        case "image/jpg":
          return "jpg";
        case "image/webp":
          return "webp";
        case "image/gif":
          return "gif";
        case "image/avif":
          return "avif";
        default:
          break;
      }
    }
    String path = url.getPath() == null ? "" : url.getPath();
    int dot = path.lastIndexOf('.');
    if (dot >= 0 && dot > path.lastIndexOf('/')) {
      String ext = path.substring(dot + 1).toLowerCase(Locale.ROOT);
      if (ext.matches("[a-z0-9]{1,5}")) {
        return ext.equals("jpeg") ? "jpg" : ext;
      }
    }
    return "bin";
  }

  private static String safe(String name) {
    return name.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // best effort: the caller gets the original failure
    }
  }

  /** The temporary file of one image and the sink that writes it. */
  private final class Target {
    final Path temp;
    final FileSink sink;

    Target(Path temp, FileSink sink) {
      this.temp = temp;
      this.sink = sink;
    }

    Arrived arrived(RunId runId, int index, URI url, HttpResponse response) {
      try {
        sink.close();
      } catch (IOException e) {
        throw new DownloadException("cannot write image " + (index + 1) + " of run " + runId + ": " + e.getMessage(), runId, 0, e);
      }
      return new Arrived(temp, fileName(runId, index, response.header("Content-Type").orElse(null), url));
    }

    void discard() {
      try {
        sink.close();
      } catch (IOException e) {
        // the file is deleted next
      }
      deleteQuietly(temp);
    }
  }
}
