package dev.seedream.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedream.ConfigurationException;
import dev.seedream.Run;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discovery with {@link java.util.ServiceLoader}: each test registers providers in a services file
 * under a temporary directory and loads through a class loader over it.
 */
class ProvidersTest {
  @TempDir Path dir;

  @Test
  void withoutACodecTheErrorNamesTheArtifactToAdd() throws IOException {
    try (URLClassLoader loader = loader()) {
      assertThatThrownBy(() -> Providers.codec(loader))
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("no JSON codec found")
          .hasMessageContaining("dev.seedream:seedream-codec-gson")
          .hasMessageContaining(".codec(..)");
    }
  }

  @Test
  void oneCodecIsFound() throws IOException {
    try (URLClassLoader loader = loader(JsonCodec.class, CodecA.class)) {
      assertThat(Providers.codec(loader)).isInstanceOf(CodecA.class);
    }
  }

  @Test
  void twoCodecsAreAnErrorThatNamesBothAndSaysToNameOne() throws IOException {
    try (URLClassLoader loader = loader(JsonCodec.class, CodecA.class, CodecB.class)) {
      assertThatThrownBy(() -> Providers.codec(loader))
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("found 2 JSON codecs")
          .hasMessageContaining(CodecA.class.getName())
          .hasMessageContaining(CodecB.class.getName())
          .hasMessageContaining("name the one to use")
          .hasMessageContaining("or remove the others");
    }
  }

  @Test
  void noTransportIsNullAndItsErrorNamesBothArtifacts() throws IOException {
    try (URLClassLoader loader = loader()) {
      assertThat(Providers.blockingTransport(loader)).isNull();
      assertThat(Providers.asyncTransport(loader)).isNull();
    }
    assertThat(Providers.noTransport())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("no transport found")
        .hasMessageContaining("seedream-transport-apache")
        .hasMessageContaining("seedream-transport-reactor")
        .hasMessageContaining(".transport(..)");
  }

  @Test
  void oneTransportOfEachKindIsFound() throws IOException {
    try (URLClassLoader loader = loader(HttpTransportProvider.class, BlockingA.class)) {
      assertThat(Providers.blockingTransport(loader)).isInstanceOf(BlockingA.class);
      assertThat(Providers.asyncTransport(loader)).isNull();
    }
  }

  @Test
  void twoTransportsOfAKindAreAnErrorThatNamesThem() throws IOException {
    try (URLClassLoader loader = loader(HttpTransportProvider.class, BlockingA.class, BlockingB.class)) {
      assertThatThrownBy(() -> Providers.blockingTransport(loader))
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("found 2 blocking transports on the classpath [apache-fake, other-fake]")
          .hasMessageContaining("name the one to use with .transport(..)");
    }
  }

  /** A class loader over {@link #dir} whose services file for {@code type} lists {@code providers}. */
  private URLClassLoader loader(Class<?> type, Class<?>... providers) throws IOException {
    Path services = Files.createDirectories(dir.resolve("META-INF/services"));
    StringBuilder lines = new StringBuilder("# test providers\n");
    for (Class<?> provider : providers) {
      lines.append(provider.getName()).append('\n');
    }
    Files.writeString(services.resolve(type.getName()), lines);
    return new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
  }

  private URLClassLoader loader() throws IOException {
    return new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
  }

  public static class CodecA implements JsonCodec {
    @Override
    public byte[] writeCreateRequest(String model, Map<String, ?> input) {
      return new byte[0];
    }

    @Override
    public Run readRun(byte[] body) {
      throw new UnsupportedOperationException("not used");
    }

    @Override
    public Optional<ApiErrorBody> readError(byte[] body) {
      return Optional.empty();
    }
  }

  public static class CodecB extends CodecA {}

  public static class BlockingA implements HttpTransportProvider {
    @Override
    public String name() {
      return "apache-fake";
    }

    @Override
    public HttpTransport create(TransportOptions options) {
      throw new UnsupportedOperationException("not used");
    }
  }

  public static class BlockingB extends BlockingA {
    @Override
    public String name() {
      return "other-fake";
    }
  }
}
