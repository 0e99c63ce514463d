package dev.reprotect.azure;

/** Where a page blob lives: storage account, container, blob name. */
public record BlobRef(String storageAccount, String container, String blob) {
  @Override
  public String toString() {
    return storageAccount + "/" + container + "/" + blob;
  }
}
