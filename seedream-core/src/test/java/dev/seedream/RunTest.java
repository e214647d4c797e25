package dev.seedream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunTest {
  private static final RunId ID = RunId.of("run_1");

  @Test
  void theBuilderCopiesTheOutputUrls() {
    List<URI> urls = new ArrayList<>(List.of(URI.create("https://cdn.example.com/1.png")));
    Run.Builder builder = Run.builder(ID, RunStatus.SUCCEEDED).outputUrls(urls);
    Run run = builder.build();

    urls.add(URI.create("https://cdn.example.com/2.png"));
    builder.outputUrls(List.of());

    assertThat(run.outputUrls()).containsExactly(URI.create("https://cdn.example.com/1.png"));
    assertThatThrownBy(() -> run.outputUrls().add(URI.create("https://x.example.com")))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void optionalFieldsAreEmptyUntilSet() {
    Run run = Run.builder(ID, RunStatus.PENDING).build();
    assertThat(run.outputUrls()).isEmpty();
    assertThat(run.error()).isEmpty();
    assertThat(run.model()).isEmpty();
    assertThat(run.createdAt()).isEmpty();
    assertThat(run.startedAt()).isEmpty();
    assertThat(run.completedAt()).isEmpty();
    assertThat(run.isTerminal()).isFalse();
  }

  @Test
  void toBuilderMakesAnEqualRunAndVariantsDoNotChangeTheOriginal() {
    Run failed = Run.builder(ID, RunStatus.FAILED)
        .error(RunError.of("content policy", "nsfw"))
        .model(GenerationRequest.MODEL)
        .createdAt(Instant.parse("2026-01-01T00:00:00Z"))
        .startedAt(Instant.parse("2026-01-01T00:00:01Z"))
        .completedAt(Instant.parse("2026-01-01T00:00:09Z"))
        .build();
    assertThat(failed.toBuilder().build()).isEqualTo(failed).hasSameHashCodeAs(failed);
    Run changed = failed.toBuilder().model("other").build();
    assertThat(changed).isNotEqualTo(failed);
    assertThat(failed.model()).contains(GenerationRequest.MODEL);
    assertThat(failed.isTerminal()).isTrue();
    assertThat(failed.error()).contains(RunError.of("content policy", "nsfw"));
    assertThat(failed.toString()).contains("run_1").contains("failed").contains("nsfw: content policy");
  }

  @Test
  void requiredPartsAndListItemsAreCheckedWithTheirNames() {
    assertThatThrownBy(() -> Run.builder(null, RunStatus.PENDING)).hasMessage("id");
    assertThatThrownBy(() -> Run.builder(ID, null)).hasMessage("status");
    List<URI> withNull = Arrays.asList(URI.create("https://a.example.com"), null);
    assertThatThrownBy(() -> Run.builder(ID, RunStatus.SUCCEEDED).outputUrls(withNull))
        .isInstanceOf(NullPointerException.class).hasMessage("urls[1]");
  }

  @Test
  void aRunErrorMayLackACode() {
    RunError error = RunError.of("timed out", null);
    assertThat(error.code()).isEmpty();
    assertThat(error.toString()).isEqualTo("timed out");
    assertThat(error).isEqualTo(RunError.of("timed out", null)).isNotEqualTo(RunError.of("timed out", "t"));
  }
}
