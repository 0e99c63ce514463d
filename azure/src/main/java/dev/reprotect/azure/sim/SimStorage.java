package dev.reprotect.azure.sim;

import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.AzureException;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.BlobSnapshot;
import dev.reprotect.azure.BlockHash;
import dev.reprotect.azure.BlockHashes;
import dev.reprotect.azure.BlockTransfer;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.ContentHash;
import dev.reprotect.azure.NameRules;
import dev.reprotect.azure.PageBlob;
import dev.reprotect.azure.PageRange;
import dev.reprotect.azure.PageRanges;
import dev.reprotect.azure.ResourceIds;
import dev.reprotect.azure.StorageAccount;
import dev.reprotect.azure.StorageApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;

final class SimStorage implements StorageApi {
  private static final String BLOB_OPERATIONS =
      "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/";

  /** A block's name in the source's store, and in the target's (null when unallocated there). */
  private record BlockNames(String source, String target) {}

  /** How often copyBlob sends a block that keeps arriving corrupted before it gives up. */
  static final int SENDS_PER_BLOCK = 4;

  private final World world;

  SimStorage(World world) {
    this.world = world;
  }

  @Override
  public int blockSize() {
    return world.blockSize;
  }

  @Override
  public Optional<StorageAccount> storageAccount(String name) {
    world.enter(null, "storageAccount");
    synchronized (world) {
      return Optional.ofNullable(world.storageAccounts.get(name));
    }
  }

  @Override
  public List<StorageAccount> storageAccounts() {
    world.enter(null, "storageAccounts");
    synchronized (world) {
      return List.copyOf(world.storageAccounts.values());
    }
  }

  @Override
  public StorageAccount createStorageAccount(Caller caller, StorageAccount account) {
    if (!NameRules.isValidStorageAccountName(account.name())) {
      throw new AzureException(
          AzureErrorCode.InvalidResourceName,
          "storage account names have 3 to 24 lowercase letters and digits: " + account.name());
    }
    world.enter(caller, "createStorageAccount", account.location());
    return world.mutate(
        () -> {
          SimResources.requireResourceGroup(world, account.resourceGroup());
          StorageAccount existing = world.storageAccounts.get(account.name());
          if (existing != null) {
            if (!existing.resourceGroup().equalsIgnoreCase(account.resourceGroup())) {
              throw new AzureException(
                  AzureErrorCode.StorageAccountAlreadyTaken,
                  "storage account name " + account.name() + " is already taken");
            }
            if (!existing.location().equals(account.location())
                || !existing.kind().equals(account.kind())) {
              throw new AzureException(
                  AzureErrorCode.Conflict,
                  "storage account "
                      + account.name()
                      + " exists as "
                      + existing.kind()
                      + " in "
                      + existing.location());
            }
            if (existing.equals(account)) {
              return existing;
            }
          }
          world.storageAccounts.put(account.name(), account);
          world.log.append("Microsoft.Storage/storageAccounts/write", account.id(), caller);
          return account;
        });
  }

  @Override
  public void deleteStorageAccount(Caller caller, String name) {
    StorageAccount found;
    synchronized (world) {
      found = world.storageAccounts.get(name);
    }
    if (found == null) {
      return;
    }
    world.enter(caller, "deleteStorageAccount", found.location());
    world.mutate(
        () -> {
          StorageAccount account = world.storageAccounts.get(name);
          if (account == null) {
            return;
          }
          String prefix = account.name() + "/";
          boolean holdsBlobs =
              world.blobs.entrySet().stream().anyMatch(blob -> blob.getKey().startsWith(prefix));
          if (holdsBlobs) {
            throw new AzureException(
                AzureErrorCode.Conflict,
                "storage account " + name + " still holds blobs; it stays");
          }
          world.storageAccounts.remove(name);
          world.log.append("Microsoft.Storage/storageAccounts/delete", account.id(), caller);
        });
  }

  @Override
  public Optional<PageBlob> blob(BlobRef ref) {
    world.enter(null, "blob");
    synchronized (world) {
      BlobData data = world.blobs.get(World.blobKey(ref));
      return Optional.ofNullable(data == null ? null : data.view(world.blockSize));
    }
  }

  @Override
  public List<PageBlob> blobs(String storageAccount, String container) {
    world.enter(null, "blobs");
    synchronized (world) {
      String prefix = storageAccount + "/" + container + "/";
      List<PageBlob> found = new ArrayList<>();
      for (Map.Entry<String, BlobData> entry : world.blobs.entrySet()) {
        if (entry.getKey().startsWith(prefix)) {
          found.add(entry.getValue().view(world.blockSize));
        }
      }
      return found;
    }
  }

