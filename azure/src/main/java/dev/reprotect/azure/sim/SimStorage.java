package dev.reprotect.azure.sim;

import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.AzureException;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.BlockHash;
import dev.reprotect.azure.BlockHashes;
import dev.reprotect.azure.BlockTransfer;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.NameRules;
import dev.reprotect.azure.PageBlob;
import dev.reprotect.azure.ResourceIds;
import dev.reprotect.azure.StorageAccount;
import dev.reprotect.azure.StorageApi;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

final class SimStorage implements StorageApi {
  private static final String BLOB_OPERATIONS =
      "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/";

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
    synchronized (world) {
      return Optional.ofNullable(world.storageAccounts.get(name));
    }
  }

  @Override
  public List<StorageAccount> storageAccounts() {
    synchronized (world) {
      return List.copyOf(world.storageAccounts.values());
    }
  }

  @Override
  public StorageAccount createStorageAccount(Caller caller, StorageAccount account) {
    if (!NameRules.isValidStorageAccountName(account.name())) {
      throw new AzureException(AzureErrorCode.InvalidResourceName,
          "storage account names have 3 to 24 lowercase letters and digits: " + account.name());
    }
    world.enter("createStorageAccount", account.location());
    return world.mutate(() -> {
      SimResources.requireResourceGroup(world, account.resourceGroup());
      StorageAccount existing = world.storageAccounts.get(account.name());
      if (existing != null) {
        if (!existing.resourceGroup().equalsIgnoreCase(account.resourceGroup())) {
          throw new AzureException(AzureErrorCode.StorageAccountAlreadyTaken,
              "storage account name " + account.name() + " is already taken");
        }
        if (!existing.location().equals(account.location())
            || !existing.kind().equals(account.kind())) {
          throw new AzureException(AzureErrorCode.Conflict, "storage account " + account.name()
              + " exists as " + existing.kind() + " in " + existing.location());
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
  public Optional<PageBlob> blob(BlobRef ref) {
    synchronized (world) {
      BlobData data = world.blobs.get(World.blobKey(ref));
      return Optional.ofNullable(data == null ? null : data.view(world.blockSize));
    }
  }

  @Override
  public List<PageBlob> blobs(String storageAccount, String container) {
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
    world.enter("createPageBlob", region);
    return world.mutate(() -> {
      BlobData existing = world.blobs.get(World.blobKey(ref));
      if (existing != null) {
        if (existing.sizeBytes() != sizeBytes) {
          throw new AzureException(AzureErrorCode.Conflict, "blob " + ref + " exists with size "
              + existing.sizeBytes() + "; resize it instead");
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
    world.enter("resizePageBlob", regionOf(ref));
    return world.mutate(() -> {
      BlobData blob = existingBlob(ref);
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
    world.enter("copyBlob", fromRegion, toRegion);
    TreeMap<Long, String> sourceBlocks;
    long size;
    synchronized (world) {
      BlobData source = existingBlob(from);
      BlobData existing = world.blobs.get(World.blobKey(to));
      if (existing != null && existing.sameContentAs(source)) {
        return existing.view(world.blockSize);
      }
      sourceBlocks = source.copyOfBlocks();
      size = source.sizeBytes();
    }
    copyBytesAcross(fromRegion, toRegion, sourceBlocks);
    return world.mutate(() -> {
      BlobData copy = new BlobData(to, toRegion, size, sourceBlocks);
      world.blobs.put(World.blobKey(to), copy);
      world.log.append(BLOB_OPERATIONS + "copy", ResourceIds.blob(to), caller);
      return copy.view(world.blockSize);
    });
  }

  @Override
  public void deleteBlob(Caller caller, BlobRef ref) {
    world.enter("deleteBlob", regionOf(ref));
    world.mutate(() -> {
      if (world.blobs.remove(World.blobKey(ref)) != null) {
        world.log.append(BLOB_OPERATIONS + "delete", ResourceIds.blob(ref), caller);
      }
    });
  }

  @Override
  public void writeBlock(Caller caller, BlobRef ref, long index, byte[] data) {
    if (data.length != world.blockSize) {
      throw new AzureException(AzureErrorCode.InvalidParameter,
          "a block has " + world.blockSize + " bytes, not " + data.length);
    }
    String region = regionOf(ref);
    world.enter("writeBlock", region);
    synchronized (world) {
      requireInside(existingBlob(ref), index);
    }
    String hash = BlockStore.isZero(data) ? null : world.blockStore(region).put(data);
    world.mutate(() -> {
      BlobData blob = existingBlob(ref);
      if (blob.setBlock(index, hash)) {
        world.log.append(BLOB_OPERATIONS + "pages/write", blockId(ref, index), caller);
      }
    });
  }

  @Override
  public byte[] readBlock(BlobRef ref, long index) {
    String region = regionOf(ref);
    world.enter("readBlock", region);
    String hash;
    synchronized (world) {
      BlobData blob = existingBlob(ref);
      requireInside(blob, index);
      hash = blob.hash(index);
    }
    return hash == null ? new byte[world.blockSize] : world.blockStore(region).get(hash);
  }

  @Override
  public BlockHashes blockHashes(
      BlobRef ref, long fromBlock, long toBlock, String deliverToRegion) {
    String region = regionOf(ref);
    world.enter("blockHashes", region, deliverToRegion);
    List<BlockHash> entries = new ArrayList<>();
    synchronized (world) {
      BlobData blob = existingBlob(ref);
      blob.blocks().subMap(fromBlock, true, toBlock, false)
          .forEach((index, hash) -> entries.add(new BlockHash(index, hash)));
    }
    long metered = world.mutate(() -> world.meter.record(
        region, deliverToRegion, (long) entries.size() * BlockHash.WIRE_BYTES));
    return new BlockHashes(fromBlock, toBlock, entries, metered);
  }

  @Override
  public BlockTransfer transferBlocks(Caller caller, BlobRef from, BlobRef to, List<Long> blocks) {
    String fromRegion = regionOf(from);
    String toRegion = regionOf(to);
    world.enter("transferBlocks", fromRegion, toRegion);
    TreeMap<Long, String> wanted = new TreeMap<>();
    TreeSet<Long> toClear = new TreeSet<>();
    synchronized (world) {
      BlobData source = existingBlob(from);
      BlobData target = existingBlob(to);
      for (long index : blocks) {
        requireInside(target, index);
        String sourceHash = source.hash(index);
        String targetHash = target.hash(index);
        if (sourceHash == null && targetHash != null) {
          toClear.add(index);
        } else if (sourceHash != null && !sourceHash.equals(targetHash)) {
          wanted.put(index, sourceHash);
        }
      }
    }
    long metered = copyBytesAcross(fromRegion, toRegion, wanted);
    world.mutate(() -> {
      BlobData target = existingBlob(to);
      wanted.forEach((index, hash) -> {
        target.setBlock(index, hash);
        world.log.append(BLOB_OPERATIONS + "pages/write", blockId(to, index), caller);
      });
      for (long index : toClear) {
        target.setBlock(index, null);
        world.log.append(BLOB_OPERATIONS + "pages/clear", blockId(to, index), caller);
      }
    });
    return new BlockTransfer(wanted.size(), toClear.size(), metered);
  }

  @Override
  public String checksum(BlobRef ref) {
    world.enter("checksum", regionOf(ref));
    synchronized (world) {
      return checksumOf(existingBlob(ref));
    }
  }

  static String checksumOf(BlobData blob) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(("size " + blob.sizeBytes() + "\n").getBytes(StandardCharsets.US_ASCII));
      blob.blocks().forEach((index, hash) ->
          digest.update((index + " " + hash + "\n").getBytes(StandardCharsets.US_ASCII)));
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Writes the blocks into the target region's store when it is another region; returns the bytes metered. */
  private long copyBytesAcross(String fromRegion, String toRegion, Map<Long, String> blocks) {
    if (fromRegion.equals(toRegion)) {
      return 0;
    }
    BlockStore source = world.blockStore(fromRegion);
    BlockStore target = world.blockStore(toRegion);
    long metered = 0;
    for (String hash : blocks.values()) {
      target.copyFrom(source, hash);
      metered += world.meter.record(fromRegion, toRegion, world.blockSize);
    }
    // Within a region a copy shares blocks; what crosses regions moves at the disk's pace.
    world.latency.moveBytes(metered);
    return metered;
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

  private void requireInside(BlobData blob, long index) {
    if (index < 0 || index >= blob.sizeBytes() / world.blockSize) {
      throw new AzureException(AzureErrorCode.InvalidParameter, "block " + index + " is outside blob " + blob.ref);
    }
  }

  private void requireAlignedSize(long sizeBytes) {
    if (sizeBytes <= 0 || sizeBytes % world.blockSize != 0) {
      throw new AzureException(AzureErrorCode.InvalidParameter,
          "a page blob's size is a positive multiple of " + world.blockSize + " bytes");
    }
  }

  private static void requireValid(BlobRef ref) {
    if (!NameRules.isValidContainerName(ref.container()) || !NameRules.isValidBlobName(ref.blob())) {
      throw new AzureException(AzureErrorCode.InvalidResourceName, "invalid blob name " + ref);
    }
  }

  private static String blockId(BlobRef ref, long index) {
    return ResourceIds.blob(ref) + "/blocks/" + index;
  }
}
