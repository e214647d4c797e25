package dev.seedream.internal;

import dev.seedream.CancelledException;
import dev.seedream.DownloadException;
import dev.seedream.ImageBytes;
import dev.seedream.ImageInfo;
import dev.seedream.ImageSink;
import dev.seedream.Run;
import dev.seedream.RunId;
import dev.seedream.RunStatus;
import dev.seedream.SeedreamException;
import dev.seedream.spi.HttpRequest;
import dev.seedream.spi.HttpResponse;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * Downloads the images of a run, one after the other, into a {@link Destination}: a directory
 * (each streamed into a hidden part file, and once all have arrived, moved to {@code <run
 * id>-<n>.<ext>}), a caller's {@link ImageSink}, or memory. When one image fails, the call is
 * cancelled or the client closed, every output of the call is discarded (the part files deleted:
 * nothing in the directory has changed; {@link PartFiles} deletes them when the JVM exits, too).
 * Output URLs and redirect targets must be {@code http(s)} with a host and without user info
 * ({@link DownloadUrls}); {@code Authorization} goes only to the API's origin, on every hop of a
 * redirect. Each image is at most {@code maxImageBytes} and must be an image ({@link ImageBody}),
 * whatever the destination.
 */
final class Downloader {
  static final int MAX_REDIRECTS = 5;

  private final Engine engine;
  private final Requests requests;
  private final ExecutorService executor;
  private final Duration downloadTimeout;
  private final long maxErrorBodyBytes;
  private final long maxImageBytes;
  private final Set<Job<?>> jobs = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  Downloader(Engine engine, Requests requests, ExecutorService executor,
      Duration downloadTimeout, long maxErrorBodyBytes, long maxImageBytes) {
    this.engine = engine;
    this.requests = requests;
    this.executor = executor;
    this.downloadTimeout = downloadTimeout;
    this.maxErrorBodyBytes = maxErrorBodyBytes;
    this.maxImageBytes = maxImageBytes;
  }

  CompletableFuture<List<Path>> download(Run run, Path directory, Scope scope) {
    return download(run, new Destinations.Directory(directory, scope.listener()), scope);
  }

  /** Streams each image into the stream that {@code sink} opens for it. */
  CompletableFuture<List<ImageInfo>> download(Run run, ImageSink sink, Scope scope) {
    return download(run, new Destinations.Sink(sink), scope);
  }

  /** Each image into memory, all of them within {@link ImageBytes#MAX_TOTAL_BYTES}. */
  CompletableFuture<List<ImageBytes>> downloadBytes(Run run, Scope scope) {
    return download(run, new Destinations.Memory(ImageBytes.MAX_TOTAL_BYTES), scope);
  }

  private <R> CompletableFuture<List<R>> download(Run run, Destination<R> destination, Scope scope) {
    if (run.outputUrls().isEmpty()) {
      return CompletableFuture.failedFuture(noOutput(run));
    }
    for (int i = 0; i < run.outputUrls().size(); i++) {
      URI url = run.outputUrls().get(i);
      String problem = DownloadUrls.problem(url);
      if (problem != null) {
        return CompletableFuture.failedFuture(new DownloadException(
            "output URL " + (i + 1) + " of run " + run.id() + " (" + DownloadUrls.display(url) + ") is not downloaded: "
                + problem + ". Nothing was fetched", run.id(), 0, null));
      }
    }
    Job<R> job = new Job<>(run, destination, scope);
    jobs.add(job);
    if (closed) {
      job.closeNow();
    } else {
      job.start();
    }
    return job.result;
  }

  /** Cancels every download in flight and deletes its part files before returning. */
  void close() {
    closed = true;
    for (Job<?> job : jobs) {
      job.closeNow();
    }
  }

  private static RuntimeException noOutput(Run run) {
    if (run.status().equals(RunStatus.SUCCEEDED)) {
      return new DownloadException(
          "run " + run.id() + " succeeded but its answer holds no output URLs, so there is nothing to download:"
              + " get the run again", run.id(), 0, null);
    }
    return new IllegalArgumentException(
        "run " + run.id() + " has no output URLs (status: " + run.status()
            + "): download a run returned by generate() or await()");
  }

