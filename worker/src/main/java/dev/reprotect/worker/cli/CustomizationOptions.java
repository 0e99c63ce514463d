package dev.reprotect.worker.cli;

import dev.reprotect.activities.Customization;
import picocli.CommandLine.Option;

/** The properties a user may choose before a reprotect; everything else is planned. */
final class CustomizationOptions {
  @Option(
      names = "--target-resource-group",
      paramLabel = "NAME",
      description = "Resource group for the target side (default: the one the target VM was in).")
  String targetResourceGroup;

  @Option(
      names = "--target-storage-account",
      paramLabel = "NAME",
      description =
          "Storage account for the replicas (default: the item's recorded target "
              + "account, else <source account>asr).")
  String targetStorageAccount;

  @Option(
      names = "--cache-storage-account",
      paramLabel = "NAME",
      description =
          "Cache storage account in the source region (default: the vault's existing "
              + "one, else a new one).")
  String cacheStorageAccount;

  @Option(
      names = "--availability-set",
      paramLabel = "NAME",
      description = "Availability set on the target side; only when the source VM is in one.")
  String availabilitySet;

  @Option(
      names = "--target-network",
      paramLabel = "NAME",
      description =
          "Not customisable: the network comes from the network mapping of the pair. "
              + "Any other value is refused with NetworkNotCustomizable.")
  String targetNetwork;

  Customization toCustomization() {
    return new Customization(
        targetResourceGroup,
        targetStorageAccount,
        cacheStorageAccount,
        availabilitySet,
        targetNetwork);
  }
}
