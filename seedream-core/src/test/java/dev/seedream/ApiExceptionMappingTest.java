package dev.seedream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link ApiException#from}: every documented status and code, and what the message tells the caller. */
class ApiExceptionMappingTest {
  static Stream<Arguments> documented() {
    return Stream.of(
        Arguments.of(400, "invalid_json", InvalidRequestException.class, "fix the input"),
        Arguments.of(400, "missing_model", InvalidRequestException.class, "fix the input"),
        Arguments.of(400, "missing_input", InvalidRequestException.class, "fix the input"),
        Arguments.of(400, "invalid_input", InvalidRequestException.class, "fix the input"),
        Arguments.of(400, "model_not_found", InvalidRequestException.class, "fix the input"),
        Arguments.of(401, "missing_api_key", AuthenticationException.class, "check RUNBASE_API_KEY"),
        Arguments.of(401, "invalid_api_key", AuthenticationException.class, "check RUNBASE_API_KEY"),
        Arguments.of(402, "insufficient_balance", InsufficientBalanceException.class, "top up the Runbase balance"),
        Arguments.of(403, "api_key_spend_limit_exceeded", SpendLimitExceededException.class, "raise the key's spend limit"),
        Arguments.of(403, "ip_not_allowed", IpNotAllowedException.class, "allow list"),
        Arguments.of(403, "something_else", PermissionDeniedException.class, "check the key's permissions"),
        Arguments.of(403, null, PermissionDeniedException.class, "check the key's permissions"),
        Arguments.of(404, "run_not_found", RunNotFoundException.class, "check the run id"),
        Arguments.of(404, null, ApiException.class, "check the base URL"),
        Arguments.of(404, "not_found", ApiException.class, "check the base URL"),
        Arguments.of(429, "RATE_LIMITED", RateLimitedException.class, "20 requests per 10 s"),
        Arguments.of(429, "USAGE_EXCEEDED", UsageExceededException.class, "quota is spent"),
        Arguments.of(429, null, RateLimitedException.class, "20 requests per 10 s"),
        Arguments.of(500, null, ServerException.class, "try again later"),
        Arguments.of(502, null, ServerException.class, "try again later"),
        Arguments.of(503, "overloaded", ServerException.class, "try again later"),
        Arguments.of(504, null, ServerException.class, "try again later"),
        Arguments.of(418, "teapot", ApiException.class, "undocumented status"));
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @MethodSource("documented")
  void eachStatusAndCodeMapsToItsType(int status, String code, Class<? extends ApiException> type, String hint) {
    ApiException e = ApiException.from(status, code, "Human-readable description", null, null);

    assertThat(e).isExactlyInstanceOf(type).isInstanceOf(SeedreamException.class);
    assertThat(e.statusCode()).isEqualTo(status);
    assertThat(e.errorCode()).isEqualTo(java.util.Optional.ofNullable(code));
    assertThat(e.serverMessage()).contains("Human-readable description");
    assertThat(e.bodyExcerpt()).isEmpty();
    assertThat(e.runId()).isEmpty();
    assertThat(e.getMessage())
        .startsWith("HTTP " + status + (code == null ? ":" : " " + code + ":"))
        .contains("Human-readable description")
        .contains(" -- ")
        .contains(hint);
  }

  @Test
  void anHtmlBodyStillMapsByStatusAndIsQuotedInTheMessage() {
    String excerpt = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    ApiException e = ApiException.from(502, null, null, excerpt, null);

    assertThat(e).isExactlyInstanceOf(ServerException.class);
    assertThat(e.bodyExcerpt()).contains(excerpt);
    assertThat(e.errorCode()).isEmpty();
    assertThat(e.serverMessage()).isEmpty();
    assertThat(e.getMessage()).isEqualTo(
        "HTTP 502: body was not Runbase's error JSON: \"" + excerpt + "\" -- a fault at Runbase; try again later");
  }

  @Test
  void anHtmlBodyOn401IsStillAnAuthenticationError() {
    ApiException e = ApiException.from(401, null, null, "<html>Unauthorized</html>", null);
    assertThat(e).isExactlyInstanceOf(AuthenticationException.class);
    assertThat(e.getMessage()).contains("<html>Unauthorized</html>").contains("check RUNBASE_API_KEY");
  }

  @Test
  void anEmptyBodySaysSo() {
    assertThat(ApiException.from(500, null, null, null, null).getMessage())
        .isEqualTo("HTTP 500: no error body -- a fault at Runbase; try again later");
    assertThat(ApiException.from(503, null, " ", "", null).getMessage()).contains("no error body");
  }

  @Test
  void theRunIdIsKeptAndNamedInTheMessage() {
    ApiException e = ApiException.from(404, "run_not_found", "Run not found", null, RunId.of("run_42"));
    assertThat(e.runId()).contains(RunId.of("run_42"));
    assertThat(e.getMessage()).startsWith("HTTP 404 run_not_found (run run_42): Run not found -- ");
  }

  @Test
  void a404WithoutRunNotFoundIsNotAnUnknownRunButAWrongPlace() {
    ApiException e = ApiException.from(404, null, null, "<html>Not Found</html>", RunId.of("run_42"));

    assertThat(e).isExactlyInstanceOf(ApiException.class).isNotInstanceOf(RunNotFoundException.class);
    assertThat(e.getMessage()).contains("without Runbase's run_not_found code", "check the base URL");
  }

  @Test
  void serverTextIsEscapedInTheMessageAndKeptAsItCameInTheFields() {
    String hostile = "\u001b]0;pwned\u0007\u001b[2Jboom\nERROR forged line";
    ApiException e = ApiException.from(400, "bad\u001b[31m", hostile, null, null);

    assertThat(e.getMessage())
        .doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\n")
        .contains("\\u001B]0;pwned\\u0007\\u001B[2Jboom\\nERROR forged line", "bad\\u001B[31m");
    assertThat(e.serverMessage()).contains(hostile);
    ApiException html = ApiException.from(502, null, null, "<b>\u009b2J</b>", null);
    assertThat(html.getMessage()).contains("<b>\\u009B2J</b>").doesNotContain("\u009b");
  }

  @Test
  void aFailedRunsErrorIsEscapedInTheMessage() {
    Run run = Run.builder(RunId.of("run_1"), RunStatus.FAILED)
        .error(RunError.of("nope\u001b[2J", "code\u202e"))
        .build();

    assertThat(new RunFailedException(run).getMessage())
        .contains("code\\u202E: nope\\u001B[2J").doesNotContain("\u001b").doesNotContain("\u202e");
    assertThat(RunStatus.of("odd\u001b[2J").toString()).isEqualTo("odd\\u001B[2J");
    assertThat(RunId.of("run\u009b1").toString()).isEqualTo("run\\u009B1");
    assertThat(RunId.of("run\u009b1").value()).isEqualTo("run\u009b1");
  }
}
