package dev.seedream.examples;

import dev.seedream.GenerationRequest;
import dev.seedream.RunId;
import dev.seedream.RunMayExistException;
import dev.seedream.SeedreamClient;
import java.time.Duration;
import java.util.Optional;

/** The errors guide: a create whose outcome is unknown. */
public final class ErrorsExamples {
  private ErrorsExamples() {}

  /** Creates a run; empty when the create may have made a run whose id is not known. */
  public static Optional<RunId> submitOnce(SeedreamClient client, GenerationRequest request) {
    // tag::run-may-exist[]
    try {
      RunId id = client.submit(request, Duration.ofMinutes(2));
      System.out.println("created " + id);
      return Optional.of(id);
    } catch (RunMayExistException e) {
      // billed perhaps, id unknown: do not send it again blindly
      System.err.println("the run may exist (sent at " + e.sentAt() + "): " + e.getMessage());
      return Optional.empty();
    }
    // end::run-may-exist[]
  }
}
