package dev.seedream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiKeyTest {
  private static final String CANARY = "sk-CANARY-0123456789abcdef";

  @Test
  void toStringAndRedactedShowAtMostThePrefixAndTheLastFour() {
    ApiKey key = ApiKey.of(CANARY);
    assertThat(key.redacted()).isEqualTo("sk-...cdef");
    assertThat(key.toString()).isEqualTo("ApiKey[sk-...cdef]");
    assertThat(key.toString()).doesNotContain("CANARY").doesNotContain("0123456789");
    assertThat(key.secret()).isEqualTo(CANARY);
  }

  @Test
  void aShortKeyShowsNothingOfItsOwn() {
    ApiKey key = ApiKey.of("sk-SHORT1234");
    assertThat(key.redacted()).isEqualTo("sk-...");
    assertThat(key.toString()).doesNotContain("SHORT").doesNotContain("1234");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "sk-CANARY-0123456789abcdef ", " sk-CANARY-0123456789abcdef", "sk-CANARY-01234\t56789abcdef",
      "Bearer sk-CANARY-0123456789abcdef", "sk-CANARY-0123456789abcdef\n", "sk-CANARY-0123456789abcdef\u007f"})
  void aKeyWithWhitespaceIsRefusedWithoutRepeatingIt(String bad) {
    assertThatThrownBy(() -> ApiKey.of(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("whitespace or a control character")
        .hasMessageContaining("copy the key alone")
        .hasMessageNotContaining("CANARY")
        .hasMessageNotContaining("0123456789");
  }

  @ParameterizedTest
  @ValueSource(strings = {"pk-NOTSKCANARY-0123456789", "NOTSKCANARY0123456789", "\"sk-NOTSKCANARY-0123456789\"", "SK-NOTSKCANARY-0123456789"})
  void aKeyWithoutTheSkPrefixIsRefusedWithoutRepeatingIt(String bad) {
    assertThatThrownBy(() -> ApiKey.of(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not start with 'sk-'")
        .hasMessageNotContaining("NOTSKCANARY")
        .hasMessageNotContaining("0123456789");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "\t\n"})
  void aBlankKeySaysWhatAKeyLooksLike(String blank) {
    assertThatThrownBy(() -> ApiKey.of(blank))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("API key is blank: give your Runbase key, which starts with 'sk-'");
  }

  @Test
  void keysAreEqualBySecret() {
    assertThat(ApiKey.of(CANARY)).isEqualTo(ApiKey.of(CANARY)).hasSameHashCodeAs(ApiKey.of(CANARY))
        .isNotEqualTo(ApiKey.of(CANARY + "0")).isNotEqualTo(CANARY);
    assertThatThrownBy(() -> ApiKey.of(null)).isInstanceOf(NullPointerException.class).hasMessage("secret");
  }

  @Test
  void theFingerprintIsTheSha256OfTheKeyAndHoldsNoPartOfIt() {
    ApiKey key = ApiKey.of("sk-fingerprint-0123456789");
    // printf %s sk-fingerprint-0123456789 | sha256sum
    assertThat(key.fingerprint()).isEqualTo("3cdb5787e1d6e73d28cc04cdec9909aa6c0aff9ccb8ab1b04c542b2087a1a457");
    assertThat(ApiKey.of("sk-fingerprint-0123456780").fingerprint()).isNotEqualTo(key.fingerprint());
  }
}
