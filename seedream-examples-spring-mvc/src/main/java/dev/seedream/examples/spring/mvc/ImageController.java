package dev.seedream.examples.spring.mvc;

import dev.seedream.GenerationRequest;
import dev.seedream.InsufficientBalanceException;
import dev.seedream.Run;
import dev.seedream.SeedreamClient;
import dev.seedream.SeedreamException;
import dev.seedream.validation.ValidationException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /images?prompt=...}: one generation on the request's thread; errors as RFC 9457 problems. */
// tag::mvc-controller[]
@RestController
class ImageController {
  private final SeedreamClient client;

  ImageController(SeedreamClient client) {
    this.client = client;
  }

  record Generated(String id, String status, List<String> images) {}

  @PostMapping("/images")
  Generated generate(@RequestParam("prompt") String prompt) {
    Run run = client.generate(GenerationRequest.builder().prompt(prompt).build());
    return new Generated(run.id().value(), run.status().value(), run.outputUrls().stream().map(Object::toString).toList());
  }

  /** The SDK's own text (the field and the rule), never the server's. */
  @ExceptionHandler(ValidationException.class)
  ProblemDetail invalid(ValidationException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
  }

  @ExceptionHandler(InsufficientBalanceException.class)
  ProblemDetail noBalance() {
    return ProblemDetail.forStatusAndDetail(HttpStatus.PAYMENT_REQUIRED, "the Runbase account has no balance left");
  }

  @ExceptionHandler(SeedreamException.class)
  ProblemDetail failed() {
    return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, "the image could not be generated");
  }
}
// end::mvc-controller[]
