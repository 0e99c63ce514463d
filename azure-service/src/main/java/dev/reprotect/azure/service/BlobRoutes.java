package dev.reprotect.azure.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reprotect.azure.AzureBackend;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.Caller;
import dev.reprotect.azure.StorageAccount;
import dev.reprotect.azure.arm.ArmJson;
import dev.reprotect.azure.arm.ArmPaths;
import dev.reprotect.azure.arm.StorageJson;
import io.javalin.Javalin;
import io.javalin.http.Context;

/**
 * The data plane of page blobs (our own API): blobs, their snapshots (Snapshot Blob), one block at
 * a time as bytes, page ranges (allocated, or changed since a snapshot), hash lists of a block
 * range computed where the blob lives, server-side block transfers and whole-blob copies
 * (long-running), checksums.
 */
final class BlobRoutes {
  private static final String NAMESPACE = "Microsoft.Storage";

  private final AzureBackend backend;
  private final OperationRoutes operations;

  BlobRoutes(AzureBackend backend, OperationRoutes operations) {
    this.backend = backend;
    this.operations = operations;
  }

  void register(Javalin app) {
    app.get(
        ArmPaths.BLOBS.pattern(),
        ctx ->
            Requests.ok(
                ctx,
                ArmJson.list(
                    backend
                        .storage()
                        .blobs(Requests.name(ctx, "account"), Requests.name(ctx, "container")),
                    StorageJson::pageBlob)));
    app.get(
        ArmPaths.BLOB.pattern(),
        ctx -> {
          BlobRef ref = ref(ctx);
          Requests.found(ctx, backend.storage().blob(ref), StorageJson::pageBlob, "blob " + ref);
        });
    app.put(
        ArmPaths.BLOB.pattern(),
        ctx ->
            Requests.ok(
                ctx,
                StorageJson.pageBlob(
                    backend
                        .storage()
                        .createPageBlob(
                            Requests.caller(ctx), ref(ctx), contentLength(Requests.json(ctx))))));
    app.delete(
        ArmPaths.BLOB.pattern(),
        ctx -> {
          BlobRef ref = ref(ctx);
          boolean existed = backend.storage().blob(ref).isPresent();
          backend.storage().deleteBlob(Requests.caller(ctx), ref);
          ctx.status(existed ? 200 : 204);
        });
    app.get(
        ArmPaths.SNAPSHOTS.pattern(),
        ctx ->
            Requests.ok(
                ctx,
                ArmJson.list(
                    backend
                        .storage()
                        .snapshots(
                            Requests.name(ctx, "account"),
                            Requests.name(ctx, "container"),
                            ctx.queryParam("prefix") == null ? "" : ctx.queryParam("prefix")),
                    StorageJson::snapshot)));
    app.get(
        ArmPaths.SNAPSHOT.pattern(),
        ctx -> {
          BlobRef ref = ref(ctx);
          Requests.found(
              ctx, backend.storage().snapshot(ref), StorageJson::snapshot, "snapshot " + ref);
        });
    app.put(
        ArmPaths.SNAPSHOT.pattern(),
        ctx -> {
          JsonNode body = Requests.json(ctx);
          Requests.ok(
              ctx,
              StorageJson.snapshot(
                  backend
                      .storage()
                      .snapshotBlob(
                          Requests.caller(ctx),
                          StorageJson.blobRef(ArmJson.requireObject(body, "base")),
                          ref(ctx),
                          StorageJson.metadata(ArmJson.requireObject(body, "metadata")))));
        });
    app.post(
        ArmPaths.BLOB_RESIZE.pattern(),
        ctx ->
            Requests.ok(
                ctx,
                StorageJson.pageBlob(
                    backend
                        .storage()
                        .resizePageBlob(
                            Requests.caller(ctx), ref(ctx), contentLength(Requests.json(ctx))))));
    app.post(ArmPaths.BLOB_COPY.pattern(), this::copy);
    app.get(
        ArmPaths.BLOB_BLOCK.pattern(),
        ctx ->
            ctx.status(200)
                .contentType("application/octet-stream")
                .result(backend.storage().readBlock(Requests.caller(ctx), ref(ctx), index(ctx))));
    app.put(
        ArmPaths.BLOB_BLOCK.pattern(),
        ctx -> {
          Caller caller = Requests.caller(ctx);
          BlobRef ref = ref(ctx);
          long index = index(ctx);
          byte[] data = Requests.body(ctx, backend.storage().blockSize());
          backend.storage().writeBlock(caller, ref, index, data, Requests.contentMd5(ctx, data));
          ctx.status(201);
        });
    app.get(
        ArmPaths.BLOB_BLOCK_HASHES.pattern(),
        ctx ->
            Requests.ok(
                ctx,
                StorageJson.blockHashes(
                    backend
                        .storage()
                        .blockHashes(
                            Requests.caller(ctx),
                            ref(ctx),
                            Requests.number("fromBlock", Requests.query(ctx, "fromBlock")),
                            Requests.number("toBlock", Requests.query(ctx, "toBlock")),
                            Requests.query(ctx, "deliverToRegion")))));
    app.get(ArmPaths.BLOB_PAGE_RANGES.pattern(), this::pageRanges);
    app.post(
        ArmPaths.BLOB_TRANSFER_BLOCKS.pattern(),
        ctx -> {
          Caller caller = Requests.caller(ctx);
          BlobRef to = ref(ctx);
          JsonNode body = Requests.json(ctx);
          Requests.ok(
              ctx,
              StorageJson.blockTransfer(
                  backend
                      .storage()
                      .transferBlocks(
                          caller,
                          StorageJson.blobRef(ArmJson.requireObject(body, "source")),
                          to,
                          StorageJson.transferBlocks(body))));
        });
    app.get(
        ArmPaths.BLOB_CHECKSUM.pattern(),
        ctx -> {
          ObjectNode body = ArmJson.object();
          Caller caller = Requests.caller(ctx);
          body.put(
              "checksum",
              "true".equals(ctx.queryParam("recorded"))
                  ? backend.storage().recordedChecksum(caller, ref(ctx))
                  : backend.storage().checksum(caller, ref(ctx)));
          Requests.ok(ctx, body);
        });
  }

