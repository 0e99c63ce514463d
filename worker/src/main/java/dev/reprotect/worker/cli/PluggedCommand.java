package dev.reprotect.worker.cli;

import java.util.concurrent.Callable;

/**
 * A command that a module built on this one adds to the CLI when its classes are on the class path:
 * {@code bench}, from the bench module, whose jar the {@code reprotect} script runs for it. The
 * product's jar has none. A provider is a picocli {@code @Command} with a public no-argument
 * constructor, named in {@code META-INF/services/dev.reprotect.worker.cli.PluggedCommand}.
 */
public interface PluggedCommand extends Callable<Integer> {}
