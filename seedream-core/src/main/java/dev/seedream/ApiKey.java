package dev.seedream;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A Runbase API key that never prints itself.
 *
 * <p>{@link #toString()} shows {@code sk-...} and at most the last four characters; exception
 * messages of the SDK never include the key. Runbase keys always start with {@code sk-}.
 */
public final class ApiKey {
  /** The environment variable the SDK reads the key from. */
  public static final String ENV_VAR = "RUNBASE_API_KEY";

  private static final String PREFIX = "sk-";

  private final String secret;

  private ApiKey(String secret) {
    this.secret = secret;
  }

  /**
   * The key for a string such as {@code "sk-..."}.
   *
   * @throws IllegalArgumentException if it is blank, holds whitespace or control characters, or does
   *     not start with {@code sk-}; the message never repeats the value
   */
  public static ApiKey of(String secret) {
    Objects.requireNonNull(secret, "secret");
    if (secret.isBlank()) {
      throw new IllegalArgumentException(
          "API key is blank: give your Runbase key, which starts with 'sk-'");
    }
    for (int i = 0; i < secret.length(); i++) {
      char c = secret.charAt(i);
      if (c <= ' ' || c == 0x7f) {
        throw new IllegalArgumentException(
            "API key holds whitespace or a control character at index "
                + i
                + ": copy the key alone, without quotes, spaces or 'Bearer '");
      }
    }
    if (!secret.startsWith(PREFIX)) {
      throw new IllegalArgumentException(
          "API key does not start with 'sk-' as Runbase keys do: give the key itself (its value is not"
              + " shown here)");
    }
    return new ApiKey(secret);
  }

  /** The key itself, for the {@code Authorization} header. Never log it. */
  public String secret() {
    return secret;
  }

  /** The redacted form: {@code sk-...} and the last four characters when the key is long enough. */
  public String redacted() {
    return secret.length() >= 16 ? PREFIX + "..." + secret.substring(secret.length() - 4) : PREFIX + "...";
  }

  /**
   * The SHA-256 of the key in lower-case hex: names the key where it must not appear itself (a
   * shared rate budget's Redis keys, say).
   *
   * @since 0.1.0
   */
  public String fingerprint() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder(64);
      for (byte b : digest) {
        hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
      }
      return hex.toString();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ApiKey
        && MessageDigest.isEqual(
            ((ApiKey) other).secret.getBytes(StandardCharsets.UTF_8),
            secret.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return secret.hashCode();
  }

  @Override
  public String toString() {
    return "ApiKey[" + redacted() + "]";
  }
}
