package dev.reprotect.activities;

public enum ArtefactType {
  ResourceGroup,
  StorageAccount,
  AvailabilitySet,
  VirtualNetwork
}
