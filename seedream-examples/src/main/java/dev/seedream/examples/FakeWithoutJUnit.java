package dev.seedream.examples;

import dev.seedream.GenerationRequest;
import dev.seedream.InsufficientBalanceException;
import dev.seedream.SeedreamClient;
import dev.seedream.testkit.FakeRunbase;
import java.math.BigDecimal;

/** The fake from plain Java: a balance for two runs, and the third refused. */
public final class FakeWithoutJUnit {
  private FakeWithoutJUnit() {}

  /** Runs three generations against a fake with $0.10; returns the number of runs it created. */
  public static int twoRunsThenNoBalance() {
    // tag::fake-without-junit[]
    try (FakeRunbase fake = FakeRunbase.builder().seed(7).balance(new BigDecimal("0.10")).start();
        SeedreamClient client = FakeClients.clientFor(fake)) {
      GenerationRequest request = GenerationRequest.builder().prompt("A ceramic lamp").build();
      client.generate(request);
      client.generate(request);                    // each run costs $0.05: the balance is spent
      try {
        client.generate(request);
      } catch (InsufficientBalanceException e) {   // HTTP 402 insufficient_balance
        System.out.println(e.getMessage());
      }
      return fake.runs().size();                   // 2; also fake.journal(), fake.reset()
    }
    // end::fake-without-junit[]
  }
}
