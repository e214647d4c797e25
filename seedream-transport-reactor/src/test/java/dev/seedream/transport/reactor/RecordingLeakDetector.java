package dev.seedream.transport.reactor;

import io.netty.util.ResourceLeakDetector;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Netty's leak detector, recording each leak it finds so that a test can assert on them; installed
 * for this module's tests by the system property {@code io.netty.customResourceLeakDetector} (see
 * the pom), since Netty reads it once, when its buffers' class loads.
 */
public final class RecordingLeakDetector<T> extends ResourceLeakDetector<T> {
  private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

  public RecordingLeakDetector(Class<?> resourceType, int samplingInterval) {
    super(resourceType, samplingInterval);
  }

  @SuppressWarnings("deprecation")
  public RecordingLeakDetector(Class<?> resourceType, int samplingInterval, long maxActive) {
    super(resourceType, samplingInterval, maxActive);
  }

  /** Whether Netty was started with this detector. */
  static boolean installed() {
    return RecordingLeakDetector.class.getName().equals(System.getProperty("io.netty.customResourceLeakDetector"));
  }

  /** The leaks found since the last {@link #clear()}, each with its access records. */
  static List<String> leaks() {
    return List.copyOf(LEAKS);
  }

  static void clear() {
    LEAKS.clear();
  }

  @Override
  protected boolean needReport() {
    return true;
  }

  @Override
  protected void reportTracedLeak(String resourceType, String records) {
    LEAKS.add(resourceType + " leaked:" + records);
  }

  @Override
  protected void reportUntracedLeak(String resourceType) {
    LEAKS.add(resourceType + " leaked (no records)");
  }
}
