package dev.reprotect.azure;

/** A failed backend request: its ARM-style code, and the region it concerned when there is one. */
public class AzureException extends RuntimeException {
  private final AzureErrorCode code;
  private final String region;

  public AzureException(AzureErrorCode code, String message) {
    this(code, message, null);
  }

  public AzureException(AzureErrorCode code, String message, String region) {
    super(message);
    this.code = code;
    this.region = region;
  }

  public AzureErrorCode code() {
    return code;
  }

  /** The region the failure concerns, or null. */
  public String region() {
    return region;
  }

  public boolean isTransient() {
    return code.isTransient();
  }

  public static AzureException notFound(String what) {
    return new AzureException(AzureErrorCode.ResourceNotFound, what + " was not found");
  }

  public static AzureException regionUnavailable(String region) {
    return new AzureException(
        AzureErrorCode.RegionUnavailable, "region " + region + " is unavailable", region);
  }
}
