package dev.seedream.examples.spring.webflux;

import dev.seedream.GenerationRequest;
import dev.seedream.InsufficientBalanceException;
import dev.seedream.SeedreamException;
import dev.seedream.transport.reactor.ReactiveSeedreamClient;
import dev.seedream.validation.ValidationException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code POST /images?prompt=...}: one generation, answered with the run's id, status and image URLs. */
@RestController
class ImageController {
  private final ReactiveSeedreamClient client;

  ImageController(ReactiveSeedreamClient client) {
    this.client = client;
  }

  @PostMapping("/images")
  Mono<Map<String, Object>> generate(@RequestParam("prompt") String prompt) {
    return Mono.fromCallable(() -> GenerationRequest.builder().prompt(prompt).build())
        .flatMap(client::generate)
        .map(run -> Map.of(
            "id", run.id().value(),
            "status", run.status().value(),
            "images", run.outputUrls().stream().map(Object::toString).toList()));
  }

  /** The SDK's own message: it names the field and the rule, never the server's text. */
  @ExceptionHandler(ValidationException.class)
  ResponseEntity<Map<String, String>> invalid(ValidationException e) {
    return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
  }

  @ExceptionHandler(InsufficientBalanceException.class)
  ResponseEntity<Map<String, String>> noBalance(InsufficientBalanceException e) {
    return ResponseEntity.status(HttpStatus.PAYMENT_REQUIRED).body(Map.of("error", "the Runbase account has no balance left"));
  }

  @ExceptionHandler(SeedreamException.class)
  ResponseEntity<Map<String, String>> failed(SeedreamException e) {
    return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(Map.of("error", "the image could not be generated"));
  }
}