  /** The allocated page ranges, or with a previous snapshot named, those that changed since. */
  private void pageRanges(Context ctx) {
    Caller caller = Requests.caller(ctx);
    BlobRef ref = ref(ctx);
    long fromBlock = Requests.number("fromBlock", Requests.query(ctx, "fromBlock"));
    long toBlock = Requests.number("toBlock", Requests.query(ctx, "toBlock"));
    long maxRanges = Requests.number("maxRanges", Requests.query(ctx, "maxRanges"));
    if (maxRanges > Integer.MAX_VALUE) {
      throw ArmJson.invalid("maxRanges must be at most " + Integer.MAX_VALUE);
    }
    if (ctx.queryParam("previousBlob") == null) {
      Requests.ok(
          ctx,
          StorageJson.pageRanges(
              backend.storage().pageRanges(caller, ref, fromBlock, toBlock, (int) maxRanges)));
      return;
    }
    BlobRef previous =
        new BlobRef(
            Requests.query(ctx, "previousAccount"),
            Requests.query(ctx, "previousContainer"),
            Requests.query(ctx, "previousBlob"));
    Requests.ok(
        ctx,
        StorageJson.pageRanges(
            backend
                .storage()
                .pageRangesDiff(caller, ref, previous, fromBlock, toBlock, (int) maxRanges)));
  }

  private void copy(Context ctx) {
    Caller caller = Requests.caller(ctx);
    BlobRef to = ref(ctx);
    BlobRef from = StorageJson.blobRef(ArmJson.requireObject(Requests.json(ctx), "source"));
    String location =
        backend
            .storage()
            .storageAccount(to.storageAccount())
            .map(StorageAccount::location)
            .orElse("global");
    operations.accept(
        ctx,
        NAMESPACE,
        location,
        () -> StorageJson.pageBlob(backend.storage().copyBlob(caller, from, to)));
  }

  private static BlobRef ref(Context ctx) {
    return new BlobRef(
        Requests.name(ctx, "account"), Requests.name(ctx, "container"), Requests.name(ctx, "blob"));
  }

  private static long index(Context ctx) {
    return Requests.number("index", Requests.name(ctx, "index"));
  }

  private static long contentLength(JsonNode body) {
    return ArmJson.requireLong(ArmJson.requireObject(body, "properties"), "contentLength");
  }
}
