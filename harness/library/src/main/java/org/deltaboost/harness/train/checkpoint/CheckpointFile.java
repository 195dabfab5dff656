package org.deltaboost.harness.train.checkpoint;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;
import org.deltaboost.harness.train.TrainingRun;
import org.deltaboost.harness.train.config.TrainingConfig;
import org.deltaboost.harness.train.config.TrainingConfigReader;
import org.deltaboost.harness.train.optim.TrainingOptimizer;
import org.deltaboost.records.AtomicFileWrite;
import org.deltaboost.records.EpochResult;

/**
 * The checkpoint of a run, {@code checkpoint.bin} in its run folder, rewritten after every epoch.
 *
 * <p>It holds everything a resumed run needs to continue with the numbers an uninterrupted run
 * would have produced: the results of the epochs done (their count is the epoch to continue after),
 * the network's parameters ({@link Block#saveParameters}), and the optimizer's state: its kind and
 * per parameter the update count and buffers (SGD's velocity, Adam's moments; {@link
 * TrainingOptimizer#saveState}). The random state needs no bytes: the shuffle order and the engine
 * seed of epoch {@code e} are derived from {@code (seed, e)} alone (see {@link TrainingRun}).
 *
 * <p>Layout (version 3): int magic {@code DBCK}, int version, int JSON length, a UTF-8 JSON object
 * {@code {"config": <identity>, "epochs": [<EpochResult>…]}}, the parameters, the optimizer state,
 * int magic again, and last the CRC32C of every byte before it. The identity is the run's config
 * without the fields a continued run may change ({@link #IDENTITY_EXCLUDES}).
 *
 * <p>Reading trusts nothing before the checksum: the file must be a regular file of at least the
 * fixed fields' size, its CRC32C must match, the JSON length must fit in the file, the epochs must
 * be numbered 1..n with n no more than the run's epochs, and the identity must equal the run's;
 * only then are the parameters and the optimizer state loaded. A checksum proves no intent, so the
 * lengths behind it are bounded too: the parameter section must match what the network writes
 * itself, array headers included ({@link ParameterSectionCheck}), and each optimizer buffer must
 * declare its parameter's shape ({@link TrainingOptimizer#loadState}); nothing is allocated that
 * the network does not hold already. Every failure is an {@link IOException} whose message names
 * the file and what was wrong. Writing goes through {@link AtomicFileWrite} (a uniquely named
 * temporary file, forced, renamed), so a crash at any point leaves either the previous or the new
 * checkpoint, never a torn one.
 */
public final class CheckpointFile {

  /** File name inside the run folder. */
  public static final String NAME = "checkpoint.bin";

  /** Config fields left out of the identity: what a continued run may change or does not record. */
  public static final List<String> IDENTITY_EXCLUDES =
      List.of("epochs", "probes", "learningRate", "device", "dataDir");

  private static final int MAGIC = 0x4442434B; // "DBCK"
  private static final int VERSION = 3;

  /** magic, version, JSON length, end magic, CRC32C. */
  private static final int FIXED_BYTES = 5 * Integer.BYTES;

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

  /**
   * Returns whether something is at the checkpoint's path (a file, or something in the way that
   * {@link #verify} refuses).
   */
  public boolean exists() {
    return Files.exists(file, LinkOption.NOFOLLOW_LINKS);
  }

  /**
   * Atomically replaces the checkpoint.
   *
   * @param config the run's config, whose identity the checkpoint records
   * @param epochs the results of every epoch done so far, in order
   * @param block the network after the last of them
   * @param optimizer its optimizer
   */
  public void write(
      TrainingConfig config, List<EpochResult> epochs, Block block, TrainingOptimizer optimizer)
      throws IOException {
    ObjectNode header = json.createObjectNode();
    header.set("config", identity(config));
    header.set("epochs", json.valueToTree(epochs));
    byte[] results = json.writeValueAsBytes(header);
    AtomicFileWrite.write(
        file,
        stream -> {
          CRC32C crc = new CRC32C();
          DataOutputStream out = new DataOutputStream(new CheckedOutputStream(stream, crc));
          out.writeInt(MAGIC);
          out.writeInt(VERSION);
          out.writeInt(results.length);
          out.write(results);
          block.saveParameters(out);
          optimizer.saveState(block, out);
          out.writeInt(MAGIC);
          out.flush();
          new DataOutputStream(stream).writeInt((int) crc.getValue());
        });
  }

