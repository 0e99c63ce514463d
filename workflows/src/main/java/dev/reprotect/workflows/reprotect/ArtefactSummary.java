package dev.reprotect.workflows.reprotect;

/** An artefact in the summary; action is "created" or "reused". */
public record ArtefactSummary(
    String type, String role, String name, String region, String action) {}
