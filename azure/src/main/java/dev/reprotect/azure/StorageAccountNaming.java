package dev.reprotect.azure;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The one rule that derives storage account names from other names (a VM's, a vault's, another
 * account's): lower-case letters and digits, at most 24 characters, the base shortened so that the
 * suffix survives, then numbered variants (base, base1, base2 ...) for when a name is taken. The
 * seeder and the planner both take their names from here.
 */
public final class StorageAccountNaming {
  /** Variants tried before a search gives up: far more than any world holds accounts. */
  public static final int MAX_VARIANTS = 1000;

  private StorageAccountNaming() {}

  /** The variants of {@code base + suffix} in the order a search tries them, all valid. */
  private static Stream<String> variants(String base, String suffix) {
    String cleanBase = clean(base);
    String cleanSuffix = clean(suffix);
    return IntStream.range(0, MAX_VARIANTS).mapToObj(n -> variant(cleanBase, cleanSuffix, n));
  }

  /**
   * The first variant of {@code base + suffix} that no account holds, or that an account accepted
   * by {@code isOurs} holds; never {@code reserved}, a name given to another account (null when
   * there is none).
   */
  public static String firstFreeOrOurs(
      String base,
      String suffix,
      String reserved,
      Function<String, Optional<StorageAccount>> lookup,
      Predicate<StorageAccount> isOurs) {
    return variants(base, suffix)
        .filter(name -> !name.equals(reserved))
        .filter(name -> lookup.apply(name).map(isOurs::test).orElse(true))
        .findFirst()
        .orElseThrow(
            () -> new IllegalStateException("no free storage account name for " + base + suffix));
  }

  /** The first variant: the name in a world where nothing holds it. */
  public static String name(String base, String suffix) {
    return variant(clean(base), clean(suffix), 0);
  }

  private static String variant(String base, String suffix, int variant) {
    String number = variant == 0 ? "" : Integer.toString(variant);
    // A suffix longer than the room would leave no base: the suffix is cut from its start.
    String kept =
        suffix.substring(
            Math.max(
                0, suffix.length() - (NameRules.STORAGE_ACCOUNT_MAX_LENGTH - number.length())));
    int room = NameRules.STORAGE_ACCOUNT_MAX_LENGTH - kept.length() - number.length();
    String name = base.substring(0, Math.min(base.length(), room)) + number + kept;
    // A base too short for the 3-character minimum is padded: the name must stay valid.
    return name.length() < 3 ? (name + "000").substring(0, 3) : name;
  }

  private static String clean(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }
}
