package dev.reprotect.azure.arm;

import static dev.reprotect.azure.arm.ArmJson.optionalObject;
import static dev.reprotect.azure.arm.ArmJson.requireArray;
import static dev.reprotect.azure.arm.ArmJson.requireInstant;
import static dev.reprotect.azure.arm.ArmJson.requireLong;
import static dev.reprotect.azure.arm.ArmJson.requireObject;
import static dev.reprotect.azure.arm.ArmJson.requireText;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.BlobSnapshot;
import dev.reprotect.azure.BlockHash;
import dev.reprotect.azure.BlockHashes;
import dev.reprotect.azure.BlockTransfer;
import dev.reprotect.azure.PageBlob;
import dev.reprotect.azure.PageRange;
import dev.reprotect.azure.PageRanges;
import dev.reprotect.azure.ResourceIds;
import dev.reprotect.azure.StorageAccount;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Microsoft.Storage's storage accounts, and the data plane of page blobs (our own shapes): blobs,
 * snapshots, block hash lists, block transfers.
 */
public final class StorageJson {
  private StorageJson() {}

  public static ObjectNode storageAccount(StorageAccount account) {
    ObjectNode out =
        ArmJson.resource(
            account.id(), account.name(), "Microsoft.Storage/storageAccounts", account.location());
    out.put("kind", account.kind());
    out.putObject("sku").put("name", "Standard_LRS");
    ObjectNode tags = out.putObject("tags");
    account.tags().forEach(tags::put);
    ArmJson.properties(out)
        .putObject("primaryEndpoints")
        .put("blob", "https://" + account.name() + ".blob.core.windows.net/");
    return out;
  }

  public static StorageAccount storageAccount(JsonNode node, String resourceGroup, String name) {
    Map<String, String> tags = new TreeMap<>();
    JsonNode tagsNode = optionalObject(node, "tags");
    if (tagsNode != null) {
      Iterator<String> names = tagsNode.fieldNames();
      while (names.hasNext()) {
        String tag = names.next();
        tags.put(tag, requireText(tagsNode, tag));
      }
    }
    return new StorageAccount(
        name, resourceGroup, requireText(node, "location"), requireText(node, "kind"), tags);
  }

  public static StorageAccount storageAccount(JsonNode node) {
    return storageAccount(
        node, ArmIds.resourceGroupOf(requireText(node, "id")), requireText(node, "name"));
  }

  public static ObjectNode blobRef(BlobRef ref) {
    ObjectNode out = ArmJson.object();
    out.put("storageAccount", ref.storageAccount());
    out.put("container", ref.container());
    out.put("blob", ref.blob());
    return out;
  }

  public static BlobRef blobRef(JsonNode node) {
    return new BlobRef(
        requireText(node, "storageAccount"),
        requireText(node, "container"),
        requireText(node, "blob"));
  }

  public static ObjectNode snapshot(BlobSnapshot snapshot) {
    ObjectNode out =
        ArmJson.resource(
            ResourceIds.blob(snapshot.ref()),
            snapshot.ref().blob(),
            "Microsoft.Storage/storageAccounts/blobServices/containers/snapshots",
            null);
    ObjectNode properties = ArmJson.properties(out);
    properties.set("blobRef", blobRef(snapshot.ref()));
    properties.set("base", blobRef(snapshot.base()));
    properties.put("snapshotTime", snapshot.time().toString());
    properties.put("contentLength", snapshot.sizeBytes());
    properties.set("metadata", metadata(snapshot.metadata()));
    return out;
  }

  public static BlobSnapshot snapshot(JsonNode node) {
    JsonNode properties = requireObject(node, "properties");
    return new BlobSnapshot(
        blobRef(requireObject(properties, "blobRef")),
        blobRef(requireObject(properties, "base")),
        requireInstant(properties, "snapshotTime"),
        requireLong(properties, "contentLength"),
        metadata(requireObject(properties, "metadata")));
  }

  /** The body of a Snapshot Blob request: the base, and the snapshot's metadata. */
  public static ObjectNode snapshotRequest(BlobRef base, Map<String, String> metadata) {
    ObjectNode out = ArmJson.object();
    out.set("base", blobRef(base));
    out.set("metadata", metadata(metadata));
    return out;
  }

  public static ObjectNode metadata(Map<String, String> metadata) {
    ObjectNode out = ArmJson.object();
    new TreeMap<>(metadata).forEach(out::put);
    return out;
  }

  /** Metadata as Azure keeps it: names and values are text. */
  public static Map<String, String> metadata(JsonNode node) {
    Map<String, String> out = new TreeMap<>();
    node.fieldNames().forEachRemaining(name -> out.put(name, requireText(node, name)));
    return out;
  }

