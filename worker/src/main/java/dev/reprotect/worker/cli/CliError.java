package dev.reprotect.worker.cli;

/** A failure as the CLI reports it: a stable code for scripts and a sentence for people. */
record CliError(String code, String message) {}
