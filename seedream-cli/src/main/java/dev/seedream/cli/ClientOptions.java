package dev.seedream.cli;

import picocli.CommandLine.Option;

/** The options of every command that talks to Runbase: where, how, or against the fake. */
final class ClientOptions {
  @Option(
      names = "--base-url",
      paramLabel = "URL",
      description = "The API's base URL (default: $RUNBASE_BASE_URL, else https://runbase.net).")
  String baseUrl;

  @Option(
      names = "--transport",
      paramLabel = "apache|reactor",
      defaultValue = "apache",
      converter = TransportConverter.class,
      description = "The HTTP transport: apache (blocking, the default) or reactor (non-blocking).")
  TransportChoice transport = TransportChoice.APACHE;

  @Option(
      names = "--redis",
      paramLabel = "redis://HOST:PORT",
      description = {"Share the key's rate budget (20 requests in any 10 s) through this Redis with every other shell,",
          "process or machine that uses the same key and names the same Redis (see docs/fleet.md)."})
  String redis;

  @Option(
      names = "--fake",
      description = "Run against a fake Runbase started inside this process: no key, no network, no cost.")
  boolean fake;
}
