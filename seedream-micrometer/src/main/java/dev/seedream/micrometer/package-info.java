/**
 * Micrometer observations and meters of what a Seedream client does: {@link
 * dev.seedream.micrometer.SeedreamObservations}, a {@link dev.seedream.SeedreamListener} to give the
 * client builder, and {@link dev.seedream.micrometer.SeedreamMeterBinder} for its gauges. Nothing
 * here is null unless marked.
 */
package dev.seedream.micrometer;