  @Override
  public PageBlob createPageBlob(Caller caller, BlobRef ref, long sizeBytes) {
    requireValid(ref);
    requireAlignedSize(sizeBytes);
    String region = regionOf(ref);
    world.enter(caller, "createPageBlob", region);
    return world.mutate(
        () -> {
          BlobData existing = world.blobs.get(World.blobKey(ref));
          if (existing != null) {
            if (existing.sizeBytes() != sizeBytes) {
              throw new AzureException(
                  AzureErrorCode.Conflict,
                  "blob "
                      + ref
                      + " exists with size "
                      + existing.sizeBytes()
                      + "; resize it instead");
            }
            return existing.view(world.blockSize);
          }
          BlobData created = new BlobData(ref, region, sizeBytes, new TreeMap<>());
          world.blobs.put(World.blobKey(ref), created);
          world.log.append(BLOB_OPERATIONS + "write", ResourceIds.blob(ref), caller);
          return created.view(world.blockSize);
        });
  }

  @Override
  public PageBlob resizePageBlob(Caller caller, BlobRef ref, long sizeBytes) {
    requireAlignedSize(sizeBytes);
    world.enter(caller, "resizePageBlob", regionOf(ref));
    return world.mutate(
        () -> {
          BlobData blob = existingBlob(ref);
          requireWritable(ref);
          if (blob.sizeBytes() != sizeBytes) {
            blob.resize(sizeBytes, world.blockSize);
            world.log.append(BLOB_OPERATIONS + "resize", ResourceIds.blob(ref), caller);
          }
          return blob.view(world.blockSize);
        });
  }

  @Override
  public PageBlob copyBlob(Caller caller, BlobRef from, BlobRef to) {
    requireValid(to);
    String fromRegion = regionOf(from);
    String toRegion = regionOf(to);
    world.enter(caller, "copyBlob", fromRegion, toRegion);
    boolean acrossRegions = !fromRegion.equals(toRegion);
    TreeMap<Long, String> sourceBlocks;
    long size;
    TreeMap<Long, String> existingBlocks = null;
    synchronized (world) {
      BlobData source = existingBlob(from);
      requireWritable(to);
      BlobData existing = world.blobs.get(World.blobKey(to));
      // Within a region equal block names are the same files; across regions only the bytes tell.
      if (existing != null && !acrossRegions && existing.sameContentAs(source)) {
        return existing.view(world.blockSize);
      }
      sourceBlocks = source.copyOfBlocks();
      size = source.sizeBytes();
      if (existing != null && acrossRegions && existing.sizeBytes() == size) {
        existingBlocks = existing.copyOfBlocks();
      }
    }
    if (existingBlocks != null
        && checksumOf(caller, to, toRegion, size, existingBlocks)
            .equals(checksumOf(caller, from, fromRegion, size, sourceBlocks))) {
      synchronized (world) {
        return existingBlob(to).view(world.blockSize);
      }
    }
    TreeMap<Long, String> copied =
        acrossRegions
            ? sendBlobAcross(
                to, sourceBlocks, new Crossing(world, caller, from, fromRegion, to, toRegion))
            : copyWithinRegion(caller, from, to, fromRegion, sourceBlocks);
    return world.mutate(
        () -> {
          BlobData copy = new BlobData(to, toRegion, size, copied);
          world.blobs.put(World.blobKey(to), copy);
          world.log.append(BLOB_OPERATIONS + "copy", ResourceIds.blob(to), caller);
          return copy.view(world.blockSize);
        });
  }

  /**
   * A copy within a region shares the source's blocks (copy-on-write). Within one storage account
   * Azure completes it synchronously: the new blob is made of the source's stored pages, so no
   * bytes move and only the call is charged. Between two accounts storage reads and writes the
   * bytes, at its copy rate. Returns the copy's block map.
   */
  private TreeMap<Long, String> copyWithinRegion(
      Caller caller, BlobRef from, BlobRef to, String region, TreeMap<Long, String> blocks) {
    if (from.storageAccount().equalsIgnoreCase(to.storageAccount())) {
      return blocks;
    }
    long bytes = (long) blocks.size() * world.blockSize;
    world.charges.copy(
        caller,
        BlobIo.read(World.blobKey(from), region, bytes),
        BlobIo.written(World.blobKey(to), region, bytes));
    return blocks;
  }

