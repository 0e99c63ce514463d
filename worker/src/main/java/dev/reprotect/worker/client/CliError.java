package dev.reprotect.worker.client;

/** A failure as the CLI reports it: a stable code for scripts and a sentence for people. */
public record CliError(String code, String message) {}
