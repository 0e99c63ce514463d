package dev.reprotect.workflows.job;

/**
 * The job's current details in the Web UI (markdown): a heading, then the step table, while the job
 * runs and after it ends, so a finished job still shows what each step did.
 */
final class JobDetails {
  private JobDetails() {}

  static String markdown(String heading, Job<?, ?> job) {
    StringBuilder details =
        new StringBuilder(heading)
            .append(String.format("%n%n| Step | State | Detail |%n|---|---|---|%n"));
    for (JobStep<?> step : job.steps()) {
      details.append(
          String.format("| %s | %s | %s |%n", step.title(), step.state(), cell(step.detail())));
    }
    return details.toString();
  }

  /** A detail inside one table cell: a pipe or a line break would end the cell or the row. */
  private static String cell(String text) {
    return text == null ? "" : text.replace("|", "\\|").replaceAll("\\R", " ");
  }
}
