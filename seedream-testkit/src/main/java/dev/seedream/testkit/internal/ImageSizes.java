package dev.seedream.testkit.internal;

import dev.seedream.AspectRatio;
import dev.seedream.Quality;
import java.util.EnumMap;
import java.util.Map;

/**
 * Pixel sizes of Seedream 4.5's output per aspect ratio and quality, as other providers document
 * them (Runbase does not say which it uses); the fake's images follow them.
 */
public final class ImageSizes {
  private static final Map<AspectRatio, int[]> SIZES = new EnumMap<>(AspectRatio.class);

  static {
    // width and height at basic (2K), then at high (4K)
    SIZES.put(AspectRatio.RATIO_1_1, new int[] {2048, 2048, 4096, 4096});
    SIZES.put(AspectRatio.RATIO_4_3, new int[] {2304, 1728, 4704, 3520});
    SIZES.put(AspectRatio.RATIO_3_4, new int[] {1728, 2304, 3520, 4704});
    SIZES.put(AspectRatio.RATIO_16_9, new int[] {2848, 1600, 5504, 3040});
    SIZES.put(AspectRatio.RATIO_9_16, new int[] {1600, 2848, 3040, 5504});
    SIZES.put(AspectRatio.RATIO_3_2, new int[] {2496, 1664, 4992, 3328});
    SIZES.put(AspectRatio.RATIO_2_3, new int[] {1664, 2496, 3328, 4992});
    SIZES.put(AspectRatio.RATIO_21_9, new int[] {3136, 1344, 6240, 2656});
  }

  private ImageSizes() {}

  /** {@code {width, height}} for the ratio and quality, divided by {@code scale} (at least 1 pixel). */
  public static int[] of(AspectRatio ratio, Quality quality, int scale) {
    int[] size = SIZES.get(ratio);
    int offset = quality == Quality.HIGH ? 2 : 0;
    return new int[] {Math.max(1, size[offset] / scale), Math.max(1, size[offset + 1] / scale)};
  }
}
