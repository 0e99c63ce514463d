package dev.reprotect.azure.arm;

/**
 * Every route of the simulated Azure service, in the style of Azure Resource Manager. Storage
 * account and vault names are unique across the backend, so their children (blobs, replicated
 * items, recovery plans) are addressed under the subscription without a resource group.
 * docs/azure-api.md describes each route.
 */
public final class ArmPaths {
  /** The one subscription of the simulated cloud. */
  public static final String SUBSCRIPTION_ID = "00000000-0000-0000-0000-000000000000";

  private static final PathTemplate SUBSCRIPTION =
      new PathTemplate("/subscriptions/" + SUBSCRIPTION_ID);
  private static final String PROVIDERS = "/providers/";

  // Microsoft.Resources
  public static final PathTemplate LOCATIONS = SUBSCRIPTION.child("/locations");
  public static final PathTemplate LOCATION = LOCATIONS.child("/{location}");

  /** POST: the region goes down (the simulator's outage switch). */
  public static final PathTemplate LOCATION_OUTAGE = LOCATION.child("/outage");

  /** POST: the region comes back. */
  public static final PathTemplate LOCATION_RECOVER = LOCATION.child("/recover");

  public static final PathTemplate RESOURCE_GROUP =
      SUBSCRIPTION.child("/resourceGroups/{resourceGroup}");

  // Microsoft.Network
  public static final PathTemplate VIRTUAL_NETWORK =
      RESOURCE_GROUP.child(PROVIDERS + "Microsoft.Network/virtualNetworks/{name}");

  /** GET and DELETE with the query sourceRegion, sourceNetworkId, targetRegion; PUT with a body. */
  public static final PathTemplate NETWORK_MAPPINGS =
      SUBSCRIPTION.child(PROVIDERS + "Microsoft.RecoveryServices/replicationNetworkMappings");

  // Microsoft.Compute
  public static final PathTemplate VIRTUAL_MACHINE =
      RESOURCE_GROUP.child(PROVIDERS + "Microsoft.Compute/virtualMachines/{name}");
  public static final PathTemplate VIRTUAL_MACHINE_POWER_OFF = VIRTUAL_MACHINE.child("/powerOff");
  public static final PathTemplate VIRTUAL_MACHINE_START = VIRTUAL_MACHINE.child("/start");

  /** GET with the query location and name. */
  public static final PathTemplate VIRTUAL_MACHINES =
      SUBSCRIPTION.child(PROVIDERS + "Microsoft.Compute/virtualMachines");

  /** GET and PUT (create-or-return): a hold of the VM's writes by its guest agent. */
  public static final PathTemplate WRITE_HOLD = VIRTUAL_MACHINE.child("/writeHolds/{hold}");

  /** POST: the agent ends the hold. */
  public static final PathTemplate WRITE_HOLD_RELEASE = WRITE_HOLD.child("/release");

  public static final PathTemplate AVAILABILITY_SET =
      RESOURCE_GROUP.child(PROVIDERS + "Microsoft.Compute/availabilitySets/{name}");

  /** GET with the query location and name. */
  public static final PathTemplate AVAILABILITY_SETS =
      SUBSCRIPTION.child(PROVIDERS + "Microsoft.Compute/availabilitySets");

  // Microsoft.Storage
  public static final PathTemplate STORAGE_ACCOUNT =
      RESOURCE_GROUP.child(PROVIDERS + "Microsoft.Storage/storageAccounts/{name}");
  public static final PathTemplate STORAGE_ACCOUNTS =
      SUBSCRIPTION.child(PROVIDERS + "Microsoft.Storage/storageAccounts");
  public static final PathTemplate STORAGE_ACCOUNT_BY_NAME = STORAGE_ACCOUNTS.child("/{account}");

  /** GET: the data plane's settings (the block size of page blobs). */
  public static final PathTemplate PAGE_BLOB_SETTINGS =
      SUBSCRIPTION.child(PROVIDERS + "Microsoft.Storage/pageBlobSettings");

  public static final PathTemplate BLOBS =
      STORAGE_ACCOUNT_BY_NAME.child("/blobServices/default/containers/{container}/blobs");
  public static final PathTemplate BLOB = BLOBS.child("/{blob}");

  /** GET with the query prefix: the container's snapshots. */
  public static final PathTemplate SNAPSHOTS =
      STORAGE_ACCOUNT_BY_NAME.child("/blobServices/default/containers/{container}/snapshots");

  /** GET, and PUT (Snapshot Blob of the base named in the body); deleted as a blob. */
  public static final PathTemplate SNAPSHOT = SNAPSHOTS.child("/{blob}");

  public static final PathTemplate BLOB_RESIZE = BLOB.child("/resize");

  /** POST, long-running: copies the blob named in the body onto this one. */
  public static final PathTemplate BLOB_COPY = BLOB.child("/copy");

  /** POST: snapshots this blob as the blob named in the body, in the same account. */
  /** GET and PUT of one block as application/octet-stream. */
  public static final PathTemplate BLOB_BLOCK = BLOB.child("/blocks/{index}");

  /** GET with the query fromBlock, toBlock, deliverToRegion. */
  public static final PathTemplate BLOB_BLOCK_HASHES = BLOB.child("/blockHashes");

  /**
   * GET with the query fromBlock, toBlock, maxRanges: the blob's allocated page ranges; with
   * previousAccount, previousContainer, previousBlob too, those that differ from that snapshot.
   */
  public static final PathTemplate BLOB_PAGE_RANGES = BLOB.child("/pageRanges");

  /** POST: makes the listed blocks of this blob equal to those of the source blob. */
  public static final PathTemplate BLOB_TRANSFER_BLOCKS = BLOB.child("/transferBlocks");

