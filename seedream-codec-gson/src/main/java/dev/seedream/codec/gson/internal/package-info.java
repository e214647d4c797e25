/** Not API: the readers and writers behind {@link dev.seedream.codec.gson.GsonJsonCodec}. */
package dev.seedream.codec.gson.internal;
