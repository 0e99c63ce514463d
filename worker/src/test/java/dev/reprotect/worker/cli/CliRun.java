package dev.reprotect.worker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** One run of the CLI in this JVM, with what it printed. */
public record CliRun(int exitCode, String stdout, String stderr) {
  public static CliRun of(String... args) {
    PrintStream savedOut = System.out;
    PrintStream savedErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int exit = ReprotectCli.run(args);
      return new CliRun(
          exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(savedOut);
      System.setErr(savedErr);
    }
  }

  public JsonNode json() {
    try {
      return new ObjectMapper().readTree(stdout);
    } catch (IOException e) {
      throw new UncheckedIOException("stdout is not JSON:\n" + stdout, e);
    }
  }
}
