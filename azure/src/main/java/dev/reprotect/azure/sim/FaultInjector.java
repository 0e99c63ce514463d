package dev.reprotect.azure.sim;

import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.AzureException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Faults and hooks by operation name (the backend method's name, such as {@code powerOff} or
 * {@code transferBlocks}) and call number, counted from 1 per operation; and corruption of the
 * blocks that cross regions.
 */
public final class FaultInjector {
  private record Rule(String operation, int firstCall, int lastCall, Runnable action) {}

  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final List<Rule> rules = new ArrayList<>();
  private double corruptionRate;
  private Random corruption = new Random(0);
  private long corruptedBlocks;

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

  /**
   * Flips one random bit of a block that crosses regions (in {@code transferBlocks} and {@code
   * copyBlob}) with probability {@code rate}; 0 turns it off. The draws follow {@code seed}.
   */
  public synchronized FaultInjector corruptTransfers(double rate, long seed) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException("a corruption rate is between 0 and 1, not " + rate);
    }
    corruptionRate = rate;
    corruption = new Random(seed);
    return this;
  }

  /** Removes the rules and turns corruption off. */
  public synchronized void clear() {
    rules.clear();
    corruptionRate = 0;
  }

  /** How many blocks arrived corrupted since this simulator started. */
  public synchronized long corruptedBlocks() {
    return corruptedBlocks;
  }

  /** The bytes that arrive in the other region: {@code sent} itself, or a copy with one bit flipped. */
  synchronized byte[] inTransit(byte[] sent) {
    if (corruptionRate == 0 || corruption.nextDouble() >= corruptionRate) {
      return sent;
    }
    corruptedBlocks++;
    byte[] arrived = sent.clone();
    int bit = corruption.nextInt(arrived.length * Byte.SIZE);
    arrived[bit / Byte.SIZE] ^= (byte) (1 << (bit % Byte.SIZE));
    return arrived;
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
