package dev.reprotect.azure.sim;

import dev.reprotect.azure.AzureErrorCode;
import dev.reprotect.azure.AzureException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Faults and hooks by operation name (the backend method's name, such as {@code powerOff} or {@code
 * transferBlocks}) and call number, counted from 1 per operation; and corruption of the blocks that
 * cross regions.
 */
public final class FaultInjector {
  private record Rule(
      String operation, int firstCall, int lastCall, boolean afterApplied, Runnable action) {}

  /** The operations that report when they are applied, so that their answer can be lost. */
  static final Set<String> REPORT_APPLIED = Set.of("transferBlocks");

  /** What a VM's guest agent does wrong when asked to hold its writes. */
  public enum GuestAgentFault {
    /** It does not answer in time: no hold, no cut. */
    Unresponsive,
    /** It holds the writes, but the guest's applications do not acknowledge a quiesce. */
    QuiesceUnacknowledged
  }

  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final Map<String, GuestAgentFault> guestAgents = new ConcurrentHashMap<>();
  private final List<Rule> rules = new ArrayList<>();
  private double corruptionRate;
  private Random corruption = new Random(0);
  private long corruptedBlocks;

  /** Makes calls {@code firstCall .. firstCall+count-1} of an operation fail with {@code code}. */
  public synchronized FaultInjector failCalls(
      String operation, int firstCall, int count, AzureErrorCode code) {
    rules.add(new Rule(operation, firstCall, firstCall + count - 1, false, fault(operation, code)));
    return this;
  }

  /**
   * Makes calls {@code firstCall .. firstCall+count-1} of an operation fail with {@code code} once
   * they are applied, as if the answer was lost on its way back: the caller cannot tell them from
   * calls that changed nothing. Only the operations of {@link #REPORT_APPLIED} have such a point.
   */
  public synchronized FaultInjector loseAnswers(
      String operation, int firstCall, int count, AzureErrorCode code) {
    if (!REPORT_APPLIED.contains(operation)) {
      throw new IllegalArgumentException(
          "the answer of " + operation + " cannot be lost; only " + "that of " + REPORT_APPLIED);
    }
    rules.add(new Rule(operation, firstCall, firstCall + count - 1, true, fault(operation, code)));
    return this;
  }

  private static Runnable fault(String operation, AzureErrorCode code) {
    return () -> {
      throw new AzureException(code, "injected fault in " + operation);
    };
  }

  /** Runs {@code action} just before call {@code callNumber} of an operation is applied. */
  public synchronized FaultInjector onCall(String operation, int callNumber, Runnable action) {
    rules.add(new Rule(operation, callNumber, callNumber, false, action));
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

  /** The guest agent of the VM fails so from now on; null makes it answer well again. */
  public FaultInjector guestAgent(String resourceGroup, String vm, GuestAgentFault fault) {
    String key = World.scopedKey(resourceGroup, vm);
    if (fault == null) {
      guestAgents.remove(key);
    } else {
      guestAgents.put(key, fault);
    }
    return this;
  }

  GuestAgentFault guestAgentFault(String vmKey) {
    return guestAgents.get(vmKey);
  }

  /** Removes the rules, heals the guest agents and turns corruption off. */
  public synchronized void clear() {
    rules.clear();
    guestAgents.clear();
    corruptionRate = 0;
  }

  /** How many blocks arrived corrupted since this simulator started. */
  public synchronized long corruptedBlocks() {
    return corruptedBlocks;
  }

  /**
   * The bytes that arrive in the other region: {@code sent} itself, or a copy with one bit flipped.
   */
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

  /** Counts a call and runs what is due before it is applied; returns its number. */
  int beforeCall(String operation) {
    int call = calls.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
    runDue(operation, call, false);
    return call;
  }

  /**
   * Runs what is due once call {@code call} of an operation of {@link #REPORT_APPLIED} is applied.
   */
  void afterApplied(String operation, int call) {
    runDue(operation, call, true);
  }

  private void runDue(String operation, int call, boolean afterApplied) {
    List<Runnable> due = new ArrayList<>();
    synchronized (this) {
      for (Rule rule : rules) {
        if (rule.operation.equals(operation)
            && rule.afterApplied == afterApplied
            && call >= rule.firstCall
            && call <= rule.lastCall) {
          due.add(rule.action);
        }
      }
    }
    due.forEach(Runnable::run);
  }
}
