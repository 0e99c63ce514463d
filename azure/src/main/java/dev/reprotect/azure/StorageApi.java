package dev.reprotect.azure;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Microsoft.Storage: accounts and the page blobs that hold disks. Disk data is addressed in
 * fixed-size blocks; an unwritten block reads as zeros and costs nothing.
 */
public interface StorageApi {
  /** The size of one block of a page blob, in bytes. */
  int blockSize();

  Optional<StorageAccount> storageAccount(String name);

  List<StorageAccount> storageAccounts();

  /**
   * Create-or-update. A name taken by an account of another resource group is {@link
   * AzureErrorCode#StorageAccountAlreadyTaken}; another region or kind is a {@link
   * AzureErrorCode#Conflict}.
   */
  StorageAccount createStorageAccount(Caller caller, StorageAccount account);

  /**
   * Deletes an empty account; deleting what is gone succeeds. An account that still holds a blob or
   * a snapshot is a {@link AzureErrorCode#Conflict} and stays: Azure would delete its contents with
   * it, and no caller of this product may lose data it did not name.
   */
  void deleteStorageAccount(Caller caller, String name);

  Optional<PageBlob> blob(BlobRef ref);

  List<PageBlob> blobs(String storageAccount, String container);

  /** Creates an empty page blob, or returns the existing one if its size is the same. */
  PageBlob createPageBlob(Caller caller, BlobRef ref, long sizeBytes);

  /** Grows or shrinks a blob; shrinking drops the blocks past the new end. */
  PageBlob resizePageBlob(Caller caller, BlobRef ref, long sizeBytes);

  /**
   * Copies a whole blob. Within a region the copy shares the source's blocks; across regions the
   * bytes are written anew in the target region and metered, and a block that arrives different
   * from what was sent is sent again; one that keeps arriving corrupted fails the copy with a
   * transient error.
   */
  PageBlob copyBlob(Caller caller, BlobRef from, BlobRef to);

  /** Deletes a blob or a snapshot; deleting what is gone succeeds. */
  void deleteBlob(Caller caller, BlobRef ref);

  /**
   * Azure's Snapshot Blob: {@code snapshot}, in a container of {@code base}'s storage account,
   * becomes a read-only copy of {@code base} as it is now, sharing its blocks, remembering its
   * base, its time and the caller's {@code metadata}. The same request again returns the snapshot
   * taken; a snapshot of a snapshot, another account, or a name taken otherwise is refused ({@link
   * AzureErrorCode#InvalidParameter}, {@link AzureErrorCode#Conflict}).
   */
  BlobSnapshot snapshotBlob(
      Caller caller, BlobRef base, BlobRef snapshot, Map<String, String> metadata);

  /** The snapshot of that name; empty when there is none (or the blob is not a snapshot). */
  Optional<BlobSnapshot> snapshot(BlobRef ref);

  /** The snapshots of a container whose names start with {@code prefix}, by name. */
  List<BlobSnapshot> snapshots(String storageAccount, String container, String prefix);

  /**
   * Writes one whole block; a block of zeros is the same as clearing it. {@code contentMd5} is the
   * writer's {@link ContentHash} of {@code data}: storage checks the bytes that arrived against it
   * before it keeps them, and refuses a mismatch ({@link AzureErrorCode#Md5Mismatch}, nothing
   * written). A snapshot is read-only ({@link AzureErrorCode#InvalidParameter}).
   */
  void writeBlock(Caller caller, BlobRef ref, long index, byte[] data, String contentMd5);

  /** {@link #writeBlock} with the content hash of {@code data} computed here, as they leave. */
  default void writeBlock(Caller caller, BlobRef ref, long index, byte[] data) {
    writeBlock(caller, ref, index, data, ContentHash.of(data));
  }

  /** Reads one block: zeros where it was never written. Its read is charged to {@code caller}. */
  byte[] readBlock(Caller caller, BlobRef ref, long index);

  /**
   * The hashes of the allocated blocks in [fromBlock, toBlock), computed from their bytes in the
   * blob's region and delivered to {@code deliverToRegion}: they are metered, to the caller, when
   * that is another region.
   */
  BlockHashes blockHashes(
      Caller caller, BlobRef ref, long fromBlock, long toBlock, String deliverToRegion);

  /**
   * The allocated page ranges of the blob in [fromBlock, toBlock), as Azure's Get Page Ranges lists
   * them: runs of allocated blocks, at most {@code maxRanges} of them per page (Azure's {@code
   * maxresults}). One call costs the same whatever the blob's size, so a sparse disk is listed in
   * as many calls as it has pages of ranges. Nothing is listed past the blob's end.
   */
  PageRanges pageRanges(Caller caller, BlobRef ref, long fromBlock, long toBlock, int maxRanges);

  /**
   * The ranges of blocks in [fromBlock, toBlock) whose content differs between the blob and {@code
   * previous}, an earlier snapshot of the same base blob as {@code ref}, or of {@code ref} itself
   * (Azure's Get Page Ranges Diff with {@code prevsnapshot}): written since, or cleared since
   * (allocated in {@code previous} only). Found in the blob's region from the two block maps;
   * nothing is read. Blocks past the blob's end are not part of it. Any other {@code previous}
   * (another blob's snapshot, a later one, a blob that is no snapshot) is refused as Azure refuses
   * it: {@link AzureErrorCode#InvalidParameter}.
   */
  PageRanges pageRangesDiff(
      Caller caller, BlobRef ref, BlobRef previous, long fromBlock, long toBlock, int maxRanges);

  /**
   * Makes the given blocks of {@code to} equal to those of {@code from}: copied where {@code from}
   * has data (metered when the regions differ), cleared where it has none. Across regions the
   * receiving region hashes what arrived before it keeps it (a transactional check): a block that
   * arrived different is not written, and is listed in {@link BlockTransfer#corruptedBlocks()}, for
   * the caller to send again.
   */
  BlockTransfer transferBlocks(Caller caller, BlobRef from, BlobRef to, List<Long> blocks);

  /**
   * A checksum of the blob's logical content, read from its bytes in its region: SHA-256 over its
   * size and each allocated block's index and the SHA-256 of its bytes. Equal content (zeros are
   * unallocated) has an equal checksum wherever it lives. Its reads and hashes are charged to
   * {@code caller}.
   */
  String checksum(Caller caller, BlobRef ref);

  /**
   * The same checksum built from the hash storage recorded for each block as it wrote the block
   * (the hash of the bytes that arrived, checked on arrival), so it reads nothing: equal to {@link
   * #checksum} unless a block was damaged at rest since it was written, which only a read of the
   * bytes (a scrub) finds.
   */
  String recordedChecksum(Caller caller, BlobRef ref);
}