  /**
   * Sends every block of a blob to another region, each sent again while it arrives corrupted, up
   * to {@link #SENDS_PER_BLOCK} times; returns the block map of what the receiving region holds.
   */
  private TreeMap<Long, String> sendBlobAcross(
      BlobRef to, Map<Long, String> blocks, Crossing crossing) {
    TreeMap<Long, String> received = new TreeMap<>();
    try {
      blocks.forEach(
          (index, storedAs) -> {
            byte[] sent = crossing.read(storedAs);
            String sentHash = BlockHash.of(sent);
            Crossing.Arrival arrival = crossing.send(sent, sentHash);
            for (int send = 1; arrival.corrupted(); send++) {
              if (send == SENDS_PER_BLOCK) {
                throw new AzureException(
                    AzureErrorCode.InternalServerError,
                    "block "
                        + index
                        + " of the copy to "
                        + to
                        + " arrived corrupted "
                        + send
                        + " times; retry the copy");
              }
              arrival = crossing.send(sent, sentHash);
            }
            if (arrival.storedAs() != null) {
              received.put(index, arrival.storedAs());
            }
          });
    } finally {
      crossing.finish();
    }
    return received;
  }

  @Override
  public void deleteBlob(Caller caller, BlobRef ref) {
    world.enter(caller, "deleteBlob", regionOf(ref));
    world.mutate(
        () -> {
          if (world.removeBlob(ref)) {
            world.log.append(BLOB_OPERATIONS + "delete", ResourceIds.blob(ref), caller);
          }
        });
  }

  @Override
  public BlobSnapshot snapshotBlob(
      Caller caller, BlobRef base, BlobRef snapshot, Map<String, String> metadata) {
    requireValid(snapshot);
    if (!snapshot.storageAccount().equals(base.storageAccount())) {
      throw new AzureException(
          AzureErrorCode.InvalidParameter,
          "a snapshot of "
              + base
              + " lives in its storage account, not in "
              + snapshot.storageAccount());
    }
    world.enter(caller, "snapshotBlob", regionOf(base));
    return world.mutate(
        () -> {
          BlobData source = existingBlob(base);
          if (world.snapshots.containsKey(World.blobKey(base))) {
            throw new AzureException(
                AzureErrorCode.InvalidParameter,
                base + " is a snapshot: a snapshot is taken of a base blob");
          }
          BlobSnapshot existing = world.snapshots.get(World.blobKey(snapshot));
          if (existing != null
              && existing.base().equals(base)
              && existing.metadata().equals(metadata)) {
            return existing;
          }
          if (existing != null || world.blobs.containsKey(World.blobKey(snapshot))) {
            throw new AzureException(AzureErrorCode.Conflict, snapshot + " exists already");
          }
          // It shares the base's blocks as they are now: metadata only, no bytes copied.
          world.blobs.put(
              World.blobKey(snapshot),
              new BlobData(snapshot, source.region, source.sizeBytes(), source.copyOfBlocks()));
          BlobSnapshot taken =
              new BlobSnapshot(snapshot, base, world.clock.instant(), source.sizeBytes(), metadata);
          world.snapshots.put(World.blobKey(snapshot), taken);
          world.log.append(BLOB_OPERATIONS + "snapshot", ResourceIds.blob(snapshot), caller);
          return taken;
        });
  }

  @Override
  public Optional<BlobSnapshot> snapshot(BlobRef ref) {
    world.enter(null, "snapshot");
    synchronized (world) {
      return Optional.ofNullable(world.snapshots.get(World.blobKey(ref)));
    }
  }

  @Override
  public List<BlobSnapshot> snapshots(String storageAccount, String container, String prefix) {
    world.enter(null, "snapshots");
    String keyPrefix = storageAccount + "/" + container + "/" + prefix;
    synchronized (world) {
      return world.snapshots.entrySet().stream()
          .filter(entry -> entry.getKey().startsWith(keyPrefix))
          .map(Map.Entry::getValue)
          .toList();
    }
  }

