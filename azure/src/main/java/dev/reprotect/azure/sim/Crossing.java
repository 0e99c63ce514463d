package dev.reprotect.azure.sim;

import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.BlockHash;
import dev.reprotect.azure.Caller;

/**
 * Blocks on their way from one blob in one region's store to a blob in another's. The sending
 * region hashes the bytes it sends, the receiving region hashes the bytes that arrived before it
 * stores them, under the SHA-256 of what arrived: a block corrupted on the way is detected there,
 * and never recorded under the sender's hash. The reads, writes and hashes are charged to the
 * caller when the crossing finishes.
 */
final class Crossing {
  /**
   * What the receiving region stored (null: the bytes arrived as zeros), and whether it differs
   * from what was sent.
   */
  record Arrival(String storedAs, boolean corrupted) {}

  private final World world;
  private final Caller caller;
  private final BlobRef fromBlob;
  private final BlobRef toBlob;
  private final String fromRegion;
  private final String toRegion;
  private final BlockStore from;
  private final BlockStore to;
  private long meteredBytes;
  private long readFrom;
  private long readTo;
  private long written;
  private long hashed;

  Crossing(
      World world,
      Caller caller,
      BlobRef fromBlob,
      String fromRegion,
      BlobRef toBlob,
      String toRegion) {
    this.world = world;
    this.caller = caller;
    this.fromBlob = fromBlob;
    this.toBlob = toBlob;
    this.fromRegion = fromRegion;
    this.toRegion = toRegion;
    this.from = world.blockStore(fromRegion);
    this.to = world.blockStore(toRegion);
  }

  /** The bytes of a block the sending region holds, read to be hashed and sent. */
  byte[] read(String storedAs) {
    byte[] bytes = from.get(storedAs);
    readFrom += bytes.length;
    hashed += bytes.length;
    return bytes;
  }

  /** The hash of the bytes the receiving region holds for a block, read there. */
  String receiverHash(String storedAs) {
    byte[] bytes = to.get(storedAs);
    readTo += bytes.length;
    hashed += bytes.length;
    return BlockHash.of(bytes);
  }

  /** Sends {@code sent}, whose hash the sending region computed as {@code sentHash}. */
  Arrival send(byte[] sent, String sentHash) {
    byte[] arrived = world.faults.inTransit(sent);
    meteredBytes += world.meter.record(caller, fromRegion, toRegion, sent.length);
    hashed += arrived.length;
    // The receiver's transactional check: bytes that do not hash to what was sent are not kept.
    boolean corrupted = !BlockHash.of(arrived).equals(sentHash);
    if (corrupted || BlockStore.isZero(arrived)) {
      return new Arrival(null, corrupted);
    }
    written += arrived.length;
    return new Arrival(to.put(arrived), corrupted);
  }

  /** Charges the reads, writes and hashes to the caller; returns the bytes metered across. */
  long finish() {
    world.charges.move(
        caller,
        BlobIo.read(World.blobKey(fromBlob), fromRegion, readFrom),
        new BlobIo(World.blobKey(toBlob), toRegion, readTo, written));
    world.charges.hashed(caller, hashed);
    return meteredBytes;
  }
}
