package dev.reprotect.azure;

import java.time.Instant;

/**
 * A hold of a VM's writes by its guest agent, so that snapshots of its disks taken meanwhile show
 * one instant. It ends when released, or by itself at {@code expiresAt} (like VSS's freeze limit):
 * a caller that dies never freezes the guest. {@code quiesced} when the guest's applications
 * acknowledged a quiesce asked for with the hold (an app-consistent point).
 */
public record WriteHold(
    String id,
    String resourceGroup,
    String vm,
    Instant heldAt,
    Instant expiresAt,
    boolean quiesced,
    State state) {
  public enum State {
    /** Writes wait. */
    Held,
    /** Released by its caller before it expired: every write waited until then. */
    Released,
    /** Its limit passed first: the guest wrote again, perhaps before the caller was done. */
    Expired
  }

  public WriteHold withState(State newState) {
    return new WriteHold(id, resourceGroup, vm, heldAt, expiresAt, quiesced, newState);
  }
}
