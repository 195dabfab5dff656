package org.deltaboost.data.cifar;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.deltaboost.data.core.Checksum;
import org.deltaboost.data.core.OfficialFile;

/**
 * Small files in exactly the official binary format: per record the label byte(s), then 1024 red,
 * 1024 green and 1024 blue bytes. Pixel k of global image i is {@code (7·i + 13·k) mod 256}, so
 * every image differs and every value is known without reading anything back.
 */
final class CifarFixtures {
  static final int PIXELS = 3072;

  private CifarFixtures() {}

  /** The pixels written for global image i. */
  static byte[] image(int i) {
    byte[] pixels = new byte[PIXELS];
    for (int k = 0; k < PIXELS; k++) {
      pixels[k] = (byte) ((7 * i + 13 * k) % 256);
    }
    return pixels;
  }

  /** CIFAR-10 records: one label byte each; images numbered from {@code firstImage}. */
  static byte[] cifar10Records(int firstImage, int... labels) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int r = 0; r < labels.length; r++) {
      out.write(labels[r]);
      out.writeBytes(image(firstImage + r));
    }
    return out.toByteArray();
  }

  /** CIFAR-100 records: {@code labels} holds coarse, fine pairs. */
  static byte[] cifar100Records(int firstImage, int... coarseFinePairs) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int r = 0; r < coarseFinePairs.length / 2; r++) {
      out.write(coarseFinePairs[2 * r]);
      out.write(coarseFinePairs[2 * r + 1]);
      out.writeBytes(image(firstImage + r));
    }
    return out.toByteArray();
  }

  static final List<String> CIFAR10_NAMES =
      List.of(
          "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");

  /** batches.meta.txt as released: one name per line, then a blank line. */
  static byte[] cifar10Meta() {
    return (String.join("\n", CIFAR10_NAMES) + "\n\n").getBytes(StandardCharsets.US_ASCII);
  }

  /** Train labels of the small CIFAR-10 layout (2 records in each of 5 batches). */
  static final int[] TRAIN_LABELS = {6, 9, 9, 4, 1, 1, 2, 7, 8, 3};

  /** Test labels of the small CIFAR-10 layout (3 records). */
  static final int[] TEST_LABELS = {3, 8, 0};

  /** The small CIFAR-10 files: name → content, with train images 0..9 and test images 100..102. */
  static Map<String, byte[]> cifar10Files() {
    return Map.of(
        "data_batch_1.bin", cifar10Records(0, 6, 9),
        "data_batch_2.bin", cifar10Records(2, 9, 4),
        "data_batch_3.bin", cifar10Records(4, 1, 1),
        "data_batch_4.bin", cifar10Records(6, 2, 7),
        "data_batch_5.bin", cifar10Records(8, 8, 3),
        "test_batch.bin", cifar10Records(100, 3, 8, 0),
        "batches.meta.txt", cifar10Meta());
  }

  static Path write(Path dir, Map<String, byte[]> files) {
    try {
      Files.createDirectories(dir);
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        Files.write(dir.resolve(file.getKey()), file.getValue());
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One tar entry to write. */
  record Entry(String name, byte[] content, byte type) {
    Entry(String name, byte[] content) {
      this(name, content, TarArchiveEntry.LF_NORMAL);
    }
  }

  /** Writes a gzip-compressed tar of the entries, in the given order. */
  static Path tarGz(Path file, List<Entry> entries) {
    try {
      Files.createDirectories(file.getParent());
      try (OutputStream raw = Files.newOutputStream(file);
          GZIPOutputStream gzip = new GZIPOutputStream(raw);
          TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip)) {
        for (Entry entry : entries) {
          // preserveAbsolutePath keeps "/…" names as given, to test their rejection.
          TarArchiveEntry header = new TarArchiveEntry(entry.name(), entry.type(), true);
          if (entry.type() == TarArchiveEntry.LF_SYMLINK) {
            header.setLinkName("elsewhere.bin");
          } else {
            header.setSize(entry.content().length);
          }
          tar.putArchiveEntry(header);
          if (entry.type() != TarArchiveEntry.LF_SYMLINK) {
            tar.write(entry.content());
          }
          tar.closeArchiveEntry();
        }
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The official CIFAR-10 archive's entries for the small files, in release order. */
  static List<Entry> cifar10Entries() {
    Map<String, byte[]> files = cifar10Files();
    return List.of(
        new Entry("cifar-10-batches-bin/", new byte[0], TarArchiveEntry.LF_DIR),
        new Entry("cifar-10-batches-bin/data_batch_1.bin", files.get("data_batch_1.bin")),
        new Entry("cifar-10-batches-bin/batches.meta.txt", files.get("batches.meta.txt")),
        new Entry("cifar-10-batches-bin/data_batch_3.bin", files.get("data_batch_3.bin")),
        new Entry("cifar-10-batches-bin/data_batch_2.bin", files.get("data_batch_2.bin")),
        new Entry("cifar-10-batches-bin/data_batch_4.bin", files.get("data_batch_4.bin")),
        new Entry("cifar-10-batches-bin/test_batch.bin", files.get("test_batch.bin")),
        new Entry("cifar-10-batches-bin/data_batch_5.bin", files.get("data_batch_5.bin")),
        new Entry("cifar-10-batches-bin/readme.html", new byte[] {'<', '>'}));
  }

  /** A layout of the small files, verifying archives against the given file's real MD5. */
  static CifarLayout layout(int train, int test, String archiveName, Path archiveForChecksum) {
    try {
      byte[] bytes = Files.readAllBytes(archiveForChecksum);
      String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
      return new CifarLayout(
          train,
          test,
          new OfficialFile(
              archiveName, bytes.length, List.of(new Checksum(Checksum.Algorithm.MD5, md5))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A layout of the small files whose archive has a size and checksum no file will match. */
  static CifarLayout layout(int train, int test, String archiveName) {
    return new CifarLayout(
        train,
        test,
        new OfficialFile(archiveName, -1, List.of(Checksum.parse("md5:" + "0".repeat(32)))));
  }
}
