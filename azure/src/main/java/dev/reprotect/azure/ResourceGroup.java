package dev.reprotect.azure;

public record ResourceGroup(String name, String location) {}
