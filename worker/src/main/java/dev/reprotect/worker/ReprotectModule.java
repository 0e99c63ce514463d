package dev.reprotect.worker;

import com.google.inject.AbstractModule;
import com.google.inject.name.Names;
import dev.reprotect.activities.sync.InitialSyncActivitiesImpl;
import dev.reprotect.azure.AzureBackend;

/** The wiring of a worker: the backend its activities talk to, and the sync's tuning. */
public final class ReprotectModule extends AbstractModule {
  private final AzureBackend azure;
  private final int blocksPerRange;

  public ReprotectModule(AzureBackend azure, int blocksPerRange) {
    this.azure = azure;
    this.blocksPerRange = blocksPerRange;
  }

  @Override
  protected void configure() {
    bind(AzureBackend.class).toInstance(azure);
    bindConstant()
        .annotatedWith(Names.named(InitialSyncActivitiesImpl.BLOCKS_PER_RANGE))
        .to(blocksPerRange);
  }
}
