package dev.reprotect.activities.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reprotect.activities.Customization;
import dev.reprotect.activities.ProtectionPlan;
import dev.reprotect.activities.ReprotectRequest;
import dev.reprotect.azure.NameRules;
import dev.reprotect.azure.ReplicatedItem;
import dev.reprotect.azure.sim.Scenario;
import dev.reprotect.azure.sim.SimulatedAzure;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The demo's world can be seeded and its reprotect planned for any valid VM name: every name the
 * seeder and the planner derive from it is valid, and each region gets its own accounts.
 */
class DemoWorldForEveryVmNameTest {
  private static final String VM_CHARACTERS =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._";
  private static final int GENERATED = 150;

  /** The names of the issue and the edges, then generated names of 1 to 64 characters. */
  static Stream<String> vmNames() {
    SplittableRandom random = new SplittableRandom(20261201);
    Stream<String> generated =
        Stream.generate(
                () -> {
                  StringBuilder name = new StringBuilder();
                  int length = 1 + random.nextInt(64);
                  for (int i = 0; i < length; i++) {
                    name.append(VM_CHARACTERS.charAt(random.nextInt(VM_CHARACTERS.length())));
                  }
                  return name.toString();
                })
            .filter(NameRules::isValidVmName)
            .limit(GENERATED);
    return Stream.concat(
        Stream.of(
            "finance-reporting-db-primary-07",
            "web-01",
            "a",
            "_",
            "...",
            "x.",
            "web-frontend-prod-01-southeastasia",
            "9".repeat(64),
            "a-b.c_d".repeat(9) + "e"),
        generated);
  }

  @ParameterizedTest
  @MethodSource("vmNames")
  void theDemoWorldIsSeededAndItsReprotectPlanned(String vm) {
    assertThat(NameRules.isValidVmName(vm)).isTrue();
    Scenario s =
        Scenario.builder()
            .vm(vm)
            .diskSizeBytes(4L * 4096)
            .dataDisks(1)
            .inAvailabilitySet(vm.length() % 2 == 0)
            .build();
    try (SimulatedAzure azure = SimulatedAzure.seeded(s, 4096)) {
      ReplicatedItem item = azure.recoveryServices().replicatedItem(s.vault(), vm).orElseThrow();
      assertThat(item.source().storageAccount()).isNotEqualTo(item.target().storageAccount());

      ProtectionPlan plan =
          new ReprotectPlanner(azure)
              .plan(new ReprotectRequest(s.vault(), vm, Customization.none()), null);

      String target = plan.targetStorageAccount().name();
      String cache = plan.cacheStorageAccount().name();
      assertThat(Stream.of(item.source().storageAccount(), target, cache))
          .allMatch(NameRules::isValidStorageAccountName);
      assertThat(plan.targetStorageAccount().region()).isEqualTo(s.targetRegion());
      assertThat(plan.cacheStorageAccount().region()).isEqualTo(s.sourceRegion());
      assertThat(target).isNotEqualTo(cache).isNotEqualTo(item.source().storageAccount());
      assertThat(plan.disks()).hasSize(2);
    }
  }
}
