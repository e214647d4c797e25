package dev.seedream.testkit.internal;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;

/** A WireMock extension of the fake: named, applied only to the stubs that name it, backed by the engine. */
abstract class FakeTransformer implements ResponseDefinitionTransformerV2 {
  protected final FakeEngine engine;
  private final String name;

  FakeTransformer(String name, FakeEngine engine) {
    this.name = name;
    this.engine = engine;
  }

  @Override
  public final String getName() {
    return name;
  }

  @Override
  public final boolean applyGlobally() {
    return false;
  }
}
