package org.deltaboost.data.cifar;

import static org.deltaboost.data.cifar.CifarFixtures.CIFAR10_NAMES;
import static org.deltaboost.data.cifar.CifarFixtures.TEST_LABELS;
import static org.deltaboost.data.cifar.CifarFixtures.TRAIN_LABELS;
import static org.deltaboost.data.cifar.CifarFixtures.cifar100Records;
import static org.deltaboost.data.cifar.CifarFixtures.cifar10Entries;
import static org.deltaboost.data.cifar.CifarFixtures.cifar10Files;
import static org.deltaboost.data.cifar.CifarFixtures.cifar10Records;
import static org.deltaboost.data.cifar.CifarFixtures.image;
import static org.deltaboost.data.cifar.CifarFixtures.tarGz;
import static org.deltaboost.data.cifar.CifarFixtures.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.deltaboost.data.core.Checksum;
import org.deltaboost.data.core.DataLocator;
import org.deltaboost.data.core.DatasetFormatException;
import org.deltaboost.data.core.ImageClassificationSet;
import org.deltaboost.data.core.OfficialFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CifarDatasetTest {
  private static final CifarDataset C10 = CifarDataset.CIFAR_10;
  private static final CifarDataset C100 = CifarDataset.CIFAR_100;

  /** 2 records per training batch, 3 test records; archives never match (not used here). */
  private static final CifarLayout SMALL = CifarFixtures.layout(2, 3, "cifar-10-binary.tar.gz");

  @TempDir Path tmp;

  private ImageClassificationSet load(Path location, CifarSplit split) throws IOException {
    return C10.load(location, split, CifarLabel.FINE, SMALL);
  }

  private String failure(Path location, CifarSplit split) {
    return assertThrows(DatasetFormatException.class, () -> load(location, split)).getMessage();
  }

  private Path folder(Map<String, byte[]> files) {
    return write(tmp.resolve("cifar-10"), files);
  }

  private Path folderWith(String file, byte[] content) {
    Map<String, byte[]> files = new HashMap<>(cifar10Files());
    files.put(file, content);
    return folder(files);
  }

  private static void assertSmallCifar10(
      ImageClassificationSet train, ImageClassificationSet test) {
    assertEquals("cifar-10/train", train.name());
    assertEquals(10, train.size());
    assertEquals(3, train.channels());
    assertEquals(32, train.height());
    assertEquals(32, train.width());
    assertEquals(CIFAR10_NAMES, train.classNames());
    assertArrayEquals(TRAIN_LABELS, train.labels());
    for (int i = 0; i < 10; i++) {
      assertArrayEquals(image(i), train.pixels(i), "train image " + i);
    }
    assertEquals("cifar-10/test", test.name());
    assertArrayEquals(TEST_LABELS, test.labels());
    assertArrayEquals(image(102), test.pixels(2));
  }

  @Test
  void readsTheExtractedFolder() throws IOException {
    Path dir = folder(cifar10Files());
    assertSmallCifar10(load(dir, CifarSplit.TRAIN), load(dir, CifarSplit.TEST));
  }

  @Test
  void recordsAreChannelPlanarLikeTheSet() throws IOException {
    // Record 0 of data_batch_1: byte 1 + 1024·c + 32·y + x is channel c, row y, column x.
    Path dir = folder(cifar10Files());
    ImageClassificationSet train = load(dir, CifarSplit.TRAIN);
    byte[] file = Files.readAllBytes(dir.resolve("data_batch_1.bin"));
    byte[] pixels = train.pixels(0);
    int c = 2;
    int y = 5;
    int x = 31;
    assertEquals(file[1 + 1024 * c + 32 * y + x], pixels[(c * 32 + y) * 32 + x]);
    assertEquals((byte) ((13 * (1024 * c + 32 * y + x)) % 256), pixels[(c * 32 + y) * 32 + x]);
  }

  @Test
  void readsTheArchivesFolderInsideTheDatasetFolder() throws IOException {
    write(tmp.resolve("cifar-10/cifar-10-batches-bin"), cifar10Files());
    Path dir = tmp.resolve("cifar-10");
    assertSmallCifar10(load(dir, CifarSplit.TRAIN), load(dir, CifarSplit.TEST));
  }

  @Test
  void readsTheTarGzWithoutExtractingWhateverTheEntryOrder() throws IOException {
    Path archive = tarGz(tmp.resolve("cifar-10/cifar-10-binary.tar.gz"), cifar10Entries());
    CifarLayout layout = CifarFixtures.layout(2, 3, "cifar-10-binary.tar.gz", archive);
    Path dir = archive.getParent();
    assertSmallCifar10(
        C10.load(dir, CifarSplit.TRAIN, CifarLabel.FINE, layout),
        C10.load(archive, CifarSplit.TEST, CifarLabel.FINE, layout));
    try (var listing = Files.list(dir)) {
      assertEquals(List.of(archive), listing.toList(), "nothing extracted");
    }
  }

  @Test
  void anOfficialArchiveWhoseChecksumDiffersIsRejected() throws IOException {
    Path archive = tarGz(tmp.resolve("cifar-10-binary.tar.gz"), cifar10Entries());
    DatasetFormatException e =
        assertThrows(
            DatasetFormatException.class,
            () -> C10.load(archive, CifarSplit.TRAIN, CifarLabel.FINE, SMALL));
    assertTrue(
        e.getMessage().startsWith(archive + ": md5: expected " + "0".repeat(32)), e.getMessage());
  }

  @Test
  void anArchiveUnderAnotherNameIsReadUnverified() throws IOException {
    Path archive = tarGz(tmp.resolve("my-copy.tgz"), cifar10Entries());
    assertArrayEquals(TEST_LABELS, load(archive, CifarSplit.TEST).labels());
  }

  @Test
  void cifar100HasFineAndCoarseLabels() throws IOException {
    Path dir =
        write(
            tmp.resolve("cifar-100/cifar-100-binary"),
            Map.of(
                "train.bin", cifar100Records(0, 4, 30, 19, 99, 0, 0),
                "test.bin", cifar100Records(50, 11, 42),
                "fine_label_names.txt",
                    (String.join("\n", C100.classNames(CifarLabel.FINE)) + "\n")
                        .getBytes(StandardCharsets.US_ASCII)));
    CifarLayout layout = CifarFixtures.layout(3, 1, "cifar-100-binary.tar.gz");
    ImageClassificationSet fine =
        C100.load(dir.getParent(), CifarSplit.TRAIN, CifarLabel.FINE, layout);
    assertEquals("cifar-100/train", fine.name());
    assertArrayEquals(new int[] {30, 99, 0}, fine.labels());
    assertEquals("dolphin", fine.classNames().get(30));
    assertArrayEquals(image(1), fine.pixels(1));
    ImageClassificationSet coarse = C100.load(dir, CifarSplit.TRAIN, CifarLabel.COARSE, layout);
    assertEquals("cifar-100-coarse/train", coarse.name());
    assertArrayEquals(new int[] {4, 19, 0}, coarse.labels());
    assertEquals(20, coarse.numClasses());
    assertEquals("vehicles_2", coarse.classNames().get(19));
    assertArrayEquals(
        new int[] {42}, C100.load(dir, CifarSplit.TEST, CifarLabel.FINE, layout).labels());
  }

  @Test
  void classNamesAreTheOfficialOnes() {
    assertEquals(CIFAR10_NAMES, C10.classNames(CifarLabel.FINE));
    List<String> fine = C100.classNames(CifarLabel.FINE);
    assertEquals(100, fine.size());
    assertEquals(List.of("apple", "aquarium_fish", "baby"), fine.subList(0, 3));
    assertEquals("worm", fine.get(99));
    List<String> coarse = C100.classNames(CifarLabel.COARSE);
    assertEquals(20, coarse.size());
    assertEquals("aquatic_mammals", coarse.get(0));
    assertThrows(IllegalArgumentException.class, () -> C10.classNames(CifarLabel.COARSE));
  }

  @Test
  void theOfficialLayoutHasThePublishedCountsSizesAndChecksums() {
    // https://www.cs.toronto.edu/~kriz/cifar.html: 5 batches of 10000, 10000 test images, MD5s.
    CifarLayout c10 = C10.officialLayout();
    assertEquals(10_000, c10.trainRecordsPerFile());
    assertEquals(10_000, c10.testRecordsPerFile());
    assertEquals(
        new OfficialFile(
            "cifar-10-binary.tar.gz",
            170_052_171L,
            List.of(Checksum.parse("md5:c32a1d4ab5d03f1284b67883e8d87530"))),
        c10.archive());
    CifarLayout c100 = C100.officialLayout();
    assertEquals(50_000, c100.trainRecordsPerFile());
    assertEquals(
        new OfficialFile(
            "cifar-100-binary.tar.gz",
            168_513_733L,
            List.of(Checksum.parse("md5:03b5dce01913d631647c71ecec9e9cb8"))),
        c100.archive());
  }

  @Test
  void findsTheDatasetThroughTheLocator() throws IOException {
    Path root = tmp.resolve("datasets");
    write(root.resolve("cifar-10"), cifar10Files());
    DataLocator locator = DataLocator.ofRoots(List.of(tmp.resolve("empty"), root));
    assertEquals(root.resolve("cifar-10"), C10.locate(locator));
    Path archive = tarGz(tmp.resolve("dl/cifar-10-binary.tar.gz"), cifar10Entries());
    assertEquals(archive, C10.locate(DataLocator.ofDataDir(archive)));
    assertEquals(archive, C10.locate(DataLocator.ofDataDir(archive.getParent())));
  }

  @Test
  void aMissingDatasetNamesThePlacesAndTheSteps() {
    DataLocator locator = DataLocator.ofRoots(List.of(tmp.resolve("a"), tmp.resolve("b")));
    String message =
        assertThrows(DatasetFormatException.class, () -> C10.load(locator, CifarSplit.TRAIN))
            .getMessage();
    assertTrue(message.startsWith("dataset 'cifar-10' not found\ncifar-10: MISSING"), message);
    assertTrue(message.contains(tmp.resolve("b/cifar-10") + " (does not exist)"), message);
    assertTrue(
        message.contains("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz"), message);
    assertTrue(
        message.contains(
            "echo 'c32a1d4ab5d03f1284b67883e8d87530  cifar-10-binary.tar.gz' | md5sum -c"),
        message);
    assertTrue(message.contains("mkdir -p " + tmp.resolve("a/cifar-10")), message);
  }

  @Test
  void aLocationWithoutTheFilesIsNamed() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    assertEquals(
        empty
            + ": cifar-10 location: expected the data_batch_1.bin, data_batch_2.bin,"
            + " data_batch_3.bin, data_batch_4.bin, data_batch_5.bin, test_batch.bin files, a"
            + " folder cifar-10-batches-bin/ of them, or cifar-10-binary.tar.gz, found none of"
            + " these",
        failure(empty, CifarSplit.TRAIN));
  }

  @Test
  void coarseLabelsDoNotExistForCifar10() throws IOException {
    Path dir = folder(cifar10Files());
    assertThrows(
        IllegalArgumentException.class,
        () -> C10.load(dir, CifarSplit.TRAIN, CifarLabel.COARSE, SMALL));
  }

  // ---- bad input ----

  @Test
  void rejectsATruncatedFile() {
    byte[] whole = cifar10Records(100, 3, 8, 0);
    byte[] cut = Arrays.copyOf(whole, 3073 + 100);
    Path dir = folderWith("test_batch.bin", cut);
    assertEquals(
        dir.resolve("test_batch.bin")
            + ": size: expected 3 records of 3073 bytes = 9219 bytes, found 3173 bytes (truncated:"
            + " 1 whole record and 100 bytes of the next)",
        failure(dir, CifarSplit.TEST));
  }

  @Test
  void rejectsAnOversizedFile() {
    byte[] whole = cifar10Records(100, 3, 8, 0);
    Path dir = folderWith("test_batch.bin", Arrays.copyOf(whole, whole.length + 5));
    assertEquals(
        dir.resolve("test_batch.bin")
            + ": size: expected 3 records of 3073 bytes = 9219 bytes, found 9224 bytes (oversized:"
            + " 5 bytes too many)",
        failure(dir, CifarSplit.TEST));
  }

  @Test
  void rejectsAZeroByteFile() {
    Path dir = folderWith("data_batch_4.bin", new byte[0]);
    assertEquals(
        dir.resolve("data_batch_4.bin")
            + ": size: expected 2 records of 3073 bytes = 6146 bytes, found 0 bytes (an empty"
            + " file)",
        failure(dir, CifarSplit.TRAIN));
  }

  @Test
  void rejectsAWrongRecordCount() {
    Path dir = folderWith("test_batch.bin", cifar10Records(100, 3, 8, 0, 1));
    assertEquals(
        dir.resolve("test_batch.bin")
            + ": record count: expected 3 records of 3073 bytes = 9219 bytes, found 4 records"
            + " (12292 bytes)",
        failure(dir, CifarSplit.TEST));
  }

  @Test
  void theOfficialLayoutWantsTenThousandRecordsPerFile() {
    Path dir = folder(cifar10Files());
    DatasetFormatException e =
        assertThrows(DatasetFormatException.class, () -> C10.load(dir, CifarSplit.TEST));
    assertEquals(
        dir.resolve("test_batch.bin")
            + ": record count: expected 10000 records of 3073 bytes = 30730000 bytes, found 3"
            + " records (9219 bytes)",
        e.getMessage());
  }

  @Test
  void readsAFullSizeOfficialTestBatch() throws IOException {
    int[] labels = new int[10_000];
    for (int r = 0; r < labels.length; r++) {
      labels[r] = r % 10;
    }
    Path dir = write(tmp.resolve("full"), Map.of("test_batch.bin", cifar10Records(0, labels)));
    ImageClassificationSet test = C10.load(dir, CifarSplit.TEST);
    assertEquals(10_000, test.size());
    assertArrayEquals(
        new int[] {1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000}, test.classCounts());
    assertArrayEquals(image(9_999), test.pixels(9_999));
  }

  @Test
  void rejectsALabelOutOfRange() {
    Path dir = folderWith("data_batch_2.bin", cifar10Records(2, 9, 10));
    assertEquals(
        dir.resolve("data_batch_2.bin") + ": record 1: label: expected a class in 0..9, found 10",
        failure(dir, CifarSplit.TRAIN));
  }

  @ParameterizedTest
  @ValueSource(strings = {"fine", "coarse"})
  void rejectsCifar100LabelsOutOfRange(String which) {
    boolean fine = which.equals("fine");
    Path dir =
        write(
            tmp.resolve("cifar-100"),
            Map.of(
                "train.bin",
                cifar100Records(0, 1, 2, fine ? 3 : 20, fine ? 100 : 4),
                "test.bin",
                cifar100Records(9, 1, 1)));
    CifarLayout layout = CifarFixtures.layout(2, 1, "cifar-100-binary.tar.gz");
    String expected =
        fine
            ? ": record 1: fine label: expected a class in 0..99, found 100"
            : ": record 1: coarse label: expected a superclass in 0..19, found 20";
    assertEquals(
        dir.resolve("train.bin") + expected,
        assertThrows(
                DatasetFormatException.class,
                () -> C100.load(dir, CifarSplit.TRAIN, CifarLabel.FINE, layout))
            .getMessage());
  }

  @Test
  void rejectsAMissingFile() {
    Map<String, byte[]> files = new HashMap<>(cifar10Files());
    files.remove("data_batch_3.bin");
    Path dir = folder(files);
    assertEquals(
        dir + ": data_batch_3.bin: expected a file data_batch_3.bin, found none",
        failure(dir, CifarSplit.TRAIN));
  }

  @Test
  void rejectsClassNamesThatDisagree() {
    Path dir =
        folderWith(
            "batches.meta.txt",
            "airplane\nautomobile\ncat\nbird\ndeer\ndog\nfrog\nhorse\nship\ntruck\n"
                .getBytes(StandardCharsets.US_ASCII));
    assertEquals(
        dir.resolve("batches.meta.txt") + ": class name 2: expected bird, found \"cat\"",
        failure(dir, CifarSplit.TEST));
    Path short9 =
        folderWith(
            "batches.meta.txt", "airplane\nautomobile\n".getBytes(StandardCharsets.US_ASCII));
    assertEquals(
        short9.resolve("batches.meta.txt")
            + ": class names: expected 10 names (airplane … truck), found 2 names",
        failure(short9, CifarSplit.TEST));
  }

  @Test
  void anArchiveNameHeldByAFolderIsAnErrorNotAFallbackToTheNextPlace() throws IOException {
    Path damaged = Files.createDirectories(tmp.resolve("first/cifar-10/cifar-10-binary.tar.gz"));
    write(tmp.resolve("second/cifar-10"), cifar10Files());
    DataLocator locator = DataLocator.ofRoots(List.of(tmp.resolve("first"), tmp.resolve("second")));
    DatasetFormatException e =
        assertThrows(DatasetFormatException.class, () -> C10.locate(locator));
    assertEquals(
        damaged + ": dataset file: expected a readable file, found a folder", e.getMessage());
  }

  @Test
  void aTarCutInsideAnEntryIsDamaged() throws IOException {
    // A fuzzing find: commons-compress reported this as a plain IOException, not ours.
    Path tarGz = tarGz(tmp.resolve("x/whole.tar.gz"), cifar10Entries());
    byte[] tar;
    try (java.util.zip.GZIPInputStream in =
        new java.util.zip.GZIPInputStream(Files.newInputStream(tarGz))) {
      tar = in.readAllBytes();
    }
    // Entry 1 (data_batch_1.bin) starts its data at 1024: cut 2000 bytes into it.
    Path archive = Files.write(tmp.resolve("x/cut.tar"), Arrays.copyOf(tar, 3024));
    String message = failure(archive, CifarSplit.TRAIN);
    assertTrue(message.startsWith(archive + ": archive damaged or truncated ("), message);
  }

  /** A names file of one 200,000-byte line: three times the cap, with no line end to stop at. */
  private static byte[] oneHugeLine() {
    byte[] line = new byte[200_000];
    Arrays.fill(line, (byte) 'a');
    return line;
  }

  @Test
  void rejectsANamesFileOverTheCapInAFolder() {
    Path dir = folderWith("batches.meta.txt", oneHugeLine());
    assertEquals(
        dir.resolve("batches.meta.txt")
            + ": size: expected a class names file of at most 65536 bytes, found 200000 bytes",
        failure(dir, CifarSplit.TEST));
  }

  @Test
  void rejectsANamesFileOverTheCapInAnArchiveFromItsDeclaredSize() {
    List<CifarFixtures.Entry> entries = new ArrayList<>(cifar10Entries());
    entries.set(2, new CifarFixtures.Entry("cifar-10-batches-bin/batches.meta.txt", oneHugeLine()));
    Path archive = tarGz(tmp.resolve("x/cifar.tar.gz"), entries);
    assertEquals(
        archive
            + "!cifar-10-batches-bin/batches.meta.txt: size: expected a class names file of at"
            + " most 65536 bytes, found 200000 bytes",
        failure(archive, CifarSplit.TEST));
  }

  @ParameterizedTest
  @ValueSource(strings = {"../evil.bin", "cifar-10-batches-bin/../../evil.bin", "/tmp/evil.bin"})
  void rejectsArchiveEntriesOutsideTheArchive(String name) throws IOException {
    List<CifarFixtures.Entry> entries = new ArrayList<>(cifar10Entries());
    entries.add(1, new CifarFixtures.Entry(name, new byte[] {1, 2, 3}));
    Path archive = tarGz(tmp.resolve("x/cifar.tar.gz"), entries);
    String message = failure(archive, CifarSplit.TEST);
    assertTrue(
        message.startsWith(
            archive
                + ": entry \""
                + name
                + "\": expected a relative path without '..' inside the archive, found "),
        message);
    try (var listing = Files.list(archive.getParent())) {
      assertEquals(List.of(archive), listing.toList(), "nothing written");
    }
    assertTrue(Files.notExists(tmp.resolve("evil.bin")));
  }

  @Test
  void rejectsAnArchiveMissingAnEntry() {
    List<CifarFixtures.Entry> entries =
        cifar10Entries().stream().filter(e -> !e.name().endsWith("data_batch_4.bin")).toList();
    Path archive = tarGz(tmp.resolve("x/cifar.tar.gz"), entries);
    assertEquals(
        archive
            + ": entry cifar-10-batches-bin/data_batch_4.bin: expected an entry of the archive,"
            + " found no such entry",
        failure(archive, CifarSplit.TRAIN));
  }

  @Test
  void rejectsAWronglySizedArchiveEntry() {
    List<CifarFixtures.Entry> entries = new ArrayList<>(cifar10Entries());
    entries.set(
        6,
        new CifarFixtures.Entry("cifar-10-batches-bin/test_batch.bin", cifar10Records(100, 3, 8)));
    Path archive = tarGz(tmp.resolve("x/cifar.tar.gz"), entries);
    assertEquals(
        archive
            + "!cifar-10-batches-bin/test_batch.bin: record count: expected 3 records of 3073"
            + " bytes = 9219 bytes, found 2 records (6146 bytes)",
        failure(archive, CifarSplit.TEST));
  }

  @Test
  void rejectsADuplicateOrLinkEntry() {
    List<CifarFixtures.Entry> twice = new ArrayList<>(cifar10Entries());
    twice.add(twice.get(6));
    Path archive = tarGz(tmp.resolve("x/twice.tar.gz"), twice);
    assertEquals(
        archive
            + "!cifar-10-batches-bin/test_batch.bin: entry: expected one entry named"
            + " test_batch.bin, found a second one",
        failure(archive, CifarSplit.TEST));

    List<CifarFixtures.Entry> linked = new ArrayList<>(cifar10Entries());
    linked.set(
        6,
        new CifarFixtures.Entry(
            "cifar-10-batches-bin/test_batch.bin", new byte[0], TarArchiveEntry.LF_SYMLINK));
    Path link = tarGz(tmp.resolve("x/link.tar.gz"), linked);
    assertEquals(
        link
            + "!cifar-10-batches-bin/test_batch.bin: entry type: expected a regular file, found a"
            + " link, folder or device entry",
        failure(link, CifarSplit.TEST));
  }

  @Test
  void rejectsATruncatedArchive() throws IOException {
    Path archive = tarGz(tmp.resolve("x/full.tar.gz"), cifar10Entries());
    byte[] bytes = Files.readAllBytes(archive);
    Path cut = Files.write(tmp.resolve("x/cut.tar.gz"), Arrays.copyOf(bytes, bytes.length / 2));
    String message = failure(cut, CifarSplit.TRAIN);
    assertTrue(message.startsWith(cut.toString()), message);
    assertTrue(message.contains("truncated"), message);
  }

  @Test
  void rejectsAnArchiveWithDamagedCompressedData() throws IOException {
    Path archive = tarGz(tmp.resolve("x/full.tar.gz"), cifar10Entries());
    byte[] bytes = Files.readAllBytes(archive);
    for (int i = 20; i < 60; i++) {
      bytes[i] = (byte) 0xFF;
    }
    Path damaged = Files.write(tmp.resolve("x/damaged.tar.gz"), bytes);
    String message = failure(damaged, CifarSplit.TRAIN);
    assertTrue(message.startsWith(damaged.toString()), message);
    assertTrue(message.contains("damaged"), message);
  }
}
