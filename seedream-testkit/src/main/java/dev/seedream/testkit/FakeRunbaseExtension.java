package dev.seedream.testkit;

import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * A JUnit 5 extension that runs a {@link FakeRunbase} for tests.
 *
 * <p>Registered on a {@code static} field, one fake serves the whole class and is {@linkplain
 * FakeRunbase#reset() reset} before each test; on an instance field, each test gets its own. Test
 * and lifecycle methods can take a {@link FakeRunbase} parameter. After each test, requests that
 * reached no endpoint of the fake fail the test (turn off with {@link
 * Builder#failOnUnmatchedRequests(boolean)}).
 *
 * <pre>{@code
 * @RegisterExtension
 * static FakeRunbaseExtension runbase = FakeRunbaseExtension.builder()
 *     .fake(FakeRunbase.builder().seed(7).progression(Progression.afterPolls(0, 2)))
 *     .build();
 *
 * @Test
 * void createsARun() {
 *   String url = runbase.baseUrl();   // http://127.0.0.1:PORT
 *   ...
 * }
 * }</pre>
 *
 * <p>For the defaults, {@link WithFakeRunbase} on the class is enough.
 */
public final class FakeRunbaseExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {
  private final FakeRunbase.Builder template;
  private final boolean failOnUnmatched;
  private final boolean declarative;
  private FakeRunbase fake;
  private boolean perClass;
  private String owner;
  private boolean failOnUnmatchedDeclared = true;

  /** Used by {@link WithFakeRunbase}; register programmatically with {@link #newInstance()} or {@link #builder()}. */
  public FakeRunbaseExtension() {
    this(null, true, true);
  }

  private FakeRunbaseExtension(FakeRunbase.Builder template, boolean failOnUnmatched, boolean declarative) {
    this.template = template;
    this.failOnUnmatched = failOnUnmatched;
    this.declarative = declarative;
  }

  /** An extension with a fake of the defaults. */
  public static FakeRunbaseExtension newInstance() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The running fake. */
  public FakeRunbase fake() {
    if (fake == null) {
      throw new IllegalStateException("the fake Runbase runs only while a test runs: use it from a test or a @BeforeEach method");
    }
    return fake;
  }

  /** {@link FakeRunbase#baseUrl()} of the running fake. */
  public String baseUrl() {
    return fake().baseUrl();
  }

  /** {@link FakeRunbase#apiKey()} of the running fake. */
  public String apiKey() {
    return fake().apiKey();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (fake == null) {
      perClass = true;
      owner = context.getUniqueId();
      start(context);
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (fake == null) {
      start(context);
    } else if (perClass) {
      fake.reset();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (fake == null) {
      return;
    }
    try {
      if ((declarative ? failOnUnmatchedDeclared : failOnUnmatched) && context.getExecutionException().isEmpty()) {
        fake.assertNoUnmatchedRequests();
      }
    } finally {
      if (!perClass) {
        fake.close();
        fake = null;
      }
    }
  }

  /** Stops the fake after the class that started it (not after its nested classes). */
  @Override
  public void afterAll(ExtensionContext context) {
    if (fake != null && context.getUniqueId().equals(owner)) {
      fake.close();
      fake = null;
      perClass = false;
      owner = null;
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == FakeRunbase.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    if (fake == null) {
      start(context);
    }
    return fake;
  }

  private void start(ExtensionContext context) {
    if (fake != null) {
      return;
    }
    FakeRunbase.Builder builder = template != null ? template : fromAnnotation(context);
    fake = builder.start();
  }

  private FakeRunbase.Builder fromAnnotation(ExtensionContext context) {
    Optional<WithFakeRunbase> annotation = context.getTestClass()
        .flatMap(type -> AnnotationSupport.findAnnotation(type, WithFakeRunbase.class));
    FakeRunbase.Builder builder = FakeRunbase.builder();
    annotation.ifPresent(a -> {
      builder.seed(a.seed()).progression(Progression.afterPolls(a.pendingPolls(), a.processingPolls()));
      if (!a.rateLimit()) {
        builder.noRateLimit();
      }
      failOnUnmatchedDeclared = a.failOnUnmatchedRequests();
    });
    return builder;
  }

  /** Configures a {@link FakeRunbaseExtension}. */
  public static final class Builder {
    private FakeRunbase.Builder fake = FakeRunbase.builder();
    private boolean failOnUnmatched = true;

    private Builder() {}

    /** The fake to run (each start builds a new one from this builder). */
    public Builder fake(FakeRunbase.Builder fake) {
      this.fake = Objects.requireNonNull(fake, "fake");
      return this;
    }

    /** Whether a test fails when a request reached no endpoint of the fake (default true). */
    public Builder failOnUnmatchedRequests(boolean fail) {
      this.failOnUnmatched = fail;
      return this;
    }

    public FakeRunbaseExtension build() {
      return new FakeRunbaseExtension(fake, failOnUnmatched, false);
    }
  }
}
