package dev.seedream.testkit.internal;

/**
 * Paints a run's output image: a smooth two-colour gradient with diagonal bands, its colours drawn
 * from the seed, so that the same seed gives the same bytes and different images differ.
 */
final class ImagePainter {
  private ImagePainter() {}

  static byte[] png(int width, int height, long seed) {
    int from = (int) Ids.mix(seed, 1);
    int to = (int) Ids.mix(seed, 2);
    int band = 8 + (int) Math.floorMod(Ids.mix(seed, 3), 24L);
    return PngEncoder.encode(width, height, (y, row) -> {
      for (int x = 0; x < width; x++) {
        int t = (int) (255L * (x + y) / Math.max(1, width + height - 2));
        boolean stripe = ((x + y) / band) % 2 == 0;
        for (int c = 0; c < 3; c++) {
          int a = (from >>> (8 * c)) & 0xff;
          int b = (to >>> (8 * c)) & 0xff;
          int v = (a * (255 - t) + b * t) / 255;
          row[x * 3 + c] = (byte) (stripe ? v : 255 - v);
        }
      }
    });
  }
}