  @Override
  public void writeBlock(Caller caller, BlobRef ref, long index, byte[] data, String contentMd5) {
    if (data.length != world.blockSize) {
      throw new AzureException(
          AzureErrorCode.InvalidParameter,
          "a block has " + world.blockSize + " bytes, not " + data.length);
    }
    ContentHash.check(data, contentMd5);
    String region = regionOf(ref);
    world.enter(caller, "writeBlock", region);
    synchronized (world) {
      requireInside(existingBlob(ref), index);
      requireWritable(ref);
    }
    String stored = store(caller, ref, region, data);
    world.mutate(
        () -> {
          BlobData blob = existingBlob(ref);
          if (blob.setBlock(index, stored)) {
            world.log.append(BLOB_OPERATIONS + "pages/write", blockId(ref, index), caller);
          }
        });
  }

  /**
   * Puts a written block in the region's store, its write charged, and returns its name there; a
   * block of zeros clears its pages instead: metadata only, nothing stored (null).
   */
  private String store(Caller caller, BlobRef ref, String region, byte[] data) {
    if (BlockStore.isZero(data)) {
      return null;
    }
    world.charges.move(caller, BlobIo.written(World.blobKey(ref), region, data.length));
    return world.blockStore(region).put(data);
  }

  @Override
  public byte[] readBlock(Caller caller, BlobRef ref, long index) {
    String region = regionOf(ref);
    world.enter(caller, "readBlock", region);
    String hash;
    synchronized (world) {
      BlobData blob = existingBlob(ref);
      requireInside(blob, index);
      hash = blob.hash(index);
    }
    if (hash == null) {
      return new byte[world.blockSize];
    }
    world.charges.move(caller, BlobIo.read(World.blobKey(ref), region, world.blockSize));
    return world.blockStore(region).get(hash);
  }

  @Override
  public BlockHashes blockHashes(
      Caller caller, BlobRef ref, long fromBlock, long toBlock, String deliverToRegion) {
    String region = regionOf(ref);
    world.enter(caller, "blockHashes", region, deliverToRegion);
    TreeMap<Long, String> range;
    synchronized (world) {
      range = new TreeMap<>(existingBlob(ref).blocks().subMap(fromBlock, true, toBlock, false));
    }
    List<BlockHash> entries = new ArrayList<>();
    forEachAllocatedBlock(
        caller,
        ref,
        region,
        range,
        (index, bytes) -> entries.add(new BlockHash(index, BlockHash.of(bytes))));
    long metered =
        world.mutate(
            () ->
                world.meter.record(
                    caller, region, deliverToRegion, (long) entries.size() * BlockHash.WIRE_BYTES));
    return new BlockHashes(fromBlock, toBlock, entries, metered);
  }

  @Override
  public PageRanges pageRanges(
      Caller caller, BlobRef ref, long fromBlock, long toBlock, int maxRanges) {
    requireListing(fromBlock, toBlock, maxRanges);
    world.enter(caller, "pageRanges", regionOf(ref));
    synchronized (world) {
      BlobData blob = existingBlob(ref);
      long end = Math.min(toBlock, blob.sizeBytes() / world.blockSize);
      return rangesOf(
          fromBlock < end ? blob.blocks().subMap(fromBlock, true, end, false).keySet() : List.of(),
          toBlock,
          maxRanges);
    }
  }

  @Override
  public PageRanges pageRangesDiff(
      Caller caller, BlobRef ref, BlobRef previous, long fromBlock, long toBlock, int maxRanges) {
    requireListing(fromBlock, toBlock, maxRanges);
    requireEarlierSnapshot(ref, previous);
    world.enter(caller, "pageRangesDiff", regionOf(ref));
    synchronized (world) {
      BlobData now = existingBlob(ref);
      BlobData before = existingBlob(previous);
      long end = Math.min(toBlock, now.sizeBytes() / world.blockSize);
      return rangesOf(
          BlobData.differingBlocks(now.blocks(), before.blocks(), fromBlock, end),
          toBlock,
          maxRanges);
    }
  }

  /**
   * The runs of consecutive blocks among {@code ascending}, at most {@code maxRanges}; a page cut
   * short says it scanned up to the first block it left out.
   */
  private static PageRanges rangesOf(Iterable<Long> ascending, long toBlock, int maxRanges) {
    List<PageRange> ranges = new ArrayList<>();
    long first = -1;
    long next = -1;
    for (long index : ascending) {
      if (index == next) {
        next++;
        continue;
      }
      if (first >= 0) {
        ranges.add(new PageRange(first, next - first));
        if (ranges.size() == maxRanges) {
          return new PageRanges(ranges, index);
        }
      }
      first = index;
      next = index + 1;
    }
    if (first >= 0) {
      ranges.add(new PageRange(first, next - first));
    }
    return new PageRanges(ranges, toBlock);
  }

