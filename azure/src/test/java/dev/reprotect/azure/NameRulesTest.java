package dev.reprotect.azure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The naming rules of the domain: vaults, VMs and storage accounts. */
class NameRulesTest {
  // Annotation values must be constants: the lengths are checked in namesAtTheLengthLimits().
  private static final String A50 = "a2345678901234567890123456789012345678901234567890";
  private static final String A64 =
      "a234567890123456789012345678901234567890123456789012345678901234";

  @Test
  void namesAtTheLengthLimits() {
    assertThat(A50).hasSize(50);
    assertThat(A64).hasSize(64);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ab", "contoso", "Contoso-Vault-1", "a1", "x-", A50})
  void validVaultNames(String name) {
    assertThat(NameRules.isValidVaultName(name)).isTrue();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "a",
        "1vault",
        "-vault",
        "contoso.prod",
        "con_toso",
        "con toso",
        "contoso/x",
        "vault:1",
        "a" + A50
      })
  void invalidVaultNames(String name) {
    assertThat(NameRules.isValidVaultName(name)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"w", "web-01", "Web.01", "web_01", "1web", "a.b-c_d", A64})
  void validVmNames(String name) {
    assertThat(NameRules.isValidVmName(name)).isTrue();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"web 01", "web/01", "web:01", "web@01", "wéb", "a" + A64})
  void invalidVmNames(String name) {
    assertThat(NameRules.isValidVmName(name)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "stweb01", "123", "abcdefghijklmnopqrstuvwx"})
  void validStorageAccountNames(String name) {
    assertThat(NameRules.isValidStorageAccountName(name)).isTrue();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {"ab", "StWeb01", "st-web", "st_web", "st.web", "abcdefghijklmnopqrstuvwxy"})
  void invalidStorageAccountNames(String name) {
    assertThat(NameRules.isValidStorageAccountName(name)).isFalse();
  }

  @Test
  void theStorageAccountMaxLengthIsTheLongestValidName() {
    int max = NameRules.STORAGE_ACCOUNT_MAX_LENGTH;
    assertThat(max).isEqualTo(24);
    assertThat(NameRules.isValidStorageAccountName("s".repeat(max))).isTrue();
    assertThat(NameRules.isValidStorageAccountName("s".repeat(max + 1))).isFalse();
  }
}