  /**
   * Checks the checkpoint against {@code config} without loading any parameter: a regular file, its
   * checksum, its lengths, its epochs and its identity.
   *
   * @return the results of the epochs done
   * @throws IOException naming the file and what is wrong with it
   */
  public List<EpochResult> verify(TrainingConfig config) throws IOException {
    try (FileChannel channel = open()) {
      return header(channel, config).epochs();
    }
  }

  /**
   * Loads the checkpoint into a freshly built network (before its trainer is initialized) and
   * optimizer, after {@linkplain #verify verifying} it. The network is first initialized for {@code
   * inputShape} (in a manager closed before this returns) and its own parameters are compared with
   * the checkpoint's ({@link ParameterSectionCheck}), so that no length in the file is allocated
   * before it is known to be the network's, even in a file whose checksum was recomputed after
   * forging it.
   *
   * @param config the run's config, which the checkpoint must belong to
   * @param block a network of the same architecture, not yet initialized
   * @param inputShape the shape the trainer initializes the network for (batch dimension first)
   * @param manager the manager that owns the loaded parameters (the model's)
   * @param optimizer receives the optimizer state
   * @return the results of the epochs done
   * @throws IOException when the file is missing, damaged, of another run or not of this network;
   *     the message names the file
   */
  public List<EpochResult> readInto(
      TrainingConfig config,
      Block block,
      Shape inputShape,
      NDManager manager,
      TrainingOptimizer optimizer)
      throws IOException {
    try (FileChannel channel = open()) {
      Header header = header(channel, config);
      boolean endMarked;
      try (NDManager template = manager.newSubManager()) {
        block.initialize(template, DataType.FLOAT32, inputShape);
        List<String> names = block.getParameters().keys();
        new ParameterSectionCheck(body(channel, header), names).check(block);
        DataInputStream in = body(channel, header);
        block.loadParameters(manager, in);
        optimizer.loadState(block, manager, in);
        // The end marker, the checksum (verified above), then the end of the file.
        endMarked =
            in.readInt() == MAGIC
                && in.skipBytes(Integer.BYTES) == Integer.BYTES
                && in.read() == -1;
      } catch (ParameterSectionCheck.MismatchException e) {
        throw new IOException(
            "checkpoint " + file + " does not fit this network: " + e.getMessage(), e);
      } catch (EOFException e) {
        throw new IOException("checkpoint " + file + " is truncated inside its parameters", e);
      } catch (UTFDataFormatException e) {
        throw new IOException(
            "checkpoint "
                + file
                + " has a malformed name inside its parameters or optimizer state: "
                + firstLine(e.getMessage()),
            e);
      } catch (MalformedModelException | RuntimeException e) {
        throw new IOException(
            "checkpoint " + file + " does not fit this network: " + firstLine(e.getMessage()), e);
      }
      if (!endMarked) {
        throw new IOException("checkpoint " + file + " has a bad end marker or bytes past it");
      }
      return header.epochs();
    }
  }

