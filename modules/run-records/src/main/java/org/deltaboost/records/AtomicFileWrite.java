package org.deltaboost.records;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Replaces a file whole or not at all: the content goes to a temporary file of a unique name beside
 * the target ({@code .<name>.<random>.tmp}, so two writers never share one), is forced to disk, and
 * is renamed over the target atomically; the folder is then synced so the rename survives a crash.
 * If anything fails, the temporary file is deleted and the target is untouched. The new file is
 * {@code rw-r--r--} where the file system has POSIX permissions.
 */
public final class AtomicFileWrite {

  /** Writes a file's content to a stream. */
  @FunctionalInterface
  public interface Content {
    /** Writes everything; the stream is flushed and closed by the caller. */
    void writeTo(OutputStream out) throws IOException;
  }

  private AtomicFileWrite() {}

  /** Replaces {@code target} with {@code bytes}. */
  public static void write(Path target, byte[] bytes) throws IOException {
    write(target, out -> out.write(bytes));
  }

  /** Replaces {@code target} with what {@code content} writes. */
  public static void write(Path target, Content content) throws IOException {
    Path folder = target.toAbsolutePath().getParent();
    Path temp = Files.createTempFile(folder, "." + target.getFileName() + ".", ".tmp");
    boolean moved = false;
    try {
      // createTempFile makes the file owner-only; a run record is as readable as any file here.
      if (Files.getFileStore(temp).supportsFileAttributeView(PosixFileAttributeView.class)) {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
      }
      try (FileChannel channel =
              FileChannel.open(
                  temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
          OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16)) {
        content.writeTo(out);
        out.flush();
        channel.force(true);
      }
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      moved = true;
      forceFolder(folder);
    } finally {
      if (!moved) {
        Files.deleteIfExists(temp);
      }
    }
  }

  /** Makes a rename durable; not every platform can open a folder, and there it is skipped. */
  private static void forceFolder(Path folder) {
    try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // Folders cannot be opened for sync on some platforms (Windows); the file itself is synced.
    }
  }
}
