package dev.reprotect.azure.arm;

import static dev.reprotect.azure.arm.ArmJson.requireArray;
import static dev.reprotect.azure.arm.ArmJson.requireInstant;
import static dev.reprotect.azure.arm.ArmJson.requireLong;
import static dev.reprotect.azure.arm.ArmJson.requireObject;
import static dev.reprotect.azure.arm.ArmJson.requireText;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reprotect.azure.CutDisk;
import dev.reprotect.azure.ResourceIds;
import dev.reprotect.azure.VmCut;
import java.util.ArrayList;
import java.util.List;

/**
 * A cut of a VM's disks, in the spirit of Azure's VM restore points (one crash-consistent
 * snapshot per disk, taken together).
 */
public final class CutJson {
  private CutJson() {}

  public static ObjectNode cut(VmCut cut) {
    ObjectNode out = ArmJson.resource(ResourceIds.cut(cut.resourceGroup(), cut.vm(), cut.id()),
        cut.id(), "Microsoft.Compute/virtualMachines/cuts", cut.location());
    ObjectNode p = ArmJson.properties(out);
    p.put("virtualMachine", cut.vm());
    p.put("timeCreated", cut.time().toString());
    ArrayNode disks = p.putArray("disks");
    for (CutDisk disk : cut.disks()) {
      ObjectNode d = disks.addObject();
      d.put("slot", disk.slot());
      d.put("name", disk.name());
      d.set("snapshot", StorageJson.blobRef(disk.snapshot()));
      d.put("diskSizeBytes", disk.sizeBytes());
    }
    return out;
  }

  public static VmCut cut(JsonNode node) {
    JsonNode p = requireObject(node, "properties");
    List<CutDisk> disks = new ArrayList<>();
    for (JsonNode d : requireArray(p, "disks")) {
      disks.add(new CutDisk(requireText(d, "slot"), requireText(d, "name"),
          StorageJson.blobRef(requireObject(d, "snapshot")), requireLong(d, "diskSizeBytes")));
    }
    return new VmCut(requireText(node, "name"), ArmIds.resourceGroupOf(requireText(node, "id")),
        requireText(p, "virtualMachine"), requireText(node, "location"),
        requireInstant(p, "timeCreated"), disks);
  }
}
