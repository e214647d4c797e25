package dev.seedream.transport.apache.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedream.TransportException;
import dev.seedream.TransportException.Reason;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.MalformedChunkCodingException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.RequestNotExecutedException;
import org.apache.hc.core5.http.TruncatedChunkException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FailuresTest {
  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of(new ConnectException("Connection refused"), Reason.CONNECT, false),
        Arguments.of(new UnknownHostException("api.runbase.invalid"), Reason.CONNECT, false),
        Arguments.of(new ConnectTimeoutException("Connect timed out"), Reason.CONNECT, false),
        Arguments.of(new ConnectionRequestTimeoutException("Timeout waiting for connection"), Reason.CONNECT, false),
        Arguments.of(new SSLHandshakeException("PKIX path building failed"), Reason.CONNECT, false),
        Arguments.of(new SocketTimeoutException("Read timed out"), Reason.TIMEOUT, true),
        Arguments.of(new NoHttpResponseException("failed to respond"), Reason.CONNECTION_CLOSED, true),
        Arguments.of(new ConnectionClosedException("Premature end of chunk coded message body"), Reason.CONNECTION_CLOSED, true),
        Arguments.of(new SocketException("Connection reset"), Reason.CONNECTION_CLOSED, true),
        Arguments.of(new SocketException("Broken pipe"), Reason.CONNECTION_CLOSED, true),
        Arguments.of(new MalformedChunkCodingException("Bad chunk header"), Reason.CONNECTION_CLOSED, true),
        Arguments.of(new TruncatedChunkException("Truncated chunk"), Reason.CONNECTION_CLOSED, true),
        Arguments.of(new RequestNotExecutedException(), Reason.CONNECTION_CLOSED, false),
        Arguments.of(new IOException("something else"), Reason.IO, true));
  }

  @ParameterizedTest
  @MethodSource("failures")
  void mapsEachFailureOfAConnectedAttempt(IOException failure, Reason reason, boolean sent) {
    Attempt attempt = attempt();
    attempt.markConnected();

    TransportException mapped = Failures.map(failure, attempt, true, "GET http://h/p", Duration.ofSeconds(1));

    assertThat(mapped.reason()).isEqualTo(reason);
    assertThat(mapped.requestSent()).isEqualTo(sent);
    assertThat(mapped.getMessage()).startsWith("GET http://h/p");
    assertThat(mapped).hasCause(failure);
  }

  @ParameterizedTest
  @MethodSource("failures")
  void nothingWasSentWithoutAConnection(IOException failure) {
    TransportException mapped = Failures.map(failure, attempt(), true, "GET http://h/p", Duration.ofSeconds(1));

    assertThat(mapped.requestSent()).isFalse();
  }

  @ParameterizedTest
  @MethodSource("failures")
  void overAClientOfTheUsersOwnOnlyTheKindOfFailureTells(IOException failure, Reason reason, boolean sent) {
    TransportException mapped = Failures.map(failure, attempt(), false, "GET http://h/p", Duration.ofSeconds(1));

    assertThat(mapped.requestSent()).isEqualTo(sent);
  }

  private static Attempt attempt() {
    return new Attempt(new HttpGet(URI.create("http://h/p")), Thread.currentThread(), System.nanoTime());
  }
}
