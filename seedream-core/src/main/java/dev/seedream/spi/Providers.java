package dev.seedream.spi;

import dev.seedream.ConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * Finds transports and codecs on the classpath with {@link ServiceLoader}. Clients call it when
 * their builder names none; its errors say what to add or remove.
 */
public final class Providers {
  private Providers() {}

  /** The one blocking transport provider on the classpath, if exactly one; null if none. */
  public static HttpTransportProvider blockingTransport(ClassLoader loader) {
    return atMostOne(HttpTransportProvider.class, loader, HttpTransportProvider::name, "blocking transports");
  }

  /** The one non-blocking transport provider on the classpath, if exactly one; null if none. */
  public static AsyncHttpTransportProvider asyncTransport(ClassLoader loader) {
    return atMostOne(
        AsyncHttpTransportProvider.class, loader, AsyncHttpTransportProvider::name, "non-blocking transports");
  }

  /**
   * The one JSON codec on the classpath.
   *
   * @throws ConfigurationException if there is none or more than one
   */
  public static JsonCodec codec(ClassLoader loader) {
    JsonCodec codec = atMostOne(JsonCodec.class, loader, c -> c.getClass().getName(), "JSON codecs");
    if (codec == null) {
      throw new ConfigurationException(
          "no JSON codec found: add the dependency dev.seedream:seedream-codec-gson (the transports bring it),"
              + " or pass one with .codec(..)");
    }
    return codec;
  }

  /** The error for a classpath without any transport. */
  public static ConfigurationException noTransport() {
    return new ConfigurationException(
        "no transport found: add dev.seedream:seedream-transport-apache (blocking) or"
            + " dev.seedream:seedream-transport-reactor (non-blocking), or pass one with .transport(..)");
  }

  private static <T> T atMostOne(Class<T> type, ClassLoader loader, Function<T, String> name, String what) {
    List<T> found = new ArrayList<>();
    for (T provider : ServiceLoader.load(type, loader)) {
      found.add(provider);
    }
    if (found.size() > 1) {
      List<String> names = new ArrayList<>();
      found.forEach(p -> names.add(name.apply(p)));
      throw new ConfigurationException(
          "found "
              + found.size()
              + " "
              + what
              + " on the classpath "
              + names
              + ": name the one to use with .transport(..) or .codec(..) on the builder, or remove the others");
    }
    return found.isEmpty() ? null : found.get(0);
  }
}
