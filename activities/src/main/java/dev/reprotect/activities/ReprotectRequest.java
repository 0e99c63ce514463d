package dev.reprotect.activities;

/** Reprotect one replicated item of a vault, optionally with customised target resources. */
public record ReprotectRequest(String vault, String vm, Customization customization) {
  public ReprotectRequest {
    if (customization == null) {
      customization = Customization.none();
    }
  }

  public static ReprotectRequest of(String vault, String vm) {
    return new ReprotectRequest(vault, vm, Customization.none());
  }
}
