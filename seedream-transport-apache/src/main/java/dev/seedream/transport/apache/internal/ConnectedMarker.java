package dev.seedream.transport.apache.internal;

import java.io.IOException;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpException;

/**
 * Sits in the client's chain just before the main transport: by then the connection is open, so
 * any failure after this point may come after bytes of the request reached the server.
 */
public final class ConnectedMarker implements ExecChainHandler {
  /** The name of this element in the chain. */
  public static final String NAME = "seedream-connected-marker";

  @Override
  public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
      throws IOException, HttpException {
    Object attempt = scope.clientContext.getAttribute(Attempt.ATTRIBUTE);
    if (attempt instanceof Attempt) {
      ((Attempt) attempt).markConnected();
    }
    return chain.proceed(request, scope);
  }
}
