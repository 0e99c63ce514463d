package dev.reprotect.azure.sim;

import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.AzureException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Faults and hooks by operation name (the backend method's name, such as {@code powerOff} or
 * {@code transferBlocks}) and call number, counted from 1 per operation.
 */
public final class FaultInjector {
  private record Rule(String operation, int firstCall, int lastCall, Runnable action) {}

  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final List<Rule> rules = new ArrayList<>();

  /** Makes calls {@code firstCall .. firstCall+count-1} of an operation fail with {@code code}. */
  public synchronized FaultInjector failCalls(
      String operation, int firstCall, int count, AzureErrorCode code) {
    rules.add(new Rule(operation, firstCall, firstCall + count - 1, () -> {
      throw new AzureException(code, "injected fault in " + operation);
    }));
    return this;
  }

  /** Runs {@code action} just before call {@code callNumber} of an operation is applied. */
  public synchronized FaultInjector onCall(String operation, int callNumber, Runnable action) {
    rules.add(new Rule(operation, callNumber, callNumber, action));
    return this;
  }

  public synchronized void clear() {
    rules.clear();
  }

  public int callCount(String operation) {
    AtomicInteger count = calls.get(operation);
    return count == null ? 0 : count.get();
  }

  void beforeCall(String operation) {
    int call = calls.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
    List<Runnable> due = new ArrayList<>();
    synchronized (this) {
      for (Rule rule : rules) {
        if (rule.operation.equals(operation) && call >= rule.firstCall && call <= rule.lastCall) {
          due.add(rule.action);
        }
      }
    }
    due.forEach(Runnable::run);
  }
}
