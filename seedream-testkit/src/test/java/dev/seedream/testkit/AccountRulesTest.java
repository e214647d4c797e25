package dev.seedream.testkit;

import static dev.seedream.testkit.ApiContractTest.assertError;
import static dev.seedream.testkit.Http.create;
import static dev.seedream.testkit.Http.createBody;
import static dev.seedream.testkit.Http.id;
import static dev.seedream.testkit.Http.json;
import static dev.seedream.testkit.Http.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Money, IP rules, quotas and the rate limit: 402, 403, 429. */
class AccountRulesTest {

  @Test
  void aBalanceBelowTheCostOfARunIsInsufficientBalance() {
    try (FakeRunbase fake = FakeRunbase.builder().balance(new BigDecimal("0.04")).start()) {
      assertError(Http.create(fake, "A lamp"), 402, "insufficient_balance");
      assertThat(fake.runs()).isEmpty();
    }
  }

  @Test
  void eachRunCostsFiveCentsUntilTheBalanceIsSpent() {
    try (FakeRunbase fake = FakeRunbase.builder().balance(new BigDecimal("0.10")).start()) {
      assertThat(Http.create(fake, "one").statusCode()).isEqualTo(200);
      assertThat(Http.create(fake, "two").statusCode()).isEqualTo(200);
      assertError(Http.create(fake, "three"), 402, "insufficient_balance");
      assertThat(fake.balance()).isEqualByComparingTo("0.00");
    }
  }

  @Test
  void aFailedRunIsRefundedAndCarriesAnErrorObject() {
    try (FakeRunbase fake = FakeRunbase.builder().balance(new BigDecimal("1.00")).failWhenPromptContains("explode").start()) {
      String id = id(Http.create(fake, "Please EXPLODE"));
      assertThat(fake.balance()).isEqualByComparingTo("0.95");

      JsonObject done = Http.pollToEnd(fake, id);

      assertThat(done.get("status").getAsString()).isEqualTo("failed");
      assertThat(done.getAsJsonObject("error").keySet()).containsExactlyInAnyOrder("message", "code");
      assertThat(done.has("output")).isFalse();
      assertThat(fake.balance()).isEqualByComparingTo("1.00");
      Http.read(fake, id);
      assertThat(fake.balance()).as("refunded once").isEqualByComparingTo("1.00");
    }
  }

  @Test
  void aRequestFromAnAddressNotAllowedIsIpNotAllowed() {
    try (FakeRunbase fake = FakeRunbase.builder().allowedIps("10.1.2.3").start()) {
      assertError(Http.create(fake, "A lamp"), 403, "ip_not_allowed");
      assertError(Http.read(fake, "run_x"), 403, "ip_not_allowed");
    }
    try (FakeRunbase fake = FakeRunbase.builder().allowedIps("127.0.0.1").start()) {
      assertThat(Http.create(fake, "A lamp").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aKeyPastItsSpendLimitIsRefused() {
    try (FakeRunbase fake = FakeRunbase.builder().apiKeys("sk-a", "sk-b").spendLimitPerKey(new BigDecimal("0.05")).start()) {
      assertThat(create(fake.baseUrl(), "sk-a", createBody("one")).statusCode()).isEqualTo(200);
      assertError(create(fake.baseUrl(), "sk-a", createBody("two")), 403, "api_key_spend_limit_exceeded");
      assertThat(create(fake.baseUrl(), "sk-b", createBody("one")).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aKeyWhoseQuotaIsSpentIsUsageExceeded() {
    try (FakeRunbase fake = FakeRunbase.builder().runQuotaPerKey(1).start()) {
      assertThat(Http.create(fake, "one").statusCode()).isEqualTo(200);
      assertError(Http.create(fake, "two"), 429, "USAGE_EXCEEDED");
    }
  }

  @Test
  void theTwentyFirstRequestInTenSecondsIsRateLimitedCountingCreatesAndReadsTogether() {
    MutableClock clock = new MutableClock();
    try (FakeRunbase fake = FakeRunbase.builder().apiKeys("sk-a", "sk-b").clock(clock).start()) {
      String id = id(create(fake.baseUrl(), "sk-a", createBody("A lamp")));
      for (int i = 0; i < 19; i++) {
        assertThat(read(fake.baseUrl(), "sk-a", id).statusCode()).isEqualTo(200);
      }

      HttpResponse<String> limited = create(fake.baseUrl(), "sk-a", createBody("A lamp"));

      assertError(limited, 429, "RATE_LIMITED");
      assertThat(json(limited).getAsJsonObject("error").get("message").getAsString()).isEqualTo("Rate limit exceeded");
      assertError(read(fake.baseUrl(), "sk-a", id), 429, "RATE_LIMITED");
      assertThat(read(fake.baseUrl(), "sk-b", "run_x").statusCode()).as("other keys have their own window").isEqualTo(404);

      clock.advance(Duration.ofSeconds(10));
      assertThat(read(fake.baseUrl(), "sk-a", id).statusCode()).isEqualTo(200);
      assertThat(fake.journal().answered(RunbaseError.RATE_LIMITED)).hasSize(2);
    }
  }

  @Test
  void theWindowSlidesRatherThanResetting() {
    MutableClock clock = new MutableClock();
    try (FakeRunbase fake = FakeRunbase.builder().clock(clock).start()) {
      for (int i = 0; i < 10; i++) {
        Http.read(fake, "run_x");
      }
      clock.advance(Duration.ofSeconds(6));
      for (int i = 0; i < 10; i++) {
        assertThat(Http.read(fake, "run_x").statusCode()).isEqualTo(404);
      }
      clock.advance(Duration.ofSeconds(3));
      assertError(Http.read(fake, "run_x"), 429, "RATE_LIMITED");
      clock.advance(Duration.ofSeconds(1));
      assertThat(Http.read(fake, "run_x").statusCode()).as("the first ten left the window").isEqualTo(404);
    }
  }

  @Test
  void theRateLimitCanBeConfiguredOrTurnedOff() {
    try (FakeRunbase fake = FakeRunbase.builder().rateLimit(2, Duration.ofMinutes(1)).start()) {
      Http.read(fake, "run_x");
      Http.read(fake, "run_x");
      assertError(Http.read(fake, "run_x"), 429, "RATE_LIMITED");
    }
    try (FakeRunbase fake = FakeRunbase.builder().noRateLimit().start()) {
      for (int i = 0; i < 30; i++) {
        assertThat(Http.read(fake, "run_x").statusCode()).isEqualTo(404);
      }
      fake.journal().assertNeverRateLimited();
    }
  }
}
