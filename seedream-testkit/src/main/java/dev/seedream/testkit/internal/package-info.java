/**
 * The fake's machinery: its state and rules ({@code FakeEngine}), the WireMock extensions that
 * serve it, the PNG writer and the runnable jar's entry point. Not API: free to change.
 */
package dev.seedream.testkit.internal;
