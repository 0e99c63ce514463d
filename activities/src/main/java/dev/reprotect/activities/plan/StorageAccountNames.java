package dev.reprotect.activities.plan;

import dev.reprotect.azure.NameRules;
import dev.reprotect.azure.StorageAccount;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Storage account names the plan derives: always valid, ending in their suffix, and free or
 * already ours. When a name is taken by someone else's account, the next variant is tried
 * (base, base1, base2 ...), shortening the base so that the suffix survives.
 */
final class StorageAccountNames {
  private static final int MAX_VARIANTS = 1000;

  private StorageAccountNames() {}

  /**
   * The first variant of {@code base + suffix} that no account holds, or that an account
   * accepted by {@code isOurs} holds; never {@code reserved}, a name the plan gives another
   * account (null when there is none).
   */
  static String firstFreeOrOurs(String base, String suffix, String reserved,
      Function<String, Optional<StorageAccount>> lookup, Predicate<StorageAccount> isOurs) {
    String cleanBase = base.toLowerCase().replaceAll("[^a-z0-9]", "");
    for (int variant = 0; variant < MAX_VARIANTS; variant++) {
      String name = variant(cleanBase, suffix, variant);
      if (name.equals(reserved)) {
        continue;
      }
      Optional<StorageAccount> existing = lookup.apply(name);
      if (existing.isEmpty() || isOurs.test(existing.get())) {
        return name;
      }
    }
    throw new IllegalStateException("no free storage account name for " + base + suffix);
  }

  static String variant(String base, String suffix, int variant) {
    String number = variant == 0 ? "" : Integer.toString(variant);
    int room = NameRules.STORAGE_ACCOUNT_MAX_LENGTH - suffix.length() - number.length();
    String name = base.substring(0, Math.min(base.length(), room)) + number + suffix;
    // A base too short for the 3-character minimum is padded: the name must stay valid.
    return name.length() < 3 ? (name + "000").substring(0, 3) : name;
  }
}