  /** One call of download: its images one after the other, and the outputs it holds. */
  private final class Job<R> {
    final Run run;
    final Destination<R> destination;
    final Scope scope;
    final CompletableFuture<List<R>> result = new CompletableFuture<>();
    /** Outputs still being written; guarded by this. */
    private final List<ImageBody> writing = new ArrayList<>();
    /** Images complete, waiting for the others; guarded by this. */
    private final List<Destination.Arrived> arrived = new ArrayList<>();
    /** Set once the outputs are discarded: no new one is made; guarded by this. */
    private boolean ended;
    volatile CompletableFuture<?> inflight;

    Job(Run run, Destination<R> destination, Scope scope) {
      this.scope = scope;
      this.run = run;
      this.destination = destination;
      result.whenComplete((paths, error) -> {
        if (error != null) {
          // cancelled or closed from outside: stop what runs, then delete off this thread (an event loop, maybe)
          stopInflight();
          offThisThread(() -> deleteParts(error));
        } else {
          jobs.remove(this);
        }
      });
    }

    void start() {
      CompletableFuture<Void> prepare = Blocking.submit(executor, () -> {
        destination.prepare(run.id());
        return null;
      });
      inflight = prepare;
      prepare.whenComplete((ignored, error) -> step(0, error));
    }

    /** For close: fails the call, and deletes its part files before returning. */
    void closeNow() {
      // delete first, on this thread: close() returns only once no part file of the call is left
      CancelledException closed = new CancelledException(
          "the client was closed while the images of run " + run.id() + " were downloaded", run.id(), null);
      deleteParts(closed);
      result.completeExceptionally(closed);
    }

    /** Deletes the part files first, then fails: whoever sees the failure finds no file of this call. */
    private void fail(Throwable error) {
      Throwable failure = sdkFailure(Blocking.unwrap(error));
      stopInflight();
      offThisThread(() -> {
        deleteParts(failure);
        result.completeExceptionally(failure);
      });
    }

    private Throwable sdkFailure(Throwable error) {
      if (error instanceof SeedreamException || error instanceof CancellationException) {
        return error;
      }
      return new DownloadException(
          "downloading the images of run " + run.id() + " failed: " + Texts.printable(requests.redact(String.valueOf(error))),
          run.id(), 0, requests.scrub(error));
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
        CompletableFuture<List<R>> moved = Blocking.submit(executor, this::completeAll);
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
      one(index, run.outputUrls().get(index)).whenComplete((image, failure) -> {
        if (image != null && !keep(image)) {
          return;
        }
        step(index + 1, failure);
      });
    }

    /** Moves an image from the part files being written to those that have arrived; false once the call ended. */
    private boolean keep(Destination.Arrived image) {
      synchronized (this) {
        if (!ended && !result.isDone()) {
          writing.remove(image.body());
          arrived.add(image);
          return true;
        }
      }
      offThisThread(() -> image.body().discard(new CancellationException("the download has ended")));
      return false;
    }

    private CompletableFuture<Destination.Arrived> one(int index, URI url) {
      CompletableFuture<ImageBody> prepared = Blocking.submit(executor, () -> newSink(index, url));
      inflight = prepared;
      return prepared.thenCompose(sink -> fetch(index, url, sink, MAX_REDIRECTS));
    }

    /** A new output for an image, unless the call has ended. */
    private ImageBody newSink(int index, URI url) {
      RunId runId = run.id();
      synchronized (this) {
        if (ended || result.isDone()) {
          throw new CancellationException("the download has ended");
        }
        ImageBody sink = new ImageBody(destination.output(runId, index), maxImageBytes, runId, index,
            "image " + (index + 1) + " of run " + runId + " from " + DownloadUrls.display(url), executor,
            (bytes, total) -> Listeners.safely(() -> scope.listener().downloadProgress(runId, index, bytes, total)));
        writing.add(sink);
        return sink;
      }
    }

