package dev.reprotect.activities.failover;

/**
 * The point of the item that {@code selector} (a {@link PointSelector}) names now, chosen by the
 * claim of {@code operationId}, which pins it on the item (null in a request made before points
 * were pinned).
 */
public record ChoosePoint(String vault, String vm, String selector, String operationId) {}
