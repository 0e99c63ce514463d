package dev.reprotect.azure;

import java.util.regex.Pattern;

/** The naming rules of the resources, checked by the backend and by the reprotect validation. */
public final class NameRules {
  private static final Pattern VAULT = Pattern.compile("[A-Za-z][A-Za-z0-9-]{1,49}");
  private static final Pattern VM = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Pattern STORAGE_ACCOUNT = Pattern.compile("[a-z0-9]{3,24}");
  private static final Pattern RESOURCE_GROUP = Pattern.compile("[A-Za-z0-9._()-]{1,90}");
  private static final Pattern AVAILABILITY_SET = Pattern.compile("[A-Za-z0-9._-]{1,80}");
  private static final Pattern CONTAINER = Pattern.compile("[a-z0-9](?:[a-z0-9-]{1,61}[a-z0-9])");
  private static final Pattern CUT = Pattern.compile("[A-Za-z0-9._-]{1,63}");

  /** Azure's rule for a virtual network: 2 to 64, ending with a letter, digit or underscore. */
  private static final Pattern VIRTUAL_NETWORK =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}[A-Za-z0-9_]");

  private static final Pattern BLOB = Pattern.compile("[A-Za-z0-9._-]{1,255}");

  public static final int STORAGE_ACCOUNT_MAX_LENGTH = 24;
  public static final int VIRTUAL_NETWORK_MAX_LENGTH = 64;

  private NameRules() {}

  public static boolean isValidVaultName(String name) {
    return matches(VAULT, name);
  }

  public static boolean isValidVmName(String name) {
    return matches(VM, name) && !name.equals(".") && !name.equals("..");
  }

  public static boolean isValidVirtualNetworkName(String name) {
    return matches(VIRTUAL_NETWORK, name);
  }

  public static boolean isValidStorageAccountName(String name) {
    return matches(STORAGE_ACCOUNT, name);
  }

  public static boolean isValidResourceGroupName(String name) {
    return matches(RESOURCE_GROUP, name) && !name.endsWith(".");
  }

  public static boolean isValidAvailabilitySetName(String name) {
    return matches(AVAILABILITY_SET, name) && !name.endsWith(".");
  }

  public static boolean isValidContainerName(String name) {
    return matches(CONTAINER, name) && !name.contains("--");
  }

  public static boolean isValidBlobName(String name) {
    return matches(BLOB, name) && !name.equals(".") && !name.equals("..");
  }

  public static boolean isValidCutId(String id) {
    return matches(CUT, id) && !id.equals(".") && !id.equals("..");
  }

  private static boolean matches(Pattern pattern, String name) {
    return name != null && pattern.matcher(name).matches();
  }
}
