package dev.reprotect.workflows;

/**
 * Workflow ids: {@code <job>.<vault>.<vm>}. Vault names have no dots, so an id splits
 * unambiguously; no '/', ':' or spaces, which the Web UI routes badly.
 */
public final class WorkflowIds {
  private WorkflowIds() {}

  public static String reprotect(String vault, String vm) {
    return "reprotect." + vault + "." + vm;
  }

  public static String replication(String vault, String vm) {
    return "replication." + vault + "." + vm;
  }

  public static String planReview(String vault, String vm, String nonce) {
    return "plan." + vault + "." + vm + "." + nonce;
  }
}
