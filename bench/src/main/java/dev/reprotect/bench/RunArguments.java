package dev.reprotect.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A run's command line: options of one value each ({@code --name VALUE}), then numbers. */
final class RunArguments {
  private final List<String> remaining;

  RunArguments(String[] args) {
    remaining = new ArrayList<>(Arrays.asList(args));
  }

  /** The option's value, taken off the command line; empty when it is not there. */
  Optional<String> option(String name) {
    int flag = remaining.indexOf(name);
    if (flag < 0) {
      return Optional.empty();
    }
    if (flag + 1 >= remaining.size()) {
      throw new IllegalArgumentException(name + " needs a value");
    }
    String value = remaining.get(flag + 1);
    remaining.subList(flag, flag + 2).clear();
    return Optional.of(value);
  }

  /** What is left once the options are taken, as numbers; {@code defaults} when nothing is. */
  int[] numbers(int... defaults) {
    return remaining.isEmpty()
        ? defaults
        : remaining.stream().mapToInt(Integer::parseInt).toArray();
  }
}
