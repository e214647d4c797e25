/** Not API: the parts of {@link dev.seedream.transport.apache.ApacheHttpTransport}. */
package dev.seedream.transport.apache.internal;
