package dev.seedream;

/** HTTP 403 {@code ip_not_allowed}: the key may not be used from this IP address. Not retried. */
public class IpNotAllowedException extends PermissionDeniedException {
  private static final long serialVersionUID = 1L;

  static final String CODE = "ip_not_allowed";

  IpNotAllowedException(
      int statusCode, String errorCode, String serverMessage, String bodyExcerpt, RunId runId) {
    super(statusCode, errorCode, serverMessage, bodyExcerpt, runId, "add this machine's IP address to the key's allow list");
  }
}
