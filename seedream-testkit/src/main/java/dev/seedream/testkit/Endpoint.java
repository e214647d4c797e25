package dev.seedream.testkit;

/** The endpoints of the fake that requests are journaled under and failures can be injected into. */
public enum Endpoint {
  /** {@code POST /api/v1/runs}. */
  CREATE,
  /** {@code GET /api/v1/runs/{id}}. */
  GET,
  /** {@code GET} of an output image on the image origin. */
  IMAGE
}
