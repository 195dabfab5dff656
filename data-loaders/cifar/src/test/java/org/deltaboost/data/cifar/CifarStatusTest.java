package org.deltaboost.data.cifar;

import static org.deltaboost.data.cifar.CifarFixtures.cifar10Entries;
import static org.deltaboost.data.cifar.CifarFixtures.cifar10Files;
import static org.deltaboost.data.cifar.CifarFixtures.tarGz;
import static org.deltaboost.data.cifar.CifarFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deltaboost.data.core.DataLocator;
import org.deltaboost.data.core.DatasetDescriptor;
import org.deltaboost.data.core.DatasetStatus;
import org.deltaboost.data.core.DatasetStatus.State;
import org.deltaboost.data.core.OfficialDownload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarStatusTest {
  private static final CifarDataset C10 = CifarDataset.CIFAR_10;

  @TempDir Path tmp;

  private DataLocator rootsAB() {
    return DataLocator.ofRoots(List.of(tmp.resolve("a"), tmp.resolve("b")));
  }

  @Test
  void describesBothDatasets() {
    List<DatasetDescriptor> descriptors = CifarDataset.descriptors();
    assertEquals(
        List.of("cifar-10", "cifar-100"),
        descriptors.stream().map(DatasetDescriptor::name).toList());
    assertTrue(
        descriptors.get(0).description().endsWith("official archive cifar-10-binary.tar.gz"));
    assertEquals(CifarDataset.CIFAR_100, CifarDataset.byName("cifar-100").orElseThrow());
    assertTrue(CifarDataset.byName("cifar-1000").isEmpty());
  }

  @Test
  void downloadsTheOfficialArchivesCheckedAgainstTheirPublishedMd5() {
    OfficialDownload c10 = CifarDataset.CIFAR_10.downloads().get(0);
    assertEquals("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz", c10.uri().toString());
    assertEquals("[md5:c32a1d4ab5d03f1284b67883e8d87530]", c10.file().checksums().toString());
    assertEquals(170052171L, c10.file().size());
    OfficialDownload c100 = CifarDataset.CIFAR_100.downloads().get(0);
    assertEquals("https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz", c100.uri().toString());
    assertEquals("[md5:03b5dce01913d631647c71ecec9e9cb8]", c100.file().checksums().toString());
  }

  @Test
  void missingListsThePlacesAndTheSteps() {
    DatasetStatus status = C10.status(rootsAB());
    assertEquals(State.MISSING, status.state());
    assertEquals(List.of(tmp.resolve("a/cifar-10"), tmp.resolve("b/cifar-10")), status.searched());
    assertEquals(
        List.of(
            "On a machine with network access download"
                + " https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz (170052171 bytes; the"
                + " binary version, not the python or matlab one).",
            "Check it: echo 'c32a1d4ab5d03f1284b67883e8d87530  cifar-10-binary.tar.gz' | md5sum"
                + " -c",
            "mkdir -p "
                + tmp.resolve("a/cifar-10")
                + " && mv cifar-10-binary.tar.gz "
                + tmp.resolve("a/cifar-10")
                + "/",
            "Use it as it is (read without extracting, verified on every load), or extract it"
                + " there: tar xzf "
                + tmp.resolve("a/cifar-10/cifar-10-binary.tar.gz")
                + " -C "
                + tmp.resolve("a/cifar-10")
                + " (makes "
                + tmp.resolve("a/cifar-10/cifar-10-batches-bin")
                + "/).",
            "Or put it elsewhere and pass --data-dir DIR (DIR holding cifar-10/, the archive or"
                + " the extracted files), or set DELTABOOST_DATA to a folder holding cifar-10/."),
        status.howToGet());
  }

  @Test
  void anArchiveMatchingItsChecksumIsVerified() {
    Path archive = tarGz(tmp.resolve("b/cifar-10/cifar-10-binary.tar.gz"), cifar10Entries());
    CifarLayout layout = CifarFixtures.layout(2, 3, "cifar-10-binary.tar.gz", archive);
    DatasetStatus status = C10.status(rootsAB(), layout);
    assertEquals(State.VERIFIED, status.state());
    assertEquals(archive, status.foundAt().orElseThrow());
    assertEquals(
        layout.archive().checksums().get(0) + " matches the official cifar-10-binary.tar.gz",
        status.detail());
  }

  @Test
  void anArchiveWithAnotherChecksumIsInvalid() {
    Path archive = tarGz(tmp.resolve("a/cifar-10/cifar-10-binary.tar.gz"), cifar10Entries());
    DatasetStatus status =
        C10.status(rootsAB(), CifarFixtures.layout(2, 3, "cifar-10-binary.tar.gz"));
    assertEquals(State.INVALID, status.state());
    assertTrue(
        status.detail().startsWith(archive + ": md5: expected " + "0".repeat(32)), status.detail());
    assertTrue(status.report().contains("to get it:"), status.report());
  }

  @Test
  void theRealChecksumIsCheckedAgainstTheOfficialList() {
    // The official size is 170052171 bytes; a small archive fails on size before hashing.
    Path archive = tarGz(tmp.resolve("a/cifar-10/cifar-10-binary.tar.gz"), cifar10Entries());
    DatasetStatus status = C10.status(rootsAB());
    assertEquals(State.INVALID, status.state());
    assertTrue(
        status
            .detail()
            .startsWith(
                archive + ": size: expected 170052171 bytes (official cifar-10-binary.tar.gz)"),
        status.detail());
  }

  @Test
  void extractedFilesAreUnverifiedButSizeChecked() {
    Path dir = write(tmp.resolve("b/cifar-10/cifar-10-batches-bin"), cifar10Files());
    DatasetStatus status =
        C10.status(rootsAB(), CifarFixtures.layout(2, 3, "cifar-10-binary.tar.gz"));
    assertEquals(State.UNVERIFIED, status.state());
    assertEquals(dir, status.foundAt().orElseThrow());
    assertEquals(
        "extracted files: all 6 data files present, sizes match 13 records; no checksums are"
            + " published for extracted files (keep cifar-10-binary.tar.gz beside them to verify)",
        status.detail());
    assertTrue(status.usable());
  }

  @Test
  void aDamagedExtractedFolderIsInvalidAndNamesTheFile() {
    Map<String, byte[]> files = new HashMap<>(cifar10Files());
    files.put("test_batch.bin", new byte[10]);
    Path dir = write(tmp.resolve("a/cifar-10"), files);
    DatasetStatus status =
        C10.status(rootsAB(), CifarFixtures.layout(2, 3, "cifar-10-binary.tar.gz"));
    assertEquals(State.INVALID, status.state());
    assertEquals(
        dir.resolve("test_batch.bin")
            + ": size: expected 3 records of 3073 bytes = 9219 bytes, found 10 bytes (truncated: 0"
            + " whole records and 10 bytes of the next)",
        status.detail());
  }

  @Test
  void theFirstPlaceHoldingTheDatasetWins() {
    write(tmp.resolve("a/cifar-10"), cifar10Files());
    tarGz(tmp.resolve("b/cifar-10/cifar-10-binary.tar.gz"), cifar10Entries());
    DatasetStatus status =
        C10.status(rootsAB(), CifarFixtures.layout(2, 3, "cifar-10-binary.tar.gz"));
    assertEquals(tmp.resolve("a/cifar-10"), status.foundAt().orElseThrow());
  }
}
