package org.deltaboost.harness.runs;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The single-writer lock of a run folder (or a grid or tuning folder): an OS file lock ({@link
 * FileChannel#tryLock}) on {@value #FILE} inside the folder, held until {@link #close}.
 *
 * <p>Protocol: open (create) {@value #FILE}, take the exclusive lock, then write the holder's line
 * {@code pid <pid> on <host> since <UTC time>} into it; on close, empty the file, then release. A
 * second process finds the lock taken and gets a {@link RunFolderLockedException} naming the holder
 * from that line. Within one JVM a second lock on the same file throws {@link
 * OverlappingFileLockException}, read as "held" too. The kernel drops the lock of a process that
 * dies, so a folder left by a killed process is simply locked again; the holder line it left (a
 * cleanly closed lock leaves the file empty) is reported by {@link #tookOverFrom}. The file itself
 * is never deleted: deleting a lock file races with a process that has opened it.
 */
public final class RunFolderLock implements AutoCloseable {

  /** The lock file's name inside the folder. */
  public static final String FILE = ".lock";

  /** A holder line longer than this is cut when read (the file is ours, but may be damaged). */
  private static final int MAX_HOLDER_BYTES = 512;

  private final Path folder;
  private final FileChannel channel;
  private final FileLock lock;
  private final String tookOverFrom;

  private RunFolderLock(Path folder, FileChannel channel, FileLock lock, String tookOverFrom) {
    this.folder = folder;
    this.channel = channel;
    this.lock = lock;
    this.tookOverFrom = tookOverFrom;
  }

  /**
   * Locks {@code folder}, creating it when missing.
   *
   * @throws RunFolderLockedException when another process (or another lock in this JVM) holds it
   * @throws java.nio.file.FileSystemException when the folder or its lock file cannot be created
   */
  public static RunFolderLock acquire(Path folder) throws IOException {
    Path file = folder.resolve(FILE);
    // A folder or lock file that cannot be made fails with the JDK's FileSystemException, which
    // names the path; the CLI words it (FailureMessage).
    Files.createDirectories(folder);
    FileChannel channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        String holder = holder(channel);
        channel.close();
        throw new RunFolderLockedException(
            folder, holder.isEmpty() ? "another process (it has not named itself yet)" : holder);
      }
      String previous = holder(channel);
      byte[] line = (describeThisProcess() + "\n").getBytes(StandardCharsets.UTF_8);
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(line), 0);
      channel.force(true);
      return new RunFolderLock(folder, channel, lock, previous.isEmpty() ? null : previous);
    } catch (IOException | RuntimeException e) {
      if (channel.isOpen()) {
        channel.close();
      }
      throw e;
    }
  }

  /** Returns the locked folder. */
  public Path folder() {
    return folder;
  }

  /**
   * Returns the holder line left by a process that died holding this folder (the lock is now ours),
   * or {@code null} when the previous holder closed its lock cleanly or there was none.
   */
  public String tookOverFrom() {
    return tookOverFrom;
  }

  /** Empties the lock file and releases the lock. */
  @Override
  public void close() throws IOException {
    try {
      if (channel.isOpen()) {
        channel.truncate(0);
        channel.force(true);
      }
    } finally {
      try {
        lock.release();
      } finally {
        channel.close();
      }
    }
  }

  /** This process as {@code pid <pid> on <host> since <UTC time>}. */
  static String describeThisProcess() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = System.getenv().getOrDefault("HOSTNAME", "an unknown host");
    }
    return "pid "
        + ProcessHandle.current().pid()
        + " on "
        + host
        + " since "
        + Instant.now().truncatedTo(ChronoUnit.SECONDS);
  }

  /**
   * The holder line in the lock file, its first line only, bounded and without control characters.
   */
  private static String holder(FileChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(MAX_HOLDER_BYTES);
    long position = 0;
    while (buffer.hasRemaining()) {
      int read = channel.read(buffer, position);
      if (read < 0) {
        break;
      }
      position += read;
    }
    String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    int end = text.indexOf('\n');
    return (end < 0 ? text : text.substring(0, end)).replaceAll("\\p{Cntrl}", "?").strip();
  }
}
