package dev.reprotect.activities;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A sync's kind in JSON, as Temporal's payloads and the CLI's --json hold it. */
class SyncChoiceJsonTest {
  private static final DataConverter JSON = DefaultDataConverter.STANDARD_INSTANCE;

  @Test
  void aKindIsWrittenAsItsLabelAndReadBack() {
    SyncChoice choice = SyncChoice.fullCompare(SyncChoice.REQUESTED, "--full-compare");

    var payload = JSON.toPayload(choice).orElseThrow();

    assertThat(payload.getData().toString(StandardCharsets.UTF_8))
        .contains("\"kind\":\"full-compare\"");
    assertThat(JSON.fromPayload(payload, SyncChoice.class, SyncChoice.class)).isEqualTo(choice);
  }

  @Test
  void theConstantsNameOfJsonWrittenBeforeTheLabelStillReads() {
    var payload = JSON.toPayload(SyncChoice.changedBlocks("holds", null, null, null)).orElseThrow();
    var old =
        payload.toBuilder()
            .setData(
                ByteString.copyFromUtf8(
                    payload
                        .getData()
                        .toString(StandardCharsets.UTF_8)
                        .replace("\"changed-blocks\"", "\"ChangedBlocks\"")))
            .build();

    assertThat(old.getData().toString(StandardCharsets.UTF_8)).contains("\"ChangedBlocks\"");
    assertThat(JSON.fromPayload(old, SyncChoice.class, SyncChoice.class).kind())
        .isEqualTo(SyncChoice.SyncKind.ChangedBlocks);
    assertThat(SyncChoice.SyncKind.of("FullCompare")).isEqualTo(SyncChoice.SyncKind.FullCompare);
  }
}
