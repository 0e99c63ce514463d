package dev.reprotect.azure.arm;

/** Reads names back out of resource ids and references. */
public final class ArmIds {
  private ArmIds() {}

  /** The resource group named in an id ({@code .../resourceGroups/{rg}/...}). */
  public static String resourceGroupOf(String id) {
    String[] segments = id.split("/");
    for (int i = 0; i < segments.length - 1; i++) {
      if (segments[i].equalsIgnoreCase("resourceGroups")) {
        return segments[i + 1];
      }
    }
    throw ArmJson.invalid("id " + id + " names no resource group");
  }

  /** The last segment of an id: the resource's own name. */
  public static String nameOf(String id) {
    int slash = id.lastIndexOf('/');
    String name = id.substring(slash + 1);
    if (name.isEmpty()) {
      throw ArmJson.invalid("id " + id + " ends without a name");
    }
    return name;
  }
}
