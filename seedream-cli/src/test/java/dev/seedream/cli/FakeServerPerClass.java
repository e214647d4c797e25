package dev.seedream.cli;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link FakeServerProcess} for all tests of a class, reset before each test and stopped after
 * the last: {@code @RegisterExtension static final FakeServerPerClass server = FakeServerPerClass.with("--polls", "1");}.
 */
final class FakeServerPerClass implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
  private final String[] flags;
  private FakeServerProcess fake;

  private FakeServerPerClass(String[] flags) {
    this.flags = flags;
  }

  /** A fake started with the testkit's flags, such as {@code --duration 2s}. */
  static FakeServerPerClass with(String... flags) {
    return new FakeServerPerClass(flags.clone());
  }

  /** The running fake. */
  FakeServerProcess get() {
    return fake;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    fake = FakeServerProcess.start(flags);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    fake.reset();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    fake.close();
  }
}
