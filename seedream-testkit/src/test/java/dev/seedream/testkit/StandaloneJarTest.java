package dev.seedream.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable jar, started as a separate process with the running JVM's java. Runs in the package
 * phase, after the shade plugin built {@code target/seedream-testkit-VERSION-standalone.jar} (the artifact of classifier {@code standalone}).
 */
class StandaloneJarTest {
  @TempDir Path temp;

  @Test
  void servesTheReferenceCurlSessionAndStopsOnSigterm() throws Exception {
    Process process = start("--port", "0", "--seed", "5", "--polls", "3", "--balance", "10.00");
    try {
      List<String> lines = firstLines(process, 2);
      assertThat(lines.get(0)).matches("Fake Runbase listening on http://127\\.0\\.0\\.1:\\d+");
      assertThat(lines.get(1)).matches("API key: sk-test-[0-9a-f]{32}");
      String base = lines.get(0).substring("Fake Runbase listening on ".length());
      String key = lines.get(1).substring("API key: ".length());

      // curl -s $BASE/api/v1/runs -H "Authorization: Bearer $KEY" -H "Content-Type: application/json" -d '{...}'
      String body = "{\n\"model\": \"bytedance/seedream-4.5\",\n\"input\": {\n\"prompt\": \"A cinematic product photo of a ceramic lamp\"\n}\n}";
      JsonObject created = Http.json(Http.create(base, key, body));
      assertThat(created.get("status").getAsString()).isEqualTo("pending");
      String id = created.get("id").getAsString();

      // curl -s $BASE/api/v1/runs/RUN_ID -H "Authorization: Bearer $KEY", until succeeded
      List<String> statuses = new ArrayList<>();
      JsonObject run;
      do {
        run = Http.json(Http.read(base, key, id));
        statuses.add(run.get("status").getAsString());
      } while (!statuses.get(statuses.size() - 1).equals("succeeded") && statuses.size() < 10);
      assertThat(statuses).containsExactly("pending", "processing", "succeeded");
      String url = run.getAsJsonObject("output").getAsJsonArray("urls").get(0).getAsString();
      assertThat(Png.dimensions(Http.bytes(url).body())).containsExactly(64, 64);

      assertThat(Http.send(HttpRequest.newBuilder(URI.create(base + "/__control/reset")).POST(BodyPublishers.noBody()).build())
          .statusCode()).isEqualTo(200);
      assertThat(Http.read(base, key, id).statusCode()).isEqualTo(404);
    } finally {
      process.destroy();
      assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
    }
  }

  @Test
  void anOutageFromAnotherProcessClosesTheApiPortAndKeepsTheRun() throws Exception {
    Process process = start("--port", "0", "--polls", "2", "--no-rate-limit");
    try {
      List<String> lines = firstLines(process, 6);
      String base = lines.get(0).substring("Fake Runbase listening on ".length());
      String key = lines.get(1).substring("API key: ".length());
      String images = lines.get(2).substring("Images served from ".length());
      assertThat(lines.get(4)).isEqualTo("Outage: POST " + images + "/__control/outage | POST " + images + "/__control/restore");
      assertThat(lines.get(5)).isEqualTo("Dashboard: " + base + "/__dashboard (open it in a browser)");
      String id = Http.json(Http.create(base, key, Http.createBody("A lamp"))).get("id").getAsString();

      assertThat(post(images + "/__control/outage")).isEqualTo(200);
      assertThatThrownBy(() -> Http.read(base, key, id)).hasCauseInstanceOf(ConnectException.class);
      assertThat(post(images + "/__control/restore")).isEqualTo(200);

      assertThat(Http.json(Http.read(base, key, id)).get("status").getAsString()).isEqualTo("pending");
      assertThat(Http.json(Http.read(base, key, id)).get("status").getAsString()).isEqualTo("succeeded");
    } finally {
      process.destroy();
      assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
    }
  }

  @Test
  void stopsWhenStandardInputClosesIfAsked() throws Exception {
    Process process = start("--port", "0", "--key", "sk-from-the-command-line", "--no-rate-limit", "--stop-on-stdin-eof");
    try {
      assertThat(firstLines(process, 2).get(1)).isEqualTo("API key: sk-from-the-command-line");

      process.getOutputStream().close();

      assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).isZero();
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void aWrongOptionIsRefusedWithTheUsage() throws Exception {
    Process process = start("--polls", "many");
    try {
      assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).isEqualTo(2);
      assertThat(Files.readString(temp.resolve("stderr.txt"))).contains("--polls must be a whole number, but was 'many'").contains("Usage:")
          .contains("POST /__control/outage").contains("POST /__control/restore");
    } finally {
      process.destroyForcibly();
    }
  }

  private static int post(String url) {
    return Http.send(HttpRequest.newBuilder(URI.create(url)).POST(BodyPublishers.noBody()).build()).statusCode();
  }

  private Process start(String... args) throws Exception {
    String jar = System.getProperty("standalone.jar");
    assertThat(jar).as("the standalone.jar system property (set by the pom)").isNotNull();
    assertThat(Path.of(jar)).exists();
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m", "-jar", jar));
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .redirectError(temp.resolve("stderr.txt").toFile())
        .start();
  }

  private static List<String> firstLines(Process process, int count) throws Exception {
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    return CompletableFuture.supplyAsync(() -> {
      List<String> lines = new ArrayList<>();
      try {
        String line;
        while (lines.size() < count && (line = out.readLine()) != null) {
          lines.add(line);
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return lines;
    }).get(60, TimeUnit.SECONDS);
  }
}
