package dev.reprotect.azure.sim;

/** Bytes one call reads from and writes to one blob, the disk of a region. */
record BlobIo(String blobKey, String region, long bytesRead, long bytesWritten) {
  static BlobIo read(String blobKey, String region, long bytes) {
    return new BlobIo(blobKey, region, bytes, 0);
  }

  static BlobIo written(String blobKey, String region, long bytes) {
    return new BlobIo(blobKey, region, 0, bytes);
  }

  long bytes() {
    return bytesRead + bytesWritten;
  }
}