    private CompletableFuture<Destination.Arrived> fetch(int index, URI url, ImageBody sink, int redirectsLeft) {
      RunId runId = run.id();
      HttpRequest.Builder request =
          HttpRequest.get(url).timeout(downloadTimeout).maxResponseBytes(maxErrorBodyBytes);
      engine.authorizeIfSameOrigin(url, request);
      CompletableFuture<HttpResponse> call = requests.download(request.build(), runId, sink, scope);
      inflight = call;
      if (result.isDone()) {
        call.cancel(true);
      }
      return call.thenCompose(response -> {
        int status = response.status();
        if (status >= 200 && status < 300) {
          String contentType = response.header("Content-Type").orElse(null);
          CompletableFuture<Destination.Arrived> finished = Blocking.submit(executor,
              () -> new Destination.Arrived(sink, sink.finish(contentType)));
          inflight = finished;
          return finished;
        }
        if (status >= 300 && status < 400 && response.header("Location").isPresent()) {
          if (redirectsLeft == 0) {
            throw new DownloadException(
                "downloading image " + (index + 1) + " of run " + runId + ": more than " + MAX_REDIRECTS
                    + " redirects, the last from " + DownloadUrls.display(url), runId, status, null);
          }
          return fetch(index, redirectTarget(index, url, status, response.header("Location").get()), sink, redirectsLeft - 1);
        }
        SeedreamException cause = requests.toException(response, runId);
        throw new DownloadException(
            "downloading image " + (index + 1) + " of run " + runId + " from " + DownloadUrls.display(url)
                + " failed with HTTP " + status + ": output URLs stay valid for about 24 hours;"
                + " get the run again for fresh ones",
            runId, status, cause);
      });
    }

    /** Where a redirect goes, if it may be followed. */
    private URI redirectTarget(int index, URI url, int status, String location) {
      RunId runId = run.id();
      String image = "image " + (index + 1) + " of run " + runId + " from " + DownloadUrls.display(url);
      URI next;
      try {
        next = DownloadUrls.resolve(url, location);
      } catch (URISyntaxException | IllegalArgumentException e) {
        throw new DownloadException(image + " redirects to '" + DownloadUrls.display(location)
            + "', which is not a URL: the image host sent a broken Location header", runId, status, null);
      }
      String problem = DownloadUrls.problem(next);
      if (problem != null) {
        throw new DownloadException(image + " redirects to " + DownloadUrls.display(next)
            + ", which is not followed: " + problem, runId, status, null);
      }
      return next;
    }

    /** Hands every image to the destination, now that all have arrived. */
    private List<R> completeAll() {
      synchronized (this) {
        if (ended || result.isDone()) {
          throw new CancellationException("the download has ended");
        }
        List<R> out = new ArrayList<>();
        for (Destination.Arrived image : new ArrayList<>(arrived)) {
          out.add(destination.complete(run.id(), image));
          arrived.remove(image);
        }
        return List.copyOf(out);
      }
    }

    private void stopInflight() {
      CompletableFuture<?> current = inflight;
      if (current != null) {
        current.cancel(true);
      }
    }

    /** Discards every output of the call, and makes sure no new one is made. Idempotent. */
    private void deleteParts(Throwable cause) {
      List<ImageBody> doomed = new ArrayList<>();
      synchronized (this) {
        ended = true;
        doomed.addAll(writing);
        arrived.forEach(image -> doomed.add(image.body()));
        writing.clear();
        arrived.clear();
      }
      doomed.forEach(body -> body.discard(cause));
      jobs.remove(this);
    }
  }

  /**
   * Runs file work on the executor, so that an event loop never touches the disk; on the thread that
   * finds the executor shut down (or shuts it down, if the work was still queued) otherwise.
   */
  private void offThisThread(Runnable work) {
    Blocking.execute(executor, work);
  }
}
