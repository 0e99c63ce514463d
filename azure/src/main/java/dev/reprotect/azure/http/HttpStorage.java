package dev.reprotect.azure.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.BlobSnapshot;
import dev.reprotect.azure.BlockHashes;
import dev.reprotect.azure.BlockTransfer;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.PageBlob;
import dev.reprotect.azure.PageRanges;
import dev.reprotect.azure.StorageAccount;
import dev.reprotect.azure.StorageApi;
import dev.reprotect.azure.arm.ArmJson;
import dev.reprotect.azure.arm.ArmPaths;
import dev.reprotect.azure.arm.PathTemplate;
import dev.reprotect.azure.arm.StorageJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class HttpStorage implements StorageApi {
  /**
   * Block indices per transferBlocks request: about 40 KiB of JSON, under the service's 64 KiB cap.
   * Each block's transfer stands alone, so a list is sent in slices and the outcomes summed.
   */
  static final int BLOCKS_PER_TRANSFER = 4096;

  private final ArmHttpClient client;
  private volatile Integer blockSize;

  HttpStorage(ArmHttpClient client) {
    this.client = client;
  }

  @Override
  public int blockSize() {
    Integer known = blockSize;
    if (known == null) {
      known = ArmJson.requireInt(client.get(ArmPaths.PAGE_BLOB_SETTINGS.expand()), "blockSize");
      blockSize = known;
    }
    return known;
  }

  @Override
  public Optional<StorageAccount> storageAccount(String name) {
    return client.find(ArmPaths.STORAGE_ACCOUNT_BY_NAME, name).map(StorageJson::storageAccount);
  }

  @Override
  public List<StorageAccount> storageAccounts() {
    return ArmJson.fromList(
        client.get(ArmPaths.STORAGE_ACCOUNTS.expand()), StorageJson::storageAccount);
  }

  @Override
  public StorageAccount createStorageAccount(Caller caller, StorageAccount account) {
    return StorageJson.storageAccount(
        client.put(
            caller,
            ArmPaths.STORAGE_ACCOUNT.expand(account.resourceGroup(), account.name()),
            StorageJson.storageAccount(account)));
  }

  @Override
  public void deleteStorageAccount(Caller caller, String name) {
    Optional<StorageAccount> found = storageAccount(name);
    if (found.isPresent()) {
      client.delete(caller, ArmPaths.STORAGE_ACCOUNT, found.get().resourceGroup(), name);
    }
  }

  @Override
  public Optional<PageBlob> blob(BlobRef ref) {
    return client
        .find(ArmPaths.BLOB, ref.storageAccount(), ref.container(), ref.blob())
        .map(StorageJson::pageBlob);
  }

  @Override
  public List<PageBlob> blobs(String storageAccount, String container) {
    return ArmJson.fromList(
        client.get(ArmPaths.BLOBS.expand(storageAccount, container)), StorageJson::pageBlob);
  }

  @Override
  public PageBlob createPageBlob(Caller caller, BlobRef ref, long sizeBytes) {
    return StorageJson.pageBlob(client.put(caller, path(ArmPaths.BLOB, ref), size(sizeBytes)));
  }

  @Override
  public PageBlob resizePageBlob(Caller caller, BlobRef ref, long sizeBytes) {
    return StorageJson.pageBlob(
        client.post(caller, path(ArmPaths.BLOB_RESIZE, ref), size(sizeBytes)));
  }

  @Override
  public PageBlob copyBlob(Caller caller, BlobRef from, BlobRef to) {
    return StorageJson.pageBlob(client.post(caller, copyPath(to), copyBody(from)));
  }

  static String copyPath(BlobRef to) {
    return path(ArmPaths.BLOB_COPY, to);
  }

  static ObjectNode copyBody(BlobRef from) {
    ObjectNode body = ArmJson.object();
    body.set("source", StorageJson.blobRef(from));
    return body;
  }

  @Override
  public void deleteBlob(Caller caller, BlobRef ref) {
    client.delete(caller, path(ArmPaths.BLOB, ref));
  }

  @Override
  public BlobSnapshot snapshotBlob(
      Caller caller, BlobRef base, BlobRef snapshot, Map<String, String> metadata) {
    return StorageJson.snapshot(
        client.put(
            caller,
            path(ArmPaths.SNAPSHOT, snapshot),
            StorageJson.snapshotRequest(base, metadata)));
  }

  @Override
  public Optional<BlobSnapshot> snapshot(BlobRef ref) {
    return client
        .find(ArmPaths.SNAPSHOT, ref.storageAccount(), ref.container(), ref.blob())
        .map(StorageJson::snapshot);
  }

  @Override
  public List<BlobSnapshot> snapshots(String storageAccount, String container, String prefix) {
    return ArmJson.fromList(
        client.get(
            ArmPaths.SNAPSHOTS.expand(storageAccount, container)
                + ArmPaths.query("prefix", prefix)),
        StorageJson::snapshot);
  }

  @Override
  public void writeBlock(Caller caller, BlobRef ref, long index, byte[] data, String contentMd5) {
    client.putBytes(caller, blockPath(ref, index), data, contentMd5);
  }

  @Override
  public byte[] readBlock(Caller caller, BlobRef ref, long index) {
    return client.getBytes(caller, blockPath(ref, index));
  }

  @Override
  public BlockHashes blockHashes(
      Caller caller, BlobRef ref, long fromBlock, long toBlock, String deliverToRegion) {
    return StorageJson.blockHashes(
        client.get(
            caller,
            path(ArmPaths.BLOB_BLOCK_HASHES, ref)
                + ArmPaths.query(
                    "fromBlock",
                    Long.toString(fromBlock),
                    "toBlock",
                    Long.toString(toBlock),
                    "deliverToRegion",
                    deliverToRegion)));
  }

  @Override
  public PageRanges pageRanges(
      Caller caller, BlobRef ref, long fromBlock, long toBlock, int maxRanges) {
    return StorageJson.pageRanges(
        client.get(
            caller,
            path(ArmPaths.BLOB_PAGE_RANGES, ref)
                + ArmPaths.query(
                    "fromBlock",
                    Long.toString(fromBlock),
                    "toBlock",
                    Long.toString(toBlock),
                    "maxRanges",
                    Integer.toString(maxRanges))));
  }

  @Override
  public PageRanges pageRangesDiff(
      Caller caller, BlobRef ref, BlobRef previous, long fromBlock, long toBlock, int maxRanges) {
    return StorageJson.pageRanges(
        client.get(
            caller,
            path(ArmPaths.BLOB_PAGE_RANGES, ref)
                + ArmPaths.query(
                    "fromBlock",
                    Long.toString(fromBlock),
                    "toBlock",
                    Long.toString(toBlock),
                    "maxRanges",
                    Integer.toString(maxRanges),
                    "previousAccount",
                    previous.storageAccount(),
                    "previousContainer",
                    previous.container(),
                    "previousBlob",
                    previous.blob())));
  }

  @Override
  public BlockTransfer transferBlocks(Caller caller, BlobRef from, BlobRef to, List<Long> blocks) {
    long copied = 0;
    long cleared = 0;
    long metered = 0;
    List<Long> corrupted = new ArrayList<>();
    int slice = 0;
    do {
      List<Long> part = blocks.subList(slice, Math.min(blocks.size(), slice + BLOCKS_PER_TRANSFER));
      BlockTransfer done =
          StorageJson.blockTransfer(
              client.post(
                  caller,
                  path(ArmPaths.BLOB_TRANSFER_BLOCKS, to),
                  StorageJson.transferRequest(from, part)));
      copied += done.blocksCopied();
      cleared += done.blocksCleared();
      metered += done.meteredBytes();
      corrupted.addAll(done.corruptedBlocks());
      slice += BLOCKS_PER_TRANSFER;
    } while (slice < blocks.size());
    return new BlockTransfer(copied, cleared, metered, corrupted);
  }

  @Override
  public String checksum(Caller caller, BlobRef ref) {
    return ArmJson.requireText(client.get(caller, path(ArmPaths.BLOB_CHECKSUM, ref)), "checksum");
  }

  @Override
  public String recordedChecksum(Caller caller, BlobRef ref) {
    return ArmJson.requireText(
        client.get(caller, path(ArmPaths.BLOB_CHECKSUM, ref) + ArmPaths.query("recorded", "true")),
        "checksum");
  }

  private static String path(PathTemplate template, BlobRef ref) {
    return template.expand(ref.storageAccount(), ref.container(), ref.blob());
  }

  private static String blockPath(BlobRef ref, long index) {
    return ArmPaths.BLOB_BLOCK.expand(
        ref.storageAccount(), ref.container(), ref.blob(), Long.toString(index));
  }

  private static ObjectNode size(long sizeBytes) {
    ObjectNode body = ArmJson.object();
    body.putObject("properties").put("contentLength", sizeBytes);
    return body;
  }
}
