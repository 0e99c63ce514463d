package dev.reprotect.workflows.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reprotect.activities.ProtectionPlan;
import dev.reprotect.azure.ItemLifecycle;
import dev.reprotect.workflows.reprotect.ProtectionStep;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Web UI's details of a job: the heading, then one table row per step. */
class JobDetailsTest {
  private static final Instant T = Instant.parse("2026-12-01T06:49:28Z");

  @Test
  void aFailedJobShowsItsCodeAndEveryStepInOneTableRowEach() {
    Job<ProtectionStep, ProtectionPlan> job =
        new Job<>(
            "reprotect.contoso.web-01",
            "contoso",
            "web-01",
            ItemLifecycle.Reprotect,
            JobState.Failed,
            T,
            T,
            List.of(
                new JobStep<>(
                    ProtectionStep.CheckPrerequisites,
                    "Check prerequisites",
                    StepState.Succeeded,
                    T,
                    T,
                    "web-01 | southeastasia -> eastasia"),
                new JobStep<>(
                    ProtectionStep.PrepareArtefacts,
                    "Prepare artefacts",
                    StepState.Failed,
                    T,
                    T,
                    "TargetRegionUnavailable:\neastasia is down"),
                new JobStep<>(
                    ProtectionStep.InitialSync,
                    "Initial sync",
                    StepState.NotStarted,
                    null,
                    null,
                    "")),
            "TargetRegionUnavailable",
            "eastasia is down",
            null,
            null);

    String details =
        JobDetails.markdown(
            "**Failed**: Reprotect of web-01 in vault contoso"
                + "\n\nTargetRegionUnavailable: eastasia is down",
            job);

    List<String> lines = details.lines().toList();
    assertThat(lines)
        .containsSubsequence(
            "**Failed**: Reprotect of web-01 in vault contoso",
            "TargetRegionUnavailable: eastasia is down",
            "| Step | State | Detail |",
            "|---|---|---|",
            "| Check prerequisites | Succeeded | web-01 \\| southeastasia -> eastasia |",
            "| Prepare artefacts | Failed | TargetRegionUnavailable: eastasia is down |",
            "| Initial sync | NotStarted |  |");
  }
}
