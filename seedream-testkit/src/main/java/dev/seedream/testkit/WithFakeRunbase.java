package dev.seedream.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts a {@link FakeRunbase} for the test class, resets it before each test, stops it after the
 * last, and injects it into parameters of type {@link FakeRunbase}.
 *
 * <pre>{@code
 * @WithFakeRunbase
 * class MyServiceTest {
 *   @Test
 *   void rendersTheLamp(FakeRunbase fake) {
 *     MyService service = new MyService(fake.baseUrl(), fake.apiKey());
 *     ...
 *   }
 * }
 * }</pre>
 *
 * <p>For any other setting, register {@link FakeRunbaseExtension} with {@code @RegisterExtension}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(FakeRunbaseExtension.class)
public @interface WithFakeRunbase {
  /** The seed of ids, keys and images. */
  long seed() default FakeRunbase.DEFAULT_SEED;

  /** Whether the documented rate limit (20 requests per 10 s per key) is on. */
  boolean rateLimit() default true;

  /** How many polls a run answers {@code pending}. */
  int pendingPolls() default 1;

  /** How many polls a run answers {@code processing} after that. */
  int processingPolls() default 1;

  /** Whether a test fails when a request reached no endpoint of the fake. */
  boolean failOnUnmatchedRequests() default true;
}