  /**
   * Azure diffs a blob or snapshot only against an earlier snapshot of the same base blob (or of
   * the blob itself): there is no diff between unrelated blobs.
   */
  private void requireEarlierSnapshot(BlobRef ref, BlobRef previous) {
    synchronized (world) {
      BlobSnapshot now = world.snapshots.get(World.blobKey(ref));
      BlobSnapshot before = world.snapshots.get(World.blobKey(previous));
      BlobRef base = now == null ? ref : now.base();
      if (before == null
          || !before.base().equals(base)
          || (now != null && before.time().isAfter(now.time()))) {
        throw new AzureException(
            AzureErrorCode.InvalidParameter,
            "the previous snapshot " + previous + " is not an earlier snapshot of " + base);
      }
    }
  }

  private static void requireListing(long fromBlock, long toBlock, int maxRanges) {
    if (fromBlock < 0 || toBlock < fromBlock) {
      throw new AzureException(
          AzureErrorCode.InvalidParameter,
          "the block range [" + fromBlock + ", " + toBlock + ") is not a range");
    }
    if (maxRanges < 1) {
      throw new AzureException(
          AzureErrorCode.InvalidParameter,
          "a page of page ranges holds at least one range, not " + maxRanges);
    }
  }

  @Override
  public BlockTransfer transferBlocks(Caller caller, BlobRef from, BlobRef to, List<Long> blocks) {
    String fromRegion = regionOf(from);
    String toRegion = regionOf(to);
    int call = world.enter(caller, "transferBlocks", fromRegion, toRegion);
    TreeMap<Long, BlockNames> candidates = new TreeMap<>();
    TreeSet<Long> toClear = new TreeSet<>();
    synchronized (world) {
      BlobData source = existingBlob(from);
      BlobData target = existingBlob(to);
      requireWritable(to);
      for (long index : blocks) {
        requireInside(target, index);
        String sourceHash = source.hash(index);
        String targetHash = target.hash(index);
        if (sourceHash == null && targetHash != null) {
          toClear.add(index);
        } else if (sourceHash != null
            && (!fromRegion.equals(toRegion) || !sourceHash.equals(targetHash))) {
          candidates.put(index, new BlockNames(sourceHash, targetHash));
        }
      }
    }
    TreeMap<Long, String> written = new TreeMap<>();
    List<Long> corrupted = new ArrayList<>();
    long metered = 0;
    if (fromRegion.equals(toRegion)) {
      // The target shares the source's block, but storage reads and writes its pages all the same.
      candidates.forEach((index, names) -> written.put(index, names.source()));
      long bytes = (long) candidates.size() * world.blockSize;
      world.charges.move(
          caller,
          BlobIo.read(World.blobKey(from), fromRegion, bytes),
          BlobIo.written(World.blobKey(to), toRegion, bytes));
    } else {
      metered =
          sendBlocksAcross(
              new Crossing(world, caller, from, fromRegion, to, toRegion),
              candidates,
              written,
              corrupted);
    }
    world.mutate(
        () -> {
          BlobData target = existingBlob(to);
          written.forEach(
              (index, hash) -> {
                target.setBlock(index, hash);
                world.log.append(BLOB_OPERATIONS + "pages/write", blockId(to, index), caller);
              });
          for (long index : toClear) {
            target.setBlock(index, null);
            world.log.append(BLOB_OPERATIONS + "pages/clear", blockId(to, index), caller);
          }
        });
    world.faults.afterApplied("transferBlocks", call);
    return new BlockTransfer(written.size(), toClear.size(), metered, corrupted);
  }

  /**
   * Sends the candidate blocks the receiving region does not hold already, once each; returns the
   * bytes metered. A block the receiver recorded under another hash than the bytes sent is sent
   * without reading it there (what changed since the last shipment, on every cycle); one recorded
   * under the same hash is read and kept only if its bytes still hash to what was sent, so a block
   * damaged at rest is repaired, not trusted by its name.
   */
  private static long sendBlocksAcross(
      Crossing crossing,
      Map<Long, BlockNames> candidates,
      Map<Long, String> written,
      List<Long> corrupted) {
    candidates.forEach(
        (index, names) -> {
          byte[] sent = crossing.read(names.source());
          String sentHash = BlockHash.of(sent);
          if (names.target() != null
              && names.target().equals(BlockStore.sha256(sent))
              && crossing.receiverHash(names.target()).equals(sentHash)) {
            return;
          }
          Crossing.Arrival arrival = crossing.send(sent, sentHash);
          if (arrival.corrupted()) {
            corrupted.add(index);
          } else {
            written.put(index, arrival.storedAs());
          }
        });
    return crossing.finish();
  }