  public static final PathTemplate BLOB_CHECKSUM = BLOB.child("/checksum");

  // Microsoft.RecoveryServices
  public static final PathTemplate VAULT =
      RESOURCE_GROUP.child(PROVIDERS + "Microsoft.RecoveryServices/vaults/{vault}");
  public static final PathTemplate VAULTS =
      SUBSCRIPTION.child(PROVIDERS + "Microsoft.RecoveryServices/vaults");
  public static final PathTemplate VAULT_BY_NAME =
      SUBSCRIPTION.child(PROVIDERS + "Microsoft.RecoveryServices/vaults/{vault}");
  public static final PathTemplate REPLICATED_ITEMS = VAULT_BY_NAME.child("/replicatedItems");
  public static final PathTemplate REPLICATED_ITEM = REPLICATED_ITEMS.child("/{item}");
  public static final PathTemplate CLAIM_OPERATION = REPLICATED_ITEM.child("/claimOperation");
  public static final PathTemplate RELEASE_OPERATION = REPLICATED_ITEM.child("/releaseOperation");
  public static final PathTemplate RELEASE_STALE_OPERATION =
      REPLICATED_ITEM.child("/releaseStaleOperation");
  public static final PathTemplate RECOVERY_POINTS = REPLICATED_ITEM.child("/recoveryPoints");
  public static final PathTemplate RECOVERY_POINT = RECOVERY_POINTS.child("/{point}");

  /** POST: adds the body's resourceIds to those the item records as created by it. */
  public static final PathTemplate RECORD_CREATED_RESOURCES =
      REPLICATED_ITEM.child("/recordCreatedResources");

  /** POST: records the scrub in the body as the item's last. */
  public static final PathTemplate RECORD_SCRUB = REPLICATED_ITEM.child("/recordScrub");

  /** POST: adds the replica disk in the body to the item's. */
  public static final PathTemplate ADD_REPLICA_DISK = REPLICATED_ITEM.child("/addReplicaDisk");

  public static final PathTemplate PIN_RECOVERY_POINT = REPLICATED_ITEM.child("/pinRecoveryPoint");
  public static final PathTemplate RECORD_REPLICA_CUTS =
      REPLICATED_ITEM.child("/recordReplicaCuts");
  public static final PathTemplate PRUNE_RECOVERY_POINTS =
      REPLICATED_ITEM.child("/pruneRecoveryPoints");
  public static final PathTemplate RECOVERY_PLAN = VAULT_BY_NAME.child("/recoveryPlans/{plan}");

  // Long-running operations: the Azure-AsyncOperation and Location URLs of a 202.
  public static final PathTemplate OPERATION_STATUS =
      SUBSCRIPTION.child(PROVIDERS + "{namespace}/locations/{location}/operations/{operationId}");
  public static final PathTemplate OPERATION_RESULT =
      SUBSCRIPTION.child(
          PROVIDERS + "{namespace}/locations/{location}/operationResults/{operationId}");

  // Our own: what the backend measured of itself, and its state for comparisons.
  public static final PathTemplate ADMIN_STATE = new PathTemplate("/admin/state");

  /** GET with the query fromRegion and toRegion. */
  public static final PathTemplate ADMIN_TRANSFERS = new PathTemplate("/admin/metering/transfers");

  /** GET with the query correlationIdPrefix: the bytes its callers moved across regions. */
  public static final PathTemplate ADMIN_CALLER_TRANSFERS =
      new PathTemplate("/admin/metering/callerTransfers");

  /** GET with the query correlationIdPrefix: what its callers were charged (CallerCosts). */
  public static final PathTemplate ADMIN_CALLER_COSTS =
      new PathTemplate("/admin/metering/callerCosts");

  public static final PathTemplate ADMIN_ACTIVITY_LOG =
      new PathTemplate("/admin/metering/activityLog");

  /** GET and PUT: the service's fault injection (rates, kinds, seed). */
  public static final PathTemplate ADMIN_FAULTS = new PathTemplate("/admin/faults");

  /** PUT {@code {"available":false}}: a region's outage switch. */
  public static final PathTemplate ADMIN_REGION = new PathTemplate("/admin/regions/{location}");

  /** GET and PUT {@code {"megabytesPerSecond":N}}: the disk throughput of the latency model. */
  public static final PathTemplate ADMIN_DISK = new PathTemplate("/admin/disk");

  /** Our own guest workload (a simulator feature): GET, PUT and DELETE of a VM's churn. */
  public static final PathTemplate ADMIN_VM_CHURN =
      new PathTemplate("/admin/vms/{resourceGroup}/{vm}/churn");

  /** PUT of one block as application/octet-stream: a write of the VM's guest. */
  public static final PathTemplate ADMIN_VM_BLOCK =
      new PathTemplate("/admin/vms/{resourceGroup}/{vm}/disks/{slot}/blocks/{index}");

  /** PUT: the simulator's fault of the VM's guest agent ({@code {"fault":null}} heals it). */
  public static final PathTemplate ADMIN_VM_AGENT_FAULT =
      new PathTemplate("/admin/vms/{resourceGroup}/{vm}/agentFault");

  private ArmPaths() {}

  /** The id of a resource as ARM writes it: the subscription, then the backend's own id. */
  public static String armId(String backendId) {
    return SUBSCRIPTION.pattern() + backendId;
  }

  /** A query string ({@code ?a=1&b=2}) of name-value pairs, values percent-encoded. */
  public static String query(String... namesAndValues) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      out.append(i == 0 ? '?' : '&')
          .append(namesAndValues[i])
          .append('=')
          .append(PathTemplate.encode(namesAndValues[i + 1]));
    }
    return out.toString();
  }
}