  public static ObjectNode pageBlob(PageBlob blob) {
    ObjectNode out =
        ArmJson.resource(
            ResourceIds.blob(blob.ref()),
            blob.ref().blob(),
            "Microsoft.Storage/storageAccounts/blobServices/containers/blobs",
            blob.location());
    ObjectNode properties = ArmJson.properties(out);
    properties.put("blobType", "PageBlob");
    properties.put("contentLength", blob.sizeBytes());
    properties.put("allocatedBytes", blob.allocatedBytes());
    properties.set("blobRef", blobRef(blob.ref()));
    return out;
  }

  public static PageBlob pageBlob(JsonNode node) {
    JsonNode properties = requireObject(node, "properties");
    return new PageBlob(
        blobRef(requireObject(properties, "blobRef")),
        requireText(node, "location"),
        requireLong(properties, "contentLength"),
        requireLong(properties, "allocatedBytes"));
  }

  public static ObjectNode blockHashes(BlockHashes hashes) {
    ObjectNode out = ArmJson.object();
    out.put("fromBlock", hashes.fromBlock());
    out.put("toBlock", hashes.toBlock());
    out.put("meteredBytes", hashes.meteredBytes());
    ArrayNode entries = out.putArray("entries");
    hashes
        .entries()
        .forEach(hash -> entries.addObject().put("index", hash.index()).put("hash", hash.hash()));
    return out;
  }

  public static BlockHashes blockHashes(JsonNode node) {
    List<BlockHash> entries = new ArrayList<>();
    for (JsonNode entry : requireArray(node, "entries")) {
      entries.add(new BlockHash(requireLong(entry, "index"), requireText(entry, "hash")));
    }
    return new BlockHashes(
        requireLong(node, "fromBlock"),
        requireLong(node, "toBlock"),
        entries,
        requireLong(node, "meteredBytes"));
  }

  /** A page of page ranges: {@code {"ranges": [[firstBlock, blockCount], ...], "scannedTo": n}}. */
  public static ObjectNode pageRanges(PageRanges page) {
    ObjectNode out = ArmJson.object();
    ArrayNode ranges = out.putArray("ranges");
    page.ranges()
        .forEach(range -> ranges.addArray().add(range.firstBlock()).add(range.blockCount()));
    out.put("scannedTo", page.scannedTo());
    return out;
  }

  public static PageRanges pageRanges(JsonNode node) {
    List<PageRange> ranges = new ArrayList<>();
    JsonNode array = requireArray(node, "ranges");
    for (int i = 0; i < array.size(); i++) {
      JsonNode pair = array.get(i);
      if (!pair.isArray()
          || pair.size() != 2
          || !isLong(pair.get(0))
          || !isLong(pair.get(1))
          || pair.get(0).longValue() < 0
          || pair.get(1).longValue() < 1) {
        throw ArmJson.invalid("ranges[" + i + "] must be [firstBlock, blockCount]");
      }
      ranges.add(new PageRange(pair.get(0).longValue(), pair.get(1).longValue()));
    }
    return new PageRanges(ranges, requireLong(node, "scannedTo"));
  }

  private static boolean isLong(JsonNode value) {
    return value.isIntegralNumber() && value.canConvertToLong();
  }

  /** The body of a transferBlocks request: the source blob and the block indices. */
  public static ObjectNode transferRequest(BlobRef source, List<Long> blocks) {
    ObjectNode out = ArmJson.object();
    out.set("source", blobRef(source));
    ArrayNode indices = out.putArray("blocks");
    blocks.forEach(indices::add);
    return out;
  }

  public static List<Long> transferBlocks(JsonNode node) {
    return indices(node, "blocks");
  }

  private static List<Long> indices(JsonNode node, String field) {
    List<Long> blocks = new ArrayList<>();
    JsonNode array = requireArray(node, field);
    for (int i = 0; i < array.size(); i++) {
      JsonNode index = array.get(i);
      if (!isLong(index)) {
        throw ArmJson.invalid(field + "[" + i + "] must be an integer");
      }
      blocks.add(index.longValue());
    }
    return blocks;
  }

  public static ObjectNode blockTransfer(BlockTransfer transfer) {
    ObjectNode out = ArmJson.object();
    out.put("blocksCopied", transfer.blocksCopied());
    out.put("blocksCleared", transfer.blocksCleared());
    out.put("meteredBytes", transfer.meteredBytes());
    ArrayNode corrupted = out.putArray("corruptedBlocks");
    transfer.corruptedBlocks().forEach(corrupted::add);
    return out;
  }

  public static BlockTransfer blockTransfer(JsonNode node) {
    return new BlockTransfer(
        requireLong(node, "blocksCopied"),
        requireLong(node, "blocksCleared"),
        requireLong(node, "meteredBytes"),
        indices(node, "corruptedBlocks"));
  }
}
