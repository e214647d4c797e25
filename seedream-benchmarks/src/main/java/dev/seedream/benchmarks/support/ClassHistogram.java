package dev.seedream.benchmarks.support;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.management.ObjectName;

/**
 * The JVM's class histogram of live objects (what {@code jcmd PID GC.class_histogram} prints), written
 * to a file when the system property {@value #PROPERTY} names a directory; otherwise nothing. Two of
 * them, compared class by class, show what a figure of retained heap is made of.
 */
public final class ClassHistogram {
  public static final String PROPERTY = "benchmarks.histograms";

  private ClassHistogram() {}

  /** Writes {@code <dir>/<name>.txt} if the property is set. */
  public static void writeIfAsked(String name) throws Exception {
    String directory = System.getProperty(PROPERTY);
    if (directory == null || directory.isBlank()) {
      return;
    }
    ObjectName command = new ObjectName("com.sun.management:type=DiagnosticCommand");
    String histogram = (String) ManagementFactory.getPlatformMBeanServer()
        .invoke(command, "gcClassHistogram", new Object[] {new String[0]}, new String[] {String[].class.getName()});
    Path dir = Path.of(directory);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(name + ".txt"), histogram);
  }
}
