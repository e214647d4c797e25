/**
 * Test support for Spring apps: {@link dev.seedream.spring.boot.test.AutoConfigureSeedreamFake}.
 * Nothing here is null unless marked.
 */
package dev.seedream.spring.boot.test;
