package dev.seedream.spi;

/**
 * Runbase's documented error body {@code {"error": {"message": ..., "code": ...}}}.
 *
 * @param message the human-readable message, or {@code null} if absent
 * @param code the error code, or {@code null} if absent
 */
public record ApiErrorBody(String message, String code) {}
