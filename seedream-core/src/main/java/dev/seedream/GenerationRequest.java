package dev.seedream;

import dev.seedream.internal.LocalImages;
import dev.seedream.validation.RequestValidator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to generate or edit images with Seedream 4.5: a prompt, an optional aspect ratio and
 * quality, and up to 14 reference images (with them, Seedream edits or composes; without, it
 * generates).
 *
 * <p>Immutable; built with {@link #builder()}, which checks every rule of the model before anything
 * is sent and throws one {@link dev.seedream.validation.ValidationException} listing every
 * violation.
 *
 * <pre>{@code
 * GenerationRequest request = GenerationRequest.builder()
 *     .prompt("A cinematic product photo of a ceramic lamp")
 *     .aspectRatio(AspectRatio.RATIO_16_9)
 *     .quality(Quality.HIGH)
 *     .build();
 * }</pre>
 */
public final class GenerationRequest implements RunInput {
  /** The Runbase model id of Seedream 4.5. */
  public static final String MODEL = "bytedance/seedream-4.5";
  /** The longest prompt, in Unicode code points. */
  public static final int MAX_PROMPT_LENGTH = 3000;
  /** The most reference images one request may carry. */
  public static final int MAX_REFERENCE_IMAGES = 14;
  /** The largest reference image, in bytes (10 MB). */
  public static final long MAX_IMAGE_BYTES = 10L * 1024 * 1024;

  private final String prompt;
  private final AspectRatio aspectRatio;
  private final Quality quality;
  private final List<String> imageUrls;

  private GenerationRequest(Builder builder) {
    this.prompt = builder.prompt;
    this.aspectRatio = builder.aspectRatio;
    this.quality = builder.quality;
    this.imageUrls = Collections.unmodifiableList(new ArrayList<>(builder.imageUrls));
  }

  /** A new, empty builder; {@code prompt} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this request. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.prompt = prompt;
    builder.aspectRatio = aspectRatio;
    builder.quality = quality;
    builder.imageUrls.addAll(imageUrls);
    return builder;
  }

  public String prompt() {
    return prompt;
  }

  public Optional<AspectRatio> aspectRatio() {
    return Optional.ofNullable(aspectRatio);
  }

  public Optional<Quality> quality() {
    return Optional.ofNullable(quality);
  }

  /** The reference images: absolute http(s) URLs or {@code data:image/...;base64,} URIs. */
  public List<String> imageUrls() {
    return imageUrls;
  }

  @Override
  public String model() {
    return MODEL;
  }

  @Override
  public Map<String, Object> toWire() {
    return wire(prompt, aspectRatio, quality, imageUrls);
  }

  private static Map<String, Object> wire(
      String prompt, AspectRatio aspectRatio, Quality quality, List<String> imageUrls) {
    Map<String, Object> input = new LinkedHashMap<>();
    if (prompt != null) {
      input.put("prompt", prompt);
    }
    if (aspectRatio != null) {
      input.put("aspect_ratio", aspectRatio.wireValue());
    }
    if (quality != null) {
      input.put("quality", quality.wireValue());
    }
    if (!imageUrls.isEmpty()) {
      input.put("image_urls", List.copyOf(imageUrls));
    }
    return input;
  }

  @Override
  public String durationClass() {
    return MODEL + "/" + (quality == null ? "default" : quality.wireValue());
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof GenerationRequest)) {
      return false;
    }
    GenerationRequest that = (GenerationRequest) other;
    return prompt.equals(that.prompt)
        && aspectRatio == that.aspectRatio
        && quality == that.quality
        && imageUrls.equals(that.imageUrls);
  }

  @Override
  public int hashCode() {
    return Objects.hash(prompt, aspectRatio, quality, imageUrls);
  }

  @Override
  public String toString() {
    String shortPrompt = prompt.length() > 60 ? prompt.substring(0, 57) + "..." : prompt;
    return "GenerationRequest{prompt=\""
        + shortPrompt
        + "\", aspectRatio="
        + aspectRatio
        + ", quality="
        + quality
        + ", images="
        + imageUrls.size()
        + "}";
  }

  /** Builds a {@link GenerationRequest}; not thread-safe. */
  public static final class Builder {
    private String prompt;
    private AspectRatio aspectRatio;
    private Quality quality;
    private final List<String> imageUrls = new ArrayList<>();

    private Builder() {}

    /** The prompt: 1 to 3000 characters, not blank. Required. */
    public Builder prompt(String prompt) {
      this.prompt = Objects.requireNonNull(prompt, "prompt");
      return this;
    }

    /** The aspect ratio; {@code null} leaves it to the server's default. */
    public Builder aspectRatio(AspectRatio aspectRatio) {
      this.aspectRatio = aspectRatio;
      return this;
    }

    /** The quality; {@code null} leaves it to the server's default. */
    public Builder quality(Quality quality) {
      this.quality = quality;
      return this;
    }

    /** Adds one reference image: an absolute http(s) URL or a {@code data:image/...;base64,} URI. */
    public Builder addImageUrl(String imageUrl) {
      imageUrls.add(Objects.requireNonNull(imageUrl, "imageUrl"));
      return this;
    }

    /**
     * Adds a local image file as a reference image: read now (at most 10 MB, in bounded memory) and
     * sent inline as a {@code data:} URI, its type detected from its first bytes.
     *
     * <pre>{@code
     * GenerationRequest edit = GenerationRequest.builder()
     *     .prompt("Make the sky a warm sunset")
     *     .addImage(Path.of("photo.jpg"))
     *     .build();
     * }</pre>
     *
     * @throws IllegalArgumentException if the file cannot be read, or is not a PNG, JPEG, WebP or GIF
     * @throws dev.seedream.validation.ValidationException if it is larger than 10 MB ({@code
     *     too_large} at {@code input.image_urls[i]}, as for a {@code data:} URI)
     * @since 0.1.0
     */
    public Builder addImage(Path file) {
      Objects.requireNonNull(file, "file");
      imageUrls.add(LocalImages.dataUri(file, imageUrls.size()));
      return this;
    }

    /**
     * Adds an image held in memory as a reference image, sent inline as a {@code data:} URI. {@link
     * #build()} checks it as any image: at most 10 MB, at most 14 images in all.
     *
     * @param mediaType {@code image/png}, {@code image/jpeg}, {@code image/webp} or {@code
     *     image/gif}; {@code null} to detect it from the first bytes
     * @throws IllegalArgumentException if the media type is none of those, or null and the bytes are
     *     not a PNG, JPEG, WebP or GIF
     * @since 0.1.0
     */
    public Builder addImage(byte[] bytes, String mediaType) {
      Objects.requireNonNull(bytes, "bytes");
      imageUrls.add(LocalImages.dataUri(bytes, mediaType, "reference image " + (imageUrls.size() + 1)));
      return this;
    }

    /** Replaces the reference images. */
    public Builder imageUrls(List<String> imageUrls) {
      Objects.requireNonNull(imageUrls, "imageUrls");
      this.imageUrls.clear();
      for (String url : imageUrls) {
        addImageUrl(url);
      }
      return this;
    }

    /**
     * The request.
     *
     * @throws dev.seedream.validation.ValidationException listing every rule the request breaks
     */
    public GenerationRequest build() {
      RequestValidator.validateInput(wire(prompt, aspectRatio, quality, imageUrls)).throwIfInvalid();
      return new GenerationRequest(this);
    }
  }
}
