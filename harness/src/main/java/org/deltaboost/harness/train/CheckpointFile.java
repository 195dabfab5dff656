package org.deltaboost.harness.train;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The checkpoint of a run, {@code checkpoint.bin} in its run folder, rewritten after every epoch.
 *
 * <p>It holds everything a resumed run needs to continue with the numbers an uninterrupted run
 * would have produced: the results of the epochs done (their count is the epoch to continue
 * after), the network's parameters ({@link Block#saveParameters}), and the optimizer's state: its
 * kind and per parameter the update count and buffers (SGD's velocity, Adam's moments; {@link
 * TrainingOptimizer#saveState}). The random state needs no bytes: the shuffle order and
 * the engine seed of epoch {@code e} are derived from {@code (seed, e)} alone (see
 * {@link TrainingRun}).
 *
 * <p>Layout: int magic {@code DBCK}, int version, int JSON length, the epoch results as UTF-8 JSON,
 * the parameters, the optimizer state, int magic again. It is written to {@code checkpoint.bin.tmp},
 * forced to disk, and renamed over the old one atomically, so a crash at any point leaves either
 * the previous or the new checkpoint, never a torn one.
 */
public final class CheckpointFile {

  /** File name inside the run folder. */
  public static final String NAME = "checkpoint.bin";

  private static final int MAGIC = 0x4442434B; // "DBCK"
  private static final int VERSION = 2;

  private final ObjectMapper json = new ObjectMapper();
  private final Path file;

  /** Refers to the checkpoint of the run in {@code runDirectory}. */
  public CheckpointFile(Path runDirectory) {
    this.file = runDirectory.resolve(NAME);
  }

  /** Returns the checkpoint's path. */
  public Path path() {
    return file;
  }

  /** Returns whether a checkpoint has been written. */
  public boolean exists() {
    return Files.isRegularFile(file);
  }

  /**
   * Atomically replaces the checkpoint.
   *
   * @param epochs the results of every epoch done so far, in order
   * @param block the network after the last of them
   * @param optimizer its optimizer
   */
  public void write(List<EpochResult> epochs, Block block, TrainingOptimizer optimizer) throws IOException {
    Path temp = file.resolveSibling(NAME + ".tmp");
    try (FileChannel channel =
        FileChannel.open(
            temp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      DataOutputStream out =
          new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16));
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      byte[] results = json.writeValueAsBytes(epochs);
      out.writeInt(results.length);
      out.write(results);
      block.saveParameters(out);
      optimizer.saveState(block, out);
      out.writeInt(MAGIC);
      out.flush();
      channel.force(true);
    }
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    forceDirectory(file.getParent());
  }

  /**
   * Loads the checkpoint into a freshly built network (before its trainer is initialized) and
   * optimizer.
   *
   * @param block a network of the same architecture, not yet initialized
   * @param manager the manager that owns the loaded parameters (the model's)
   * @param optimizer receives the optimizer state
   * @return the results of the epochs done
   * @throws IOException when the file is missing, truncated or not a checkpoint of this network;
   *     the message names the file
   */
  public List<EpochResult> readInto(Block block, NDManager manager, TrainingOptimizer optimizer)
      throws IOException {
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      if (in.readInt() != MAGIC) {
        throw new IOException("checkpoint " + file + " is not a deltaboost checkpoint (bad magic)");
      }
      int version = in.readInt();
      if (version != VERSION) {
        throw new IOException(
            "checkpoint " + file + " has version " + version + ", this build reads " + VERSION);
      }
      byte[] results = new byte[in.readInt()];
      in.readFully(results);
      List<EpochResult> epochs =
          json.readValue(
              new String(results, StandardCharsets.UTF_8), new TypeReference<List<EpochResult>>() {});
      block.loadParameters(manager, in);
      optimizer.loadState(block, manager, in);
      if (in.readInt() != MAGIC) {
        throw new IOException("checkpoint " + file + " has trailing garbage or a bad end marker");
      }
      return epochs;
    } catch (EOFException e) {
      throw new IOException("checkpoint " + file + " is truncated", e);
    } catch (MalformedModelException e) {
      throw new IOException(
          "checkpoint " + file + " does not fit this network: " + e.getMessage(), e);
    }
  }

  /** Makes the rename durable; not every platform can open a folder, and there it is skipped. */
  private static void forceDirectory(Path directory) {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // Folders cannot be opened for sync on some platforms (Windows); the file itself is synced.
    }
  }
}
