package dev.reprotect.azure.arm;

import static dev.reprotect.azure.arm.ArmJson.optionalInt;
import static dev.reprotect.azure.arm.ArmJson.optionalObject;
import static dev.reprotect.azure.arm.ArmJson.optionalText;
import static dev.reprotect.azure.arm.ArmJson.requireArray;
import static dev.reprotect.azure.arm.ArmJson.requireObject;
import static dev.reprotect.azure.arm.ArmJson.requireText;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reprotect.azure.AvailabilitySet;
import dev.reprotect.azure.BlobRef;
import dev.reprotect.azure.PowerState;
import dev.reprotect.azure.ResourceIds;
import dev.reprotect.azure.VirtualMachine;
import dev.reprotect.azure.VmDisk;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Microsoft.Compute's JSON: a VM with unmanaged disks (storageProfile's {@code vhd.uri}), its power
 * state in {@code instanceView.statuses}, and availability sets. A PUT may carry the instance
 * view's power state, to create a VM that is already deallocated.
 */
public final class ComputeJson {
  private static final String POWER_STATE = "PowerState/";
  private static final Pattern VHD_URI =
      Pattern.compile("https://([^./]+)\\.blob\\.core\\.windows\\.net/([^/]+)/([^/]+)");

  private ComputeJson() {}

  public static ObjectNode virtualMachine(VirtualMachine vm) {
    ObjectNode out =
        ArmJson.resource(vm.id(), vm.name(), "Microsoft.Compute/virtualMachines", vm.location());
    ObjectNode properties = ArmJson.properties(out);
    if (vm.availabilitySet() != null) {
      properties
          .putObject("availabilitySet")
          .put(
              "id",
              ArmPaths.armId(
                  ResourceIds.availabilitySet(vm.resourceGroup(), vm.availabilitySet())));
    }
    ObjectNode storage = properties.putObject("storageProfile");
    storage.set("osDisk", disk(vm.osDisk()));
    ArrayNode dataDisks = storage.putArray("dataDisks");
    vm.dataDisks().forEach(disk -> dataDisks.add(disk(disk)));
    if (vm.networkId() != null) {
      properties.putObject("networkProfile").putObject("virtualNetwork").put("id", vm.networkId());
    }
    ArrayNode statuses = properties.putObject("instanceView").putArray("statuses");
    statuses.addObject().put("code", "ProvisioningState/succeeded");
    statuses
        .addObject()
        .put(
            "code",
            POWER_STATE + (vm.powerState() == PowerState.Running ? "running" : "deallocated"));
    return out;
  }

  public static VirtualMachine virtualMachine(JsonNode node, String resourceGroup, String name) {
    JsonNode properties = requireObject(node, "properties");
    JsonNode availabilitySet = optionalObject(properties, "availabilitySet");
    JsonNode storage = requireObject(properties, "storageProfile");
    List<VmDisk> dataDisks = new ArrayList<>();
    JsonNode dataDisksNode = storage.get("dataDisks");
    if (dataDisksNode != null && !dataDisksNode.isNull()) {
      for (JsonNode disk : requireArray(storage, "dataDisks")) {
        dataDisks.add(disk(disk, true));
      }
    }
    JsonNode networkProfile = optionalObject(properties, "networkProfile");
    JsonNode network =
        networkProfile == null ? null : optionalObject(networkProfile, "virtualNetwork");
    return new VirtualMachine(
        resourceGroup,
        name,
        requireText(node, "location"),
        powerState(properties),
        disk(requireObject(storage, "osDisk"), false),
        dataDisks,
        network == null ? null : requireText(network, "id"),
        availabilitySet == null ? null : ArmIds.nameOf(requireText(availabilitySet, "id")));
  }

  public static VirtualMachine virtualMachine(JsonNode node) {
    return virtualMachine(
        node, ArmIds.resourceGroupOf(requireText(node, "id")), requireText(node, "name"));
  }

  public static ObjectNode availabilitySet(AvailabilitySet set) {
    ObjectNode out =
        ArmJson.resource(
            set.id(), set.name(), "Microsoft.Compute/availabilitySets", set.location());
    ArmJson.properties(out);
    return out;
  }

  public static AvailabilitySet availabilitySet(JsonNode node, String resourceGroup, String name) {
    return new AvailabilitySet(resourceGroup, name, requireText(node, "location"));
  }

  public static AvailabilitySet availabilitySet(JsonNode node) {
    return availabilitySet(
        node, ArmIds.resourceGroupOf(requireText(node, "id")), requireText(node, "name"));
  }

  private static ObjectNode disk(VmDisk disk) {
    ObjectNode out = ArmJson.object();
    if (disk.lun() != null) {
      out.put("lun", disk.lun());
    }
    out.put("name", disk.name());
    out.put("createOption", "Attach");
    BlobRef vhd = disk.vhd();
    out.putObject("vhd")
        .put(
            "uri",
            "https://"
                + vhd.storageAccount()
                + ".blob.core.windows.net/"
                + vhd.container()
                + "/"
                + vhd.blob());
    return out;
  }

  private static VmDisk disk(JsonNode node, boolean dataDisk) {
    Integer lun = optionalInt(node, "lun");
    if (dataDisk && lun == null) {
      throw ArmJson.invalid("a data disk needs a lun");
    }
    String uri = requireText(requireObject(node, "vhd"), "uri");
    Matcher matcher = VHD_URI.matcher(uri);
    if (!matcher.matches()) {
      throw ArmJson.invalid(
          "vhd uri "
              + uri
              + " is not https://{account}.blob.core.windows.net/"
              + "{container}/{blob}");
    }
    return new VmDisk(
        requireText(node, "name"),
        dataDisk ? lun : null,
        new BlobRef(matcher.group(1), matcher.group(2), matcher.group(3)));
  }

  private static PowerState powerState(JsonNode properties) {
    JsonNode instanceView = optionalObject(properties, "instanceView");
    if (instanceView == null || instanceView.get("statuses") == null) {
      return PowerState.Running;
    }
    for (JsonNode status : requireArray(instanceView, "statuses")) {
      String code = optionalText(status, "code");
      if (code != null && code.startsWith(POWER_STATE)) {
        return switch (code.substring(POWER_STATE.length())) {
          case "running", "starting" -> PowerState.Running;
          case "deallocated", "deallocating", "stopped", "stopping" -> PowerState.Stopped;
          default -> throw ArmJson.invalid("unknown power state " + code);
        };
      }
    }
    return PowerState.Running;
  }
}
