package org.deltaboost.data.idx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.deltaboost.data.core.DataLocator;
import org.deltaboost.data.core.DatasetDescriptor;
import org.deltaboost.data.core.DatasetStatus;
import org.deltaboost.data.core.DatasetStatus.State;
import org.deltaboost.data.core.OfficialDownload;
import org.deltaboost.data.core.OfficialFiles;
import org.deltaboost.data.idx.IdxFixtures.Encoding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistFamilyDescriptorTest {
  /** Zalando's published MD5s (README "Get the Data"): train images/labels, test images/labels. */
  private static final List<String> ZALANDO_MD5 =
      List.of(
          "8d4fb7e6c68d591d4c3dfef9ec88bf0d",
          "25c81989df183df01b3e8a0aad5dffbe",
          "bef4ecab320f06d8554ea6380940ec79",
          "bb300cfdad3c16e7a12a480ee83cd310");

  private static final List<String> FILES =
      List.of(
          "train-images-idx3-ubyte",
          "train-labels-idx1-ubyte",
          "t10k-images-idx3-ubyte",
          "t10k-labels-idx1-ubyte");

  @TempDir Path tmp;

  private DataLocator rootsAB() {
    return DataLocator.ofRoots(List.of(tmp.resolve("a"), tmp.resolve("b")));
  }

  /** 3 training and 2 test images of 28×28; the labels given. */
  private Path writeSet(Path dir, Encoding encoding, int[] trainLabels, int[] testLabels)
      throws IOException {
    Files.createDirectories(dir);
    byte[][] contents = {
      IdxFixtures.images(3, 28, 28),
      IdxFixtures.labels(trainLabels),
      IdxFixtures.images(2, 28, 28),
      IdxFixtures.labels(testLabels)
    };
    for (int i = 0; i < FILES.size(); i++) {
      IdxFixtures.write(dir, encoding.fileName(FILES.get(i)), encoding.encode(contents[i]));
    }
    return dir;
  }

  private Path writeSet(Path dir, Encoding encoding) throws IOException {
    return writeSet(dir, encoding, new int[] {9, 0, 3}, new int[] {1, 2});
  }

  /** A descriptor expecting 3 + 2 images, with the given official-files lines. */
  private static MnistFamilyDescriptor small(MnistFamily family, List<String> officialLines)
      throws IOException {
    return new MnistFamilyDescriptor(family, OfficialFiles.parse(officialLines, "test list"), 3, 2);
  }

  private static List<String> officialLines(List<String> md5s) {
    return List.of(
        FILES.get(0) + ".gz - md5:" + md5s.get(0),
        FILES.get(1) + ".gz - md5:" + md5s.get(1),
        FILES.get(2) + ".gz - md5:" + md5s.get(2),
        FILES.get(3) + ".gz - md5:" + md5s.get(3));
  }

  private static String md5(Path file) throws IOException, NoSuchAlgorithmException {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(file)));
  }

  @Test
  void describesBothDatasets() {
    List<DatasetDescriptor> descriptors = MnistFamilyDescriptor.descriptors();
    assertEquals(
        List.of("fashion-mnist", "mnist"),
        descriptors.stream().map(DatasetDescriptor::name).toList());
    assertTrue(
        descriptors
            .get(0)
            .description()
            .endsWith(
                "official files train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz,"
                    + " t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz"));
    assertEquals("fashion-mnist", FashionMnist.descriptor().name());
    assertEquals("mnist", Mnist.descriptor().name());
  }

  @Test
  void onlyFashionMnistIsDownloadedAsOnlyItPublishesChecksums() {
    List<OfficialDownload> files = MnistFamilyDescriptor.of(MnistFamily.FASHION_MNIST).downloads();
    assertEquals(4, files.size());
    assertEquals(
        MnistFamilyDescriptor.FASHION_MNIST_DOWNLOAD + "train-images-idx3-ubyte.gz",
        files.get(0).uri().toString());
    assertEquals(
        "[md5:8d4fb7e6c68d591d4c3dfef9ec88bf0d]", files.get(0).file().checksums().toString());
    assertEquals(List.of(), MnistFamilyDescriptor.of(MnistFamily.MNIST).downloads());
  }

  @Test
  void missingFashionMnistListsThePlacesAndZalandosChecksums() {
    DatasetStatus status = FashionMnist.descriptor().status(rootsAB());
    assertEquals(State.MISSING, status.state());
    assertEquals(
        List.of(tmp.resolve("a/fashion-mnist"), tmp.resolve("b/fashion-mnist")), status.searched());
    Path target = tmp.resolve("a/fashion-mnist");
    assertEquals(
        List.of(
            "On a machine with network access download train-images-idx3-ubyte.gz,"
                + " train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz,"
                + " t10k-labels-idx1-ubyte.gz from"
                + " http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/ (or, on"
                + " Debian/Ubuntu, apt-get install dataset-fashion-mnist: it installs recompressed"
                + " copies in /usr/share/datasets/fashion-mnist, which show as UNVERIFIED).",
            "Check them: echo '"
                + ZALANDO_MD5.get(0)
                + "  train-images-idx3-ubyte.gz' | md5sum -c && echo '"
                + ZALANDO_MD5.get(1)
                + "  train-labels-idx1-ubyte.gz' | md5sum -c && echo '"
                + ZALANDO_MD5.get(2)
                + "  t10k-images-idx3-ubyte.gz' | md5sum -c && echo '"
                + ZALANDO_MD5.get(3)
                + "  t10k-labels-idx1-ubyte.gz' | md5sum -c",
            "mkdir -p "
                + target
                + " && mv train-images-idx3-ubyte.gz train-labels-idx1-ubyte.gz"
                + " t10k-images-idx3-ubyte.gz t10k-labels-idx1-ubyte.gz "
                + target
                + "/ (keep them compressed: they are read as they are).",
            "Or put the files in another of the places searched, first found wins: "
                + target
                + ", "
                + tmp.resolve("b/fashion-mnist")
                + "; a folder given with --data-dir DIR (DIR itself or DIR/fashion-mnist),"
                + " $DELTABOOST_DATA/fashion-mnist, ~/.deltaboost/datasets/fashion-mnist or"
                + " /usr/share/datasets/fashion-mnist."),
        status.howToGet());
    assertTrue(status.report().contains("to get it:"), status.report());
  }

  @Test
  void missingMnistListsThePublishedSizesForLackOfChecksums() {
    DatasetStatus status = Mnist.descriptor().status(rootsAB());
    assertEquals(State.MISSING, status.state());
    assertEquals(
        "Check their sizes with stat -c '%n %s' *-ubyte.gz: train-images-idx3-ubyte.gz 9912422"
            + " bytes, train-labels-idx1-ubyte.gz 28881 bytes, t10k-images-idx3-ubyte.gz 1648877"
            + " bytes, t10k-labels-idx1-ubyte.gz 4542 bytes (no checksums are published for"
            + " mnist).",
        status.howToGet().get(1));
    assertTrue(status.howToGet().get(0).contains("http://yann.lecun.com/exdb/mnist/"));
  }

  @Test
  void filesMatchingThePublishedChecksumsAreVerified() throws Exception {
    Path dir = writeSet(tmp.resolve("b/fashion-mnist"), Encoding.GZIP);
    List<String> md5s = FILES.stream().map(f -> dir.resolve(f + ".gz")).map(this::md5Of).toList();
    DatasetStatus status = small(MnistFamily.FASHION_MNIST, officialLines(md5s)).status(rootsAB());
    assertEquals(State.VERIFIED, status.state());
    assertEquals(dir, status.foundAt().orElseThrow());
    assertEquals(
        "md5:"
            + md5s.get(0)
            + " matches the official train-images-idx3-ubyte.gz; md5:"
            + md5s.get(1)
            + " matches the official train-labels-idx1-ubyte.gz; md5:"
            + md5s.get(2)
            + " matches the official t10k-images-idx3-ubyte.gz; md5:"
            + md5s.get(3)
            + " matches the official t10k-labels-idx1-ubyte.gz",
        status.detail());
  }

  private String md5Of(Path file) {
    try {
      return md5(file);
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void recompressedFilesThatParseAreUnverified() throws IOException {
    Path dir = writeSet(tmp.resolve("a/fashion-mnist"), Encoding.GZIP);
    String zeros = "0".repeat(32);
    DatasetStatus status =
        small(MnistFamily.FASHION_MNIST, officialLines(List.of(zeros, zeros, zeros, zeros)))
            .status(rootsAB());
    assertEquals(State.UNVERIFIED, status.state());
    assertTrue(status.usable());
    assertEquals(
        "files parse: 3 train and 2 test images of 28×28, one label in 0..9 each; not verified: "
            + dir.resolve("train-images-idx3-ubyte.gz")
            + ": md5: expected "
            + zeros
            + " (official train-images-idx3-ubyte.gz), found "
            + md5Of(dir.resolve("train-images-idx3-ubyte.gz"))
            + " (and 3 more) — the published MD5s are those of the official .gz files; a"
            + " decompressed or recompressed copy (such as Debian's dataset-fashion-mnist"
            + " package) differs, so the content was checked instead",
        status.detail());
  }

  @Test
  void uncompressedFilesThatParseAreUnverified() throws IOException {
    writeSet(tmp.resolve("a/fashion-mnist"), Encoding.RAW);
    DatasetStatus status =
        small(MnistFamily.FASHION_MNIST, officialLines(ZALANDO_MD5)).status(rootsAB());
    assertEquals(State.UNVERIFIED, status.state());
    assertTrue(
        status
            .detail()
            .startsWith(
                "files parse: 3 train and 2 test images of 28×28, one label in 0..9 each; not"
                    + " verified: train-images-idx3-ubyte: uncompressed, no published checksum"
                    + " (and 3 more)"),
        status.detail());
  }

  @Test
  void mnistIsNeverVerifiedButItsSizesAreChecked() throws IOException {
    Path dir = writeSet(tmp.resolve("a/mnist"), Encoding.GZIP);
    DatasetStatus status =
        new MnistFamilyDescriptor(
                MnistFamily.MNIST,
                OfficialFiles.read(
                    MnistFamilyDescriptor.class.getResourceAsStream("mnist-official-files.txt"),
                    "mnist-official-files.txt"),
                3,
                2)
            .status(rootsAB());
    assertEquals(State.UNVERIFIED, status.state());
    long size = Files.size(dir.resolve("train-images-idx3-ubyte.gz"));
    assertEquals(
        "files parse: 3 train and 2 test images of 28×28, one label in 0..9 each; not verified: "
            + dir.resolve("train-images-idx3-ubyte.gz")
            + ": size: expected 9912422 bytes (official train-images-idx3-ubyte.gz), found "
            + size
            + " (and 3 more) — no checksums are published for mnist; the content was checked"
            + " instead",
        status.detail());
  }

  @Test
  void aMissingFileIsInvalidAndNamed() throws IOException {
    Path dir = writeSet(tmp.resolve("a/fashion-mnist"), Encoding.GZIP);
    Files.delete(dir.resolve("t10k-labels-idx1-ubyte.gz"));
    DatasetStatus status =
        small(MnistFamily.FASHION_MNIST, officialLines(ZALANDO_MD5)).status(rootsAB());
    assertEquals(State.INVALID, status.state());
    assertEquals(dir, status.foundAt().orElseThrow());
    assertEquals(
        dir
            + ": t10k-labels-idx1-ubyte: expected a file t10k-labels-idx1-ubyte or"
            + " t10k-labels-idx1-ubyte.gz, found neither",
        status.detail());
    assertTrue(status.report().contains("looked in, in order:"), status.report());
  }

  @Test
  void aLabelOutOfRangeIsInvalid() throws IOException {
    Path dir =
        writeSet(
            tmp.resolve("a/fashion-mnist"), Encoding.GZIP, new int[] {9, 10, 3}, new int[] {1, 2});
    DatasetStatus status =
        small(MnistFamily.FASHION_MNIST, officialLines(ZALANDO_MD5)).status(rootsAB());
    assertEquals(State.INVALID, status.state());
    assertEquals(
        dir.resolve("train-labels-idx1-ubyte.gz")
            + ": label of image 1: expected a class in 0..9, found 10",
        status.detail());
  }

  @Test
  void anotherImageCountIsInvalid() throws IOException {
    Path dir = writeSet(tmp.resolve("a/fashion-mnist"), Encoding.GZIP);
    // The real descriptor expects 60,000 training images; the fixture has 3.
    DatasetStatus status = FashionMnist.descriptor().status(rootsAB());
    assertEquals(State.INVALID, status.state());
    assertEquals(
        dir.resolve("train-images-idx3-ubyte.gz")
            + ": count: expected 60000 images (the official fashion-mnist train set), found 3",
        status.detail());
  }

  @Test
  void aTruncatedFileIsInvalid() throws IOException {
    Path dir = writeSet(tmp.resolve("a/fashion-mnist"), Encoding.RAW);
    byte[] images = Files.readAllBytes(dir.resolve("t10k-images-idx3-ubyte"));
    Files.write(
        dir.resolve("t10k-images-idx3-ubyte"), java.util.Arrays.copyOf(images, images.length - 5));
    DatasetStatus status =
        small(MnistFamily.FASHION_MNIST, officialLines(ZALANDO_MD5)).status(rootsAB());
    assertEquals(State.INVALID, status.state());
    assertTrue(
        status.detail().startsWith(dir.resolve("t10k-images-idx3-ubyte").toString()),
        status.detail());
  }

  @Test
  void theFirstPlaceHoldingAFileWinsAndOtherFoldersAreSkipped() throws IOException {
    Files.createDirectories(tmp.resolve("a/fashion-mnist"));
    Files.writeString(tmp.resolve("a/fashion-mnist/README"), "not the data");
    Path dir = writeSet(tmp.resolve("b/fashion-mnist"), Encoding.GZIP);
    DatasetStatus status =
        small(MnistFamily.FASHION_MNIST, officialLines(ZALANDO_MD5)).status(rootsAB());
    assertEquals(dir, status.foundAt().orElseThrow());
    assertEquals(State.UNVERIFIED, status.state());
  }

  /**
   * Debian's dataset-fashion-mnist (skipped where absent): recompressed, so {@code md5sum
   * train-images-idx3-ubyte.gz} gives cf8536b0aa1a6ac5fa3f23001093305c, not Zalando's; the content
   * is the official one (see {@link FashionMnistRealDataTest}).
   */
  @Test
  void debiansPackageIsUnverified() {
    Path root = Path.of("/usr/share/datasets");
    assumeTrue(
        MnistFamily.FASHION_MNIST.isComplete(root.resolve("fashion-mnist")), "no Debian package");
    DatasetStatus status = FashionMnist.descriptor().status(DataLocator.ofRoots(List.of(root)));
    assertEquals(State.UNVERIFIED, status.state());
    assertTrue(
        status
            .detail()
            .startsWith(
                "files parse: 60000 train and 10000 test images of 28×28, one label in 0..9 each;"
                    + " not verified: /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz:"
                    + " md5: expected 8d4fb7e6c68d591d4c3dfef9ec88bf0d (official"
                    + " train-images-idx3-ubyte.gz), found cf8536b0aa1a6ac5fa3f23001093305c (and 3"
                    + " more)"),
        status.detail());
  }
}
