/**
 * The JSON codec of seedream-java on Gson: {@link dev.seedream.codec.gson.GsonJsonCodec}, found by
 * {@link java.util.ServiceLoader}. Nothing here is null unless marked.
 */
package dev.seedream.codec.gson;
