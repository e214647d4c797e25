/** Not API: the parts of the Reactor Netty transport that may change in any release. */
package dev.seedream.transport.reactor.internal;
