package dev.reprotect.azure.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.reprotect.azure.ActivityLogEntry;
import dev.reprotect.azure.BlobRef;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The journal of a durable world: a SQLite database under the data dir. The changes of one
 * operation are written in one transaction, so that a process killed at any moment leaves every
 * acknowledged operation whole and no operation half-applied. Block bytes are files, written before
 * any metadata refers to them.
 */
final class SqliteJournal implements Journal {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** One statement (or a few) of an operation, run when the operation commits. */
  private interface Change {
    void apply() throws SQLException;
  }

  private final Connection db;
  private final List<Change> pending = new ArrayList<>();

  private SqliteJournal(Connection db) {
    this.db = db;
  }

  /** Opens the journal under {@code dataDir}, creating it if needed, for a given block size. */
  static SqliteJournal open(Path dataDir, int blockSize) {
    try {
      Connection db = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("state.db"));
      try (Statement s = db.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        // Every commit reaches the disk before the operation is acknowledged.
        s.execute("PRAGMA synchronous=FULL");
        s.execute("CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)");
        s.execute(
            "CREATE TABLE IF NOT EXISTS resources(kind TEXT NOT NULL, key TEXT NOT NULL,"
                + " json TEXT NOT NULL, PRIMARY KEY(kind, key))");
        s.execute(
            "CREATE TABLE IF NOT EXISTS blobs(key TEXT PRIMARY KEY, account TEXT NOT NULL,"
                + " container TEXT NOT NULL, blob TEXT NOT NULL, region TEXT NOT NULL,"
                + " size INTEGER NOT NULL)");
        s.execute(
            "CREATE TABLE IF NOT EXISTS blocks(blob TEXT NOT NULL, idx INTEGER NOT NULL,"
                + " hash TEXT NOT NULL, PRIMARY KEY(blob, idx))");
        s.execute(
            "CREATE TABLE IF NOT EXISTS activity_log(seq INTEGER PRIMARY KEY,"
                + " time TEXT NOT NULL, operation TEXT NOT NULL, resource TEXT NOT NULL,"
                + " correlation TEXT NOT NULL)");
        s.execute(
            "CREATE TABLE IF NOT EXISTS transfers(from_region TEXT NOT NULL,"
                + " to_region TEXT NOT NULL, bytes INTEGER NOT NULL,"
                + " PRIMARY KEY(from_region, to_region))");
        s.execute(
            "CREATE TABLE IF NOT EXISTS caller_transfers(correlation TEXT PRIMARY KEY,"
                + " bytes INTEGER NOT NULL)");
      }
      SqliteJournal journal = new SqliteJournal(db);
      journal.requireBlockSize(blockSize);
      return journal;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open the simulator's state in " + dataDir, e);
    }
  }

  private void requireBlockSize(int blockSize) throws SQLException {
    try (PreparedStatement read =
        db.prepareStatement("SELECT value FROM meta WHERE key = 'blockSize'")) {
      ResultSet row = read.executeQuery();
      if (row.next()) {
        if (Integer.parseInt(row.getString(1)) != blockSize) {
          throw new IllegalStateException(
              "this data dir holds blocks of " + row.getString(1) + " bytes, not " + blockSize);
        }
        return;
      }
    }
    try (PreparedStatement write =
        db.prepareStatement("INSERT INTO meta(key, value) VALUES('blockSize', ?)")) {
      write.setString(1, Integer.toString(blockSize));
      write.executeUpdate();
    }
  }

  /** Fills an empty world with what the database holds. */
  void restore(World world) {
    try (Statement s = db.createStatement()) {
      Map<String, Table<?>> tables = new HashMap<>();
      world.tables().forEach(table -> tables.put(table.name, table));
      ResultSet resources = s.executeQuery("SELECT kind, key, json FROM resources");
      while (resources.next()) {
        Table<?> table = tables.get(resources.getString(1));
        if (table == null) {
          // A kind this simulator no longer keeps (the cuts of before Snapshot Blob): their
          // blobs are still there, as blobs.
          continue;
        }
        table.restore(resources.getString(2), JSON.readValue(resources.getString(3), table.type));
      }
      Map<String, TreeMap<Long, String>> blocks = new HashMap<>();
      ResultSet blockRows = s.executeQuery("SELECT blob, idx, hash FROM blocks");
      while (blockRows.next()) {
        blocks
            .computeIfAbsent(blockRows.getString(1), k -> new TreeMap<>())
            .put(blockRows.getLong(2), blockRows.getString(3));
      }
      ResultSet blobs =
          s.executeQuery("SELECT key, account, container, blob, region, size FROM blobs");
      while (blobs.next()) {
        String key = blobs.getString(1);
        world.blobs.restore(
            key,
            new BlobData(
                new BlobRef(blobs.getString(2), blobs.getString(3), blobs.getString(4)),
                blobs.getString(5),
                blobs.getLong(6),
                blocks.getOrDefault(key, new TreeMap<>())));
      }
      ResultSet log =
          s.executeQuery(
              "SELECT seq, time, operation, resource, correlation FROM activity_log ORDER BY seq");
      while (log.next()) {
        world.log.restore(
            new ActivityLogEntry(
                log.getLong(1),
                Instant.parse(log.getString(2)),
                log.getString(3),
                log.getString(4),
                log.getString(5)));
      }
      ResultSet transfers = s.executeQuery("SELECT from_region, to_region, bytes FROM transfers");
      while (transfers.next()) {
        world.meter.restore(transfers.getString(1), transfers.getString(2), transfers.getLong(3));
      }
      ResultSet byCaller = s.executeQuery("SELECT correlation, bytes FROM caller_transfers");
      while (byCaller.next()) {
        world.meter.restoreCaller(byCaller.getString(1), byCaller.getLong(2));
      }
    } catch (SQLException | JsonProcessingException e) {
      throw new IllegalStateException("cannot read the simulator's state", e);
    }
  }

  @Override
  public synchronized void putResource(String table, String key, Object value) {
    String json = toJson(value);
    pending.add(
        () ->
            update(
                "INSERT OR REPLACE INTO resources(kind, key, json) VALUES(?, ?, ?)",
                table,
                key,
                json));
  }

  @Override
  public synchronized void removeResource(String table, String key) {
    pending.add(() -> update("DELETE FROM resources WHERE kind = ? AND key = ?", table, key));
  }

  @Override
  public synchronized void putBlob(String key, BlobData blob) {
    BlobRef ref = blob.ref;
    long size = blob.sizeBytes();
    TreeMap<Long, String> blocks = blob.copyOfBlocks();
    pending.add(
        () -> {
          update(
              "INSERT OR REPLACE INTO blobs(key, account, container, blob, region, size)"
                  + " VALUES(?, ?, ?, ?, ?, ?)",
              key,
              ref.storageAccount(),
              ref.container(),
              ref.blob(),
              blob.region,
              size);
          update("DELETE FROM blocks WHERE blob = ?", key);
          try (PreparedStatement insert =
              db.prepareStatement("INSERT INTO blocks(blob, idx, hash) VALUES(?, ?, ?)")) {
            for (Map.Entry<Long, String> block : blocks.entrySet()) {
              insert.setString(1, key);
              insert.setLong(2, block.getKey());
              insert.setString(3, block.getValue());
              insert.addBatch();
            }
            insert.executeBatch();
          }
        });
  }

  @Override
  public synchronized void removeBlob(String key) {
    pending.add(
        () -> {
          update("DELETE FROM blobs WHERE key = ?", key);
          update("DELETE FROM blocks WHERE blob = ?", key);
        });
  }

  @Override
  public synchronized void resizeBlob(String key, long sizeBytes, long firstDroppedBlock) {
    pending.add(
        () -> {
          update("UPDATE blobs SET size = ? WHERE key = ?", sizeBytes, key);
          update("DELETE FROM blocks WHERE blob = ? AND idx >= ?", key, firstDroppedBlock);
        });
  }

  @Override
  public synchronized void putBlock(String blobKey, long index, String hash) {
    pending.add(
        () ->
            update(
                "INSERT OR REPLACE INTO blocks(blob, idx, hash) VALUES(?, ?, ?)",
                blobKey,
                index,
                hash));
  }

  @Override
  public synchronized void removeBlock(String blobKey, long index) {
    pending.add(() -> update("DELETE FROM blocks WHERE blob = ? AND idx = ?", blobKey, index));
  }

  @Override
  public synchronized void appendLog(ActivityLogEntry entry) {
    pending.add(
        () ->
            update(
                "INSERT INTO activity_log(seq, time, operation, resource,"
                    + " correlation) VALUES(?, ?, ?, ?, ?)",
                entry.sequence(),
                entry.time().toString(),
                entry.operation(),
                entry.resourceId(),
                entry.correlationId()));
  }

  @Override
  public synchronized void addTransfer(
      String correlationId, String fromRegion, String toRegion, long bytes) {
    pending.add(
        () ->
            update(
                "INSERT INTO transfers(from_region, to_region, bytes) VALUES(?, ?, ?)"
                    + " ON CONFLICT(from_region, to_region) DO UPDATE SET bytes = bytes + excluded.bytes",
                fromRegion,
                toRegion,
                bytes));
    pending.add(
        () ->
            update(
                "INSERT INTO caller_transfers(correlation, bytes) VALUES(?, ?)"
                    + " ON CONFLICT(correlation) DO UPDATE SET bytes = bytes + excluded.bytes",
                correlationId,
                bytes));
  }

  @Override
  public synchronized void commit() {
    if (pending.isEmpty()) {
      return;
    }
    try {
      db.setAutoCommit(false);
      for (Change change : pending) {
        change.apply();
      }
      db.commit();
    } catch (SQLException e) {
      rollbackQuietly();
      throw new IllegalStateException("cannot record the simulator's state", e);
    } finally {
      pending.clear();
    }
  }

  @Override
  public synchronized void close() {
    try {
      db.close();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot close the simulator's state", e);
    }
  }

  private void update(String sql, Object... args) throws SQLException {
    try (PreparedStatement statement = db.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        statement.setObject(i + 1, args[i]);
      }
      statement.executeUpdate();
    }
  }

  private void rollbackQuietly() {
    try {
      db.rollback();
    } catch (SQLException ignored) {
      // The commit's own failure is the one reported.
    }
  }

  private static String toJson(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot record " + value, e);
    }
  }
}
