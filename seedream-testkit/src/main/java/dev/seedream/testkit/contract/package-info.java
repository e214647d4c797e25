/**
 * The contract suite: an abstract JUnit 5 test class that every transport, and every client built
 * on the engine, extends to prove the documented behaviour against {@link
 * dev.seedream.testkit.FakeRunbase}. Needs {@code junit-jupiter-api} and {@code
 * junit-jupiter-params} on the test classpath.
 */
package dev.seedream.testkit.contract;
