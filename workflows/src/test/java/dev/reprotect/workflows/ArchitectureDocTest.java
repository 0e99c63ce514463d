package dev.reprotect.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.workflow.WorkflowInterface;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/architecture.md names what the code has: every workflow type a worker hosts, every workflow
 * id form and every task queue. A workflow, an id or a queue added without its line there fails
 * here.
 */
class ArchitectureDocTest {
  private static final Path DOC = Path.of("..", "docs", "architecture.md");

  private static String doc() throws IOException {
    return Files.readString(DOC);
  }

  @Test
  void everyWorkflowTypeAWorkerHostsIsInTheTable() throws IOException {
    String doc = doc();
    List<String> types =
        RegisteredWorkflows.IMPLEMENTATIONS.stream()
            .flatMap(implementation -> Arrays.stream(implementation.getInterfaces()))
            .filter(type -> type.isAnnotationPresent(WorkflowInterface.class))
            .map(Class::getSimpleName)
            .distinct()
            .toList();

    assertThat(types)
        .hasSameSizeAs(RegisteredWorkflows.IMPLEMENTATIONS)
        .allSatisfy(type -> assertThat(doc).contains("| `" + type + "` |"));
  }

  /** Every id form of WorkflowIds, its arguments named as the doc names them. */
  @Test
  void everyWorkflowIdFormIsInTheTable() throws Exception {
    List<String> placeholders = List.of("<vault>", "<vm>", "<nonce>");
    List<String> forms = new ArrayList<>();
    for (Method method : WorkflowIds.class.getMethods()) {
      boolean namesOnly = Arrays.stream(method.getParameterTypes()).allMatch(String.class::equals);
      if (Modifier.isStatic(method.getModifiers())
          && method.getReturnType() == String.class
          && namesOnly) {
        forms.add(
            (String)
                method.invoke(null, placeholders.subList(0, method.getParameterCount()).toArray()));
      }
    }

    String doc = doc();
    assertThat(forms)
        .hasSizeGreaterThanOrEqualTo(13)
        .allSatisfy(form -> assertThat(doc).contains("`" + form + "`"));
  }

  @Test
  void everyTaskQueueIsInTheTable() throws IOException {
    String doc = doc();

    assertThat(
            List.of(
                TaskQueues.REPROTECT,
                TaskQueues.syncQueueOf(TaskQueues.REPROTECT),
                TaskQueues.shipmentQueueOf(TaskQueues.REPROTECT)))
        .allSatisfy(queue -> assertThat(doc).contains("| `" + queue + "`"));
  }
}
