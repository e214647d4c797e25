package dev.seedream.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The JUnit 5 faces: a static extension field, an instance field, and the annotation. */
class ExtensionTest {

  @Nested
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  class RegisteredOnAStaticField {
    @RegisterExtension
    static FakeRunbaseExtension runbase = FakeRunbaseExtension.builder()
        .fake(FakeRunbase.builder().seed(3).apiKeys("sk-test-static"))
        .build();

    static String firstBaseUrl;

    @Test
    @Order(1)
    void servesTheConfiguredFake(FakeRunbase fake) {
      assertThat(fake).isSameAs(runbase.fake());
      assertThat(runbase.apiKey()).isEqualTo("sk-test-static");
      assertThat(Http.create(fake, "A lamp").statusCode()).isEqualTo(200);
      firstBaseUrl = runbase.baseUrl();
    }

    @Test
    @Order(2)
    void resetsTheFakeBetweenTestsOnTheSamePort(FakeRunbase fake) {
      assertThat(fake.baseUrl()).isEqualTo(firstBaseUrl);
      assertThat(fake.runs()).isEmpty();
      assertThat(fake.journal().all()).isEmpty();
    }
  }

  @Nested
  class RegisteredOnAStaticFieldWithNestedClasses {
    @RegisterExtension
    static FakeRunbaseExtension runbase = FakeRunbaseExtension.newInstance();

    @Nested
    class First {
      @Test
      void seesTheRunningFake(FakeRunbase fake) {
        assertThat(fake.isRunning()).isTrue();
        assertThat(Http.create(fake, "A lamp").statusCode()).isEqualTo(200);
      }
    }

    @Nested
    class Second {
      @Test
      void seesTheSameFakeStillRunningAndReset(FakeRunbase fake) {
        assertThat(fake).isSameAs(runbase.fake());
        assertThat(fake.isRunning()).isTrue();
        assertThat(fake.runs()).isEmpty();
      }
    }
  }

  @Nested
  class RegisteredOnAnInstanceField {
    @RegisterExtension
    FakeRunbaseExtension runbase = FakeRunbaseExtension.newInstance();

    @Test
    void eachTestGetsItsOwnRunningFake() {
      assertThat(runbase.fake().isRunning()).isTrue();
      assertThat(runbase.apiKey()).startsWith("sk-test-");
    }
  }

  @Nested
  @WithFakeRunbase(seed = 11, rateLimit = false, pendingPolls = 0, processingPolls = 0)
  class Annotated {
    @Test
    void injectsAFakeConfiguredByTheAnnotation(FakeRunbase fake) {
      String id = Http.id(Http.create(fake, "A lamp"));

      assertThat(fake.seed()).isEqualTo(11);
      assertThat(Http.json(Http.read(fake, id)).get("status").getAsString()).isEqualTo("succeeded");
      for (int i = 0; i < 25; i++) {
        Http.read(fake, id);
      }
      fake.journal().assertNeverRateLimited();
    }
  }
}