  @Override
  public String checksum(Caller caller, BlobRef ref) {
    String region = regionOf(ref);
    world.enter(caller, "checksum", region);
    long size;
    TreeMap<Long, String> blocks;
    synchronized (world) {
      BlobData blob = existingBlob(ref);
      size = blob.sizeBytes();
      blocks = blob.copyOfBlocks();
    }
    return checksumOf(caller, ref, region, size, blocks);
  }

  /** The blob's digest over the hashes of its allocated blocks' bytes, read in {@code region}. */
  private String checksumOf(
      Caller caller, BlobRef ref, String region, long size, Map<Long, String> blocks) {
    TreeMap<Long, String> hashes = new TreeMap<>();
    forEachAllocatedBlock(
        caller, ref, region, blocks, (index, bytes) -> hashes.put(index, BlockStore.sha256(bytes)));
    return BlobDigest.of(size, hashes);
  }

  @Override
  public String recordedChecksum(Caller caller, BlobRef ref) {
    world.enter(caller, "recordedChecksum", regionOf(ref));
    synchronized (world) {
      return recordedChecksum(existingBlob(ref));
    }
  }

  /** The digest from the names the blob's blocks were stored under: nothing is read. */
  static String recordedChecksum(BlobData blob) {
    return BlobDigest.of(blob.sizeBytes(), blob.blocks());
  }

  /**
   * Reads the blocks of a blob's block map from the region's store, in index order, and hands over,
   * to be hashed, the ones whose bytes are not all zeros (zeros are unallocated space, wherever
   * they come from). The caller is charged every block read and every block hashed.
   */
  private void forEachAllocatedBlock(
      Caller caller,
      BlobRef ref,
      String region,
      Map<Long, String> blocks,
      BiConsumer<Long, byte[]> consumer) {
    world.charges.move(
        caller, BlobIo.read(World.blobKey(ref), region, (long) blocks.size() * world.blockSize));
    BlockStore store = world.blockStore(region);
    long[] hashed = {0};
    blocks.forEach(
        (index, storedAs) -> {
          byte[] bytes = store.get(storedAs);
          if (!BlockStore.isZero(bytes)) {
            hashed[0] += bytes.length;
            consumer.accept(index, bytes);
          }
        });
    world.charges.hashed(caller, hashed[0]);
  }

  private String regionOf(BlobRef ref) {
    synchronized (world) {
      StorageAccount account = world.storageAccounts.get(ref.storageAccount());
      if (account == null) {
        throw AzureException.notFound("storage account " + ref.storageAccount());
      }
      return account.location();
    }
  }

  private BlobData existingBlob(BlobRef ref) {
    BlobData blob = world.blobs.get(World.blobKey(ref));
    if (blob == null) {
      throw AzureException.notFound("blob " + ref);
    }
    return blob;
  }

  /** A snapshot is read-only, as Azure's are. */
  private void requireWritable(BlobRef ref) {
    if (world.snapshots.containsKey(World.blobKey(ref))) {
      throw new AzureException(AzureErrorCode.InvalidParameter, ref + " is a snapshot: read-only");
    }
  }

  private void requireInside(BlobData blob, long index) {
    if (index < 0 || index >= blob.sizeBytes() / world.blockSize) {
      throw new AzureException(
          AzureErrorCode.InvalidParameter, "block " + index + " is outside blob " + blob.ref);
    }
  }

  private void requireAlignedSize(long sizeBytes) {
    if (sizeBytes <= 0 || sizeBytes % world.blockSize != 0) {
      throw new AzureException(
          AzureErrorCode.InvalidParameter,
          "a page blob's size is a positive multiple of " + world.blockSize + " bytes");
    }
  }

  private static void requireValid(BlobRef ref) {
    if (!NameRules.isValidContainerName(ref.container())
        || !NameRules.isValidBlobName(ref.blob())) {
      throw new AzureException(AzureErrorCode.InvalidResourceName, "invalid blob name " + ref);
    }
  }

  private static String blockId(BlobRef ref, long index) {
    return ResourceIds.blob(ref) + "/blocks/" + index;
  }
}
