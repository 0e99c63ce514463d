package dev.reprotect.azure;

/**
 * Who asks for a mutating operation: the correlation id lands in the activity log (an activity
 * passes its workflow id, activity id and attempt, so a retry is told apart from a repeat).
 */
public record Caller(String correlationId) {
  public Caller {
    if (correlationId == null || correlationId.isBlank()) {
      throw new IllegalArgumentException("a caller needs a correlation id");
    }
  }

  public static Caller of(String correlationId) {
    return new Caller(correlationId);
  }
}
