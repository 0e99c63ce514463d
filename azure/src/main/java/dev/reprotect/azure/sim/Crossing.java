package dev.reprotect.azure.sim;

import dev.reprotect.azure.BlockHash;
import dev.reprotect.azure.Caller;

/**
 * Blocks on their way from one region's store to another's. The sending region hashes the bytes
 * it sends, the receiving region hashes the bytes that arrived before it stores them, under the
 * SHA-256 of what arrived: a block corrupted on the way is detected there, and never recorded
 * under the sender's hash.
 */
final class Crossing {
  /** What the receiving region stored (null: the bytes arrived as zeros), and whether it differs from what was sent. */
  record Arrival(String storedAs, boolean corrupted) {}

  private final World world;
  private final Caller caller;
  private final String fromRegion;
  private final String toRegion;
  private final BlockStore from;
  private final BlockStore to;
  private long meteredBytes;

  Crossing(World world, Caller caller, String fromRegion, String toRegion) {
    this.world = world;
    this.caller = caller;
    this.fromRegion = fromRegion;
    this.toRegion = toRegion;
    this.from = world.blockStore(fromRegion);
    this.to = world.blockStore(toRegion);
  }

  /** The bytes of a block the sending region holds. */
  byte[] read(String storedAs) {
    return from.get(storedAs);
  }

  /** The hash of the bytes the receiving region holds for a block. */
  String receiverHash(String storedAs) {
    return BlockHash.of(to.get(storedAs));
  }

  /** Sends {@code sent}, whose hash the sending region computed as {@code sentHash}. */
  Arrival send(byte[] sent, String sentHash) {
    byte[] arrived = world.faults.inTransit(sent);
    meteredBytes += world.meter.record(caller, fromRegion, toRegion, sent.length);
    boolean corrupted = !BlockHash.of(arrived).equals(sentHash);
    return new Arrival(BlockStore.isZero(arrived) ? null : to.put(arrived), corrupted);
  }

  /** Takes the time the bytes sent need at the disk's pace; returns the bytes metered. */
  long finish() {
    world.latency.moveBytes(meteredBytes);
    return meteredBytes;
  }
}
