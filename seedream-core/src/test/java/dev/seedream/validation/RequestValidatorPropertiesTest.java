package dev.seedream.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.seedream.GenerationRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Properties of the validator over seeded random inputs. (Written with plain JUnit and a seeded
 * generator rather than jqwik: jqwik 1.10 asks not to be used by AI coding agents.)
 */
class RequestValidatorPropertiesTest {
  private static final long SEED = 0x5EED_2026L;

  @Test
  void anyRawInputOrBodyYieldsAResultAndNeverThrows() {
    RandomInputs random = new RandomInputs(SEED);
    int valid = 0;
    int invalid = 0;
    for (int i = 0; i < 3000; i++) {
      Map<Object, Object> input = random.anyMap(3);
      if (random.chance(30)) {
        input.put("prompt", random.chance(50) ? random.validPrompt() : random.anyValue(1));
      }
      Map<Object, Object> body = new LinkedHashMap<>();
      if (random.chance(90)) {
        body.put("model", random.chance(70) ? GenerationRequest.MODEL : random.anyValue(1));
      }
      if (random.chance(90)) {
        body.put("input", random.chance(80) ? input : random.anyValue(2));
      }
      if (random.chance(10)) {
        body.put(random.pick(RandomInputs.FIELD_NAMES), random.anyValue(1));
      }
      for (Map<Object, Object> raw : List.of(input, body)) {
        ValidationResult result;
        try {
          result = raw == input ? RequestValidator.validateInput(raw) : RequestValidator.validateBody(raw);
        } catch (RuntimeException e) {
          throw new AssertionError("seed " + SEED + ", try " + i + ": threw for " + RandomInputs.describe(raw), e);
        }
        assertThat(result.isValid()).isEqualTo(result.violations().isEmpty());
        result.violations().forEach(v -> assertThat(v.message()).isNotBlank());
        if (result.isValid()) {
          valid++;
        } else {
          invalid++;
        }
      }
    }
    assertThat(valid).as("some random inputs are valid").isPositive();
    assertThat(invalid).as("some random inputs are invalid").isPositive();
  }

  @Test
  void everyValidTypedRequestPassesTheRawValidators() {
    RandomInputs random = new RandomInputs(SEED + 1);
    for (int i = 0; i < 400; i++) {
      GenerationRequest.Builder builder = GenerationRequest.builder()
          .prompt(random.validPrompt())
          .aspectRatio(random.ratioOrNull())
          .quality(random.qualityOrNull())
          .imageUrls(random.validImageUrls(GenerationRequest.MAX_REFERENCE_IMAGES));
      GenerationRequest request;
      try {
        request = builder.build();
      } catch (ValidationException e) {
        throw new AssertionError("seed " + SEED + ", try " + i + ": builder refused a valid request", e);
      }
      Map<String, Object> wire = request.toWire();
      assertThat(RequestValidator.validateInput(wire).violations()).as("try %d: %s", i, wire).isEmpty();
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("model", request.model());
      body.put("input", wire);
      assertThat(RequestValidator.validateBody(body).violations()).as("try %d: %s", i, wire).isEmpty();
      assertThat(RequestValidator.validate(request).isValid()).isTrue();
    }
  }

  @Test
  void everyRequestTheBuilderAcceptsRoundTripsThroughToBuilder() {
    RandomInputs random = new RandomInputs(SEED + 2);
    int accepted = 0;
    int refused = 0;
    for (int i = 0; i < 1500; i++) {
      GenerationRequest.Builder builder = GenerationRequest.builder()
          .prompt(random.anyPrompt())
          .aspectRatio(random.ratioOrNull())
          .quality(random.qualityOrNull());
      int images = random.chance(10) ? 14 + random.nextInt(3) : random.nextInt(4);
      for (int k = 0; k < images; k++) {
        builder.addImageUrl(random.maybeValidImageUrl());
      }
      GenerationRequest request;
      try {
        request = builder.build();
      } catch (ValidationException e) {
        assertThat(e.violations()).isNotEmpty();
        refused++;
        continue;
      }
      accepted++;
      GenerationRequest copy = request.toBuilder().build();
      assertThat(copy).as("try %d", i).isEqualTo(request).hasSameHashCodeAs(request);
      assertThat(copy.toWire()).isEqualTo(request.toWire());
      if (!copy.equals(request)) {
        fail("seed " + SEED + ", try " + i + ": " + request);
      }
    }
    assertThat(accepted).as("accepted").isGreaterThan(100);
    assertThat(refused).as("refused").isGreaterThan(100);
  }
}