  /** A stream over the checkpoint from its parameter section on; it supports {@code mark}. */
  private static DataInputStream body(FileChannel channel, Header header) throws IOException {
    channel.position(header.bodyStart());
    // The channel's stream is not closed: closing it would close the channel.
    return new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel), 1 << 16));
  }

  /** The verified header and where the parameters start. */
  private record Header(List<EpochResult> epochs, long bodyStart) {}

  private FileChannel open() throws IOException {
    if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(
          "checkpoint " + file + " is a folder, not a checkpoint file; move it away");
    }
    if (!Files.isRegularFile(file)) {
      throw new IOException(
          "checkpoint "
              + file
              + (Files.exists(file, LinkOption.NOFOLLOW_LINKS)
                  ? " is not a regular file"
                  : " does not exist"));
    }
    return FileChannel.open(file, StandardOpenOption.READ);
  }

  private Header header(FileChannel channel, TrainingConfig config) throws IOException {
    long size = channel.size();
    ByteBuffer fixed = ByteBuffer.allocate((int) Math.min(size, 3 * Integer.BYTES));
    readFully(channel, fixed, 0);
    if (size >= Integer.BYTES && fixed.getInt(0) != MAGIC) {
      throw new IOException("checkpoint " + file + " is not a deltaboost checkpoint (bad magic)");
    }
    if (size >= 2 * Integer.BYTES && fixed.getInt(4) != VERSION) {
      throw new IOException(
          "checkpoint "
              + file
              + " has version "
              + fixed.getInt(4)
              + ", this build reads "
              + VERSION);
    }
    if (size < FIXED_BYTES) {
      throw new IOException(
          "checkpoint "
              + file
              + " is truncated: "
              + size
              + " bytes, a checkpoint has at least "
              + FIXED_BYTES);
    }
    checkChecksum(channel, size);
    long length = Integer.toUnsignedLong(fixed.getInt(8));
    if (length > size - FIXED_BYTES) {
      throw new IOException(
          "checkpoint "
              + file
              + " claims "
              + length
              + " bytes of epoch results, but the file has "
              + size
              + " bytes in all");
    }
    ByteBuffer results = ByteBuffer.allocate((int) length);
    readFully(channel, results, 3 * Integer.BYTES);
    JsonNode header;
    List<EpochResult> epochs;
    try {
      header = json.readTree(results.array());
      epochs = json.convertValue(header.get("epochs"), new TypeReference<List<EpochResult>>() {});
    } catch (IOException | IllegalArgumentException e) {
      throw new IOException(
          "checkpoint " + file + " has unreadable epoch results: " + firstLine(e.getMessage()), e);
    }
    if (header == null || !header.path("config").isObject() || epochs == null) {
      throw new IOException("checkpoint " + file + " lacks its 'config' or 'epochs'");
    }
    for (int i = 0; i < epochs.size(); i++) {
      if (epochs.get(i) == null || epochs.get(i).epoch() != i + 1) {
        throw new IOException(
            "checkpoint "
                + file
                + " holds epochs out of order: entry "
                + (i + 1)
                + " is not epoch "
                + (i + 1));
      }
    }
    if (epochs.size() > config.epochs()) {
      throw new IOException(
          "checkpoint "
              + file
              + " holds "
              + epochs.size()
              + " epochs, more than the "
              + config.epochs()
              + " this run trains; raise --epochs to at least "
              + epochs.size()
              + " to continue it");
    }
    ObjectNode expected = identity(config);
    if (!expected.equals(header.get("config"))) {
      List<String> differing = new ArrayList<>();
      Set<String> names = new TreeSet<>();
      expected.fieldNames().forEachRemaining(names::add);
      header.get("config").fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        if (!java.util.Objects.equals(expected.get(name), header.get("config").get(name))) {
          differing.add(
              name
                  + " (checkpoint: "
                  + header.get("config").get(name)
                  + ", run: "
                  + expected.get(name)
                  + ")");
        }
      }
      throw new IOException(
          "checkpoint " + file + " belongs to another run: " + String.join(", ", differing));
    }
    return new Header(epochs, 3L * Integer.BYTES + length);
  }

  /** Compares the stored CRC32C with one computed over every byte before it. */
  private void checkChecksum(FileChannel channel, long size) throws IOException {
    CRC32C crc = new CRC32C();
    ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
    long end = size - Integer.BYTES;
    for (long position = 0; position < end; ) {
      buffer.clear();
      buffer.limit((int) Math.min(buffer.capacity(), end - position));
      int read = channel.read(buffer, position);
      if (read < 0) {
        throw new IOException("checkpoint " + file + " shrank while it was read");
      }
      buffer.flip();
      crc.update(buffer);
      position += read;
    }
    ByteBuffer stored = ByteBuffer.allocate(Integer.BYTES);
    readFully(channel, stored, end);
    if (stored.getInt(0) != (int) crc.getValue()) {
      throw new IOException(
          "checkpoint "
              + file
              + " fails its CRC32C check (damaged or truncated); it cannot be resumed");
    }
  }

  private void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
    while (buffer.hasRemaining()) {
      int read = channel.read(buffer, position + buffer.position());
      if (read < 0) {
        throw new IOException("checkpoint " + file + " is truncated");
      }
    }
  }

  /** The config fields a continued run must share with the one that wrote the checkpoint. */
  static ObjectNode identity(TrainingConfig config) {
    ObjectNode tree = new TrainingConfigReader().toTree(config);
    IDENTITY_EXCLUDES.forEach(tree::remove);
    return tree;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }
}
