package dev.reprotect.azure;

/** Resource ids in the shape of Azure Resource Manager's, as the activity log names resources. */
public final class ResourceIds {
  private ResourceIds() {}

  public static String resourceGroup(String name) {
    return "/resourceGroups/" + name;
  }

  public static String virtualMachine(String resourceGroup, String name) {
    return resourceGroup(resourceGroup) + "/providers/Microsoft.Compute/virtualMachines/" + name;
  }

  public static String writeHold(String resourceGroup, String vm, String holdId) {
    return virtualMachine(resourceGroup, vm) + "/writeHolds/" + holdId;
  }

  public static String recoveryPoint(String vault, String item, String pointId) {
    return replicatedItem(vault, item) + "/recoveryPoints/" + pointId;
  }

  public static String availabilitySet(String resourceGroup, String name) {
    return resourceGroup(resourceGroup) + "/providers/Microsoft.Compute/availabilitySets/" + name;
  }

  public static String virtualNetwork(String resourceGroup, String name) {
    return resourceGroup(resourceGroup) + "/providers/Microsoft.Network/virtualNetworks/" + name;
  }

  public static String storageAccount(String resourceGroup, String name) {
    return resourceGroup(resourceGroup) + "/providers/Microsoft.Storage/storageAccounts/" + name;
  }

  public static String blob(BlobRef ref) {
    return "/storageAccounts/"
        + ref.storageAccount()
        + "/containers/"
        + ref.container()
        + "/blobs/"
        + ref.blob();
  }

  public static String replicatedItem(String vault, String item) {
    return "/providers/Microsoft.RecoveryServices/vaults/" + vault + "/replicatedItems/" + item;
  }

  public static String recoveryPlan(String vault, String plan) {
    return "/providers/Microsoft.RecoveryServices/vaults/" + vault + "/recoveryPlans/" + plan;
  }
}
