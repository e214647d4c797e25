/**
 * A stateful fake of the Runbase API for {@code bytedance/seedream-4.5}, for tests: {@link
 * dev.seedream.testkit.FakeRunbase} (plain Java), {@link dev.seedream.testkit.FakeRunbaseExtension}
 * and {@link dev.seedream.testkit.WithFakeRunbase} (JUnit 5), and a runnable jar for other languages.
 *
 * <p>Nothing in this package is null unless marked {@code Optional}.
 */
package dev.seedream.testkit;
