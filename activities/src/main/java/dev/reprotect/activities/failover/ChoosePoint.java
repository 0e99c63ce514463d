package dev.reprotect.activities.failover;

/** The point of the item that {@code selector} (a {@link PointSelector}) names now. */
public record ChoosePoint(String vault, String vm, String selector) {}
