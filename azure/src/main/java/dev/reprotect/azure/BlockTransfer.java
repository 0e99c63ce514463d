package dev.reprotect.azure;

/** The outcome of moving blocks from one blob to another. */
public record BlockTransfer(long blocksCopied, long blocksCleared, long meteredBytes) {}
