package org.deltaboost.data.voc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deltaboost.data.core.DataLocator;
import org.deltaboost.data.core.DatasetDescriptor;
import org.deltaboost.data.core.DatasetStatus;
import org.deltaboost.data.core.DatasetStatus.State;
import org.deltaboost.data.core.OfficialDownload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VocDescriptorsTest {
  private static final List<String> VOC_TRAIN = List.of("2007_000032", "2007_000039");
  private static final List<String> VOC_VAL = List.of("2007_000033");
  private static final List<String> SBD_TRAIN = List.of("2008_000002", "2008_000003");
  private static final List<String> SBD_VAL = List.of("2008_000004");

  /** Expects the fixture's list sizes. */
  private static final Voc2012Descriptor VOC =
      new Voc2012Descriptor(Map.of("train", 2, "val", 1, "trainval", 3));

  private static final SbdDescriptor SBD = new SbdDescriptor(Map.of("train", 2, "val", 1));

  @TempDir Path tmp;

  private DataLocator rootsAB() {
    return DataLocator.ofRoots(List.of(tmp.resolve("a"), tmp.resolve("b")));
  }

  @Test
  void describesBothReleases() {
    List<DatasetDescriptor> descriptors = VocDescriptors.descriptors();
    assertEquals(
        List.of("voc2012", "sbd"), descriptors.stream().map(DatasetDescriptor::name).toList());
    assertTrue(
        descriptors.get(0).description().endsWith("official archive VOCtrainval_11-May-2012.tar"));
    assertTrue(descriptors.get(1).description().endsWith("official archive benchmark.tgz"));
  }

  @Test
  void downloadsTheReleaseArchivesCheckedAgainstTorchvisionsMd5() {
    OfficialDownload voc = VocDescriptors.voc2012().downloads().get(0);
    assertEquals(
        "http://host.robots.ox.ac.uk/pascal/VOC/voc2012/VOCtrainval_11-May-2012.tar",
        voc.uri().toString());
    assertEquals("[md5:6cd6e144f989b92b3379bac3b3de84fd]", voc.file().checksums().toString());
    OfficialDownload sbd = VocDescriptors.sbd().downloads().get(0);
    assertEquals("benchmark.tgz", sbd.file().name());
    assertEquals(true, sbd.uri().toString().endsWith("/semantic_contours/benchmark.tgz"));
    assertEquals("[md5:82b4d87ceb2ed10f6038a1cba92111cb]", sbd.file().checksums().toString());
  }

  @Test
  void missingVocListsThePlacesAndTheSteps() {
    DatasetStatus status = VocDescriptors.voc2012().status(rootsAB());
    assertEquals(State.MISSING, status.state());
    Path target = tmp.resolve("a/voc2012");
    assertEquals(List.of(target, tmp.resolve("b/voc2012")), status.searched());
    assertEquals(
        List.of(
            "On a machine with network access download"
                + " http://host.robots.ox.ac.uk/pascal/VOC/voc2012/VOCtrainval_11-May-2012.tar.",
            "Check it: echo '6cd6e144f989b92b3379bac3b3de84fd  VOCtrainval_11-May-2012.tar' |"
                + " md5sum -c (the MD5 torchvision checks downloads against; the publishers give"
                + " none).",
            "mkdir -p "
                + target
                + " && tar xf VOCtrainval_11-May-2012.tar -C "
                + target
                + " (makes "
                + target.resolve("VOCdevkit/VOC2012")
                + "/ with JPEGImages/, SegmentationClass/ and ImageSets/Segmentation/; the archive"
                + " is not needed afterwards).",
            "Or put VOCdevkit/ in another of the places searched, first found wins: "
                + target
                + ", "
                + tmp.resolve("b/voc2012")
                + "; a folder given with --data-dir DIR (DIR itself or DIR/voc2012),"
                + " $DELTABOOST_DATA/voc2012, ~/.deltaboost/datasets/voc2012 or"
                + " /usr/share/datasets/voc2012."),
        status.howToGet());
  }

  @Test
  void missingSbdListsTheArchiveAndItsFolder() {
    DatasetStatus status = VocDescriptors.sbd().status(rootsAB());
    assertEquals(State.MISSING, status.state());
    Path target = tmp.resolve("a/sbd");
    assertEquals(
        List.of(
            "On a machine with network access download"
                + " http://www.eecs.berkeley.edu/Research/Projects/CS/vision/grouping/"
                + "semantic_contours/benchmark.tgz.",
            "Check it: echo '82b4d87ceb2ed10f6038a1cba92111cb  benchmark.tgz' | md5sum -c (the"
                + " MD5 torchvision checks downloads against; the publishers give none).",
            "mkdir -p "
                + target
                + " && tar xzf benchmark.tgz -C "
                + target
                + " (makes "
                + target.resolve("benchmark_RELEASE/dataset")
                + "/ with img/, cls/, train.txt and val.txt; the archive is not needed"
                + " afterwards)."),
        status.howToGet().subList(0, 3));
  }

  @Test
  void aCompleteVocFolderIsUnverified() {
    Path root = VocFixtures.voc(tmp.resolve("b/voc2012"), VOC_TRAIN, VOC_VAL);
    DatasetStatus status = VOC.status(rootsAB());
    assertEquals(State.UNVERIFIED, status.state());
    assertEquals(root, status.foundAt().orElseThrow());
    assertEquals(
        "segmentation lists 2 train, 1 val, 3 trainval ids, each with its JPEG and PNG mask;"
            + " 2007_000032.png decodes to class indices; extracted files have no published"
            + " checksums",
        status.detail());
  }

  @Test
  void bothReleasesAreFoundInOneDataDir() {
    Path vocRoot = VocFixtures.voc(tmp, VOC_TRAIN, VOC_VAL);
    Path sbdRoot = VocFixtures.sbd(tmp, SBD_TRAIN, SBD_VAL);
    DataLocator locator = DataLocator.ofDataDir(tmp);
    assertEquals(vocRoot, VOC.status(locator).foundAt().orElseThrow());
    DatasetStatus sbd = SBD.status(locator);
    assertEquals(State.UNVERIFIED, sbd.state());
    assertEquals(sbdRoot, sbd.foundAt().orElseThrow());
    assertEquals(
        "lists 2 train, 1 val ids, each with its JPEG and MAT file; 2008_000002.mat decodes to"
            + " class indices; extracted files have no published checksums",
        sbd.detail());
  }

  @Test
  void theOfficialListSizesAreExpected() {
    Path root = VocFixtures.voc(tmp.resolve("a/voc2012"), VOC_TRAIN, VOC_VAL);
    DatasetStatus status = VocDescriptors.voc2012().status(rootsAB());
    assertEquals(State.INVALID, status.state());
    assertEquals(
        root.resolve("ImageSets/Segmentation/train.txt")
            + ": ids: expected 1464 (the official VOC 2012 list), found 2",
        status.detail());
    assertTrue(status.report().contains("to get it:"), status.report());

    Path sbdRoot = VocFixtures.sbd(tmp.resolve("a/sbd"), SBD_TRAIN, SBD_VAL);
    assertEquals(
        sbdRoot.resolve("train.txt") + ": ids: expected 8498 (the official SBD list), found 2",
        VocDescriptors.sbd().status(rootsAB()).detail());
  }

  @Test
  void aMissingMaskIsInvalidAndNamed() throws IOException {
    Path root = VocFixtures.voc(tmp.resolve("a/voc2012"), VOC_TRAIN, VOC_VAL);
    Files.delete(root.resolve("SegmentationClass/2007_000033.png"));
    DatasetStatus status = VOC.status(rootsAB());
    assertEquals(State.INVALID, status.state());
    assertEquals(
        root.resolve("ImageSets/Segmentation/val.txt")
            + ": line 1 names 2007_000033, but "
            + root.resolve("SegmentationClass/2007_000033.png")
            + " does not exist (1 listed file(s) missing of 2)",
        status.detail());
  }

  @Test
  void aMissingFolderIsInvalid() throws IOException {
    Path root = VocFixtures.voc(tmp.resolve("a/voc2012"), VOC_TRAIN, VOC_VAL);
    for (String id : List.of("2007_000032", "2007_000039", "2007_000033")) {
      Files.delete(root.resolve("JPEGImages/" + id + ".jpg"));
    }
    Files.delete(root.resolve("JPEGImages"));
    DatasetStatus status = VOC.status(rootsAB());
    assertEquals(State.INVALID, status.state());
    assertEquals(
        root + ": JPEGImages/: expected a folder of the release, found none", status.detail());
  }

  @Test
  void aTrainvalListThatIsNotTrainPlusValIsInvalid() throws IOException {
    Path root = VocFixtures.voc(tmp.resolve("a/voc2012"), VOC_TRAIN, VOC_VAL);
    Path trainval = root.resolve("ImageSets/Segmentation/trainval.txt");
    Files.write(trainval, List.of("2007_000032", "2007_000039", "2007_000039x"));
    Files.copy(
        root.resolve("JPEGImages/2007_000032.jpg"), root.resolve("JPEGImages/2007_000039x.jpg"));
    Files.copy(
        root.resolve("SegmentationClass/2007_000032.png"),
        root.resolve("SegmentationClass/2007_000039x.png"));
    DatasetStatus status = VOC.status(rootsAB());
    assertEquals(State.INVALID, status.state());
    assertEquals(
        trainval + ": ids: expected the ids of train.txt and val.txt (3), found 3 ids that differ",
        status.detail());
  }

  @Test
  void anUndecodableMaskIsInvalidAndNamed() throws IOException {
    Path root = VocFixtures.voc(tmp.resolve("a/voc2012"), VOC_TRAIN, VOC_VAL);
    Path mask = root.resolve("SegmentationClass/2007_000032.png");
    Files.write(mask, new byte[] {1, 2, 3});
    DatasetStatus status = VOC.status(rootsAB());
    assertEquals(State.INVALID, status.state());
    assertTrue(status.detail().startsWith(mask.toString()), status.detail());
  }

  @Test
  void anIdInBothSbdListsIsInvalid() {
    Path root = VocFixtures.sbd(tmp.resolve("a/sbd"), SBD_TRAIN, List.of("2008_000003"));
    DatasetStatus status = SBD.status(rootsAB());
    assertEquals(State.INVALID, status.state());
    assertEquals(
        root.resolve("val.txt")
            + ": id 2008_000003: expected an id in one list only, found it in train.txt too",
        status.detail());
  }

  @Test
  void anUnextractedArchiveIsInvalidWithTheCommandToExtractIt() throws IOException {
    Path vocDir = Files.createDirectories(tmp.resolve("a/voc2012"));
    Files.write(vocDir.resolve("VOCtrainval_11-May-2012.tar"), new byte[] {0});
    DatasetStatus voc = VocDescriptors.voc2012().status(rootsAB());
    assertEquals(State.INVALID, voc.state());
    assertEquals(vocDir, voc.foundAt().orElseThrow());
    assertEquals(
        vocDir.resolve("VOCtrainval_11-May-2012.tar")
            + ": found, but not extracted: run tar xf "
            + vocDir.resolve("VOCtrainval_11-May-2012.tar")
            + " -C "
            + vocDir,
        voc.detail());

    Path sbdDir = Files.createDirectories(tmp.resolve("b/sbd"));
    Files.createDirectories(sbdDir.resolve("benchmark_RELEASE/dataset/img"));
    DatasetStatus sbd = VocDescriptors.sbd().status(rootsAB());
    assertEquals(State.INVALID, sbd.state());
    assertEquals(
        sbdDir.resolve("benchmark_RELEASE")
            + ": expected dataset/cls/ and dataset/train.txt inside, found none (an incomplete"
            + " extraction?)",
        sbd.detail());
  }
}
