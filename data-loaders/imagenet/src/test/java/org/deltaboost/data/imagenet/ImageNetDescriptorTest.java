package org.deltaboost.data.imagenet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deltaboost.data.core.DataLocator;
import org.deltaboost.data.core.DatasetDescriptor;
import org.deltaboost.data.core.DatasetStatus;
import org.deltaboost.data.core.DatasetStatus.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageNetDescriptorTest {
  /** Two classes and three validation images, as the fixtures below write them. */
  private static final ImageNetDescriptor SMALL = new ImageNetDescriptor(2, 3);

  @TempDir Path tmp;

  private DataLocator rootsAB() {
    return DataLocator.ofRoots(List.of(tmp.resolve("a"), tmp.resolve("b")));
  }

  /** train/ with classes n01440764 (one image) and n01443537 (two). */
  private static Path train(Path root) throws IOException {
    ImageNetFixtures.jpeg(root.resolve("train/n01443537/n01443537_2.JPEG"));
    ImageNetFixtures.jpeg(root.resolve("train/n01443537/n01443537_10.JPEG"));
    ImageNetFixtures.jpeg(root.resolve("train/n01440764/n01440764_7.JPEG"));
    return root;
  }

  /** Flat val/ with three images and a devkit numbering the two classes and an inner node. */
  private static void flatVal(Path root, String secondClass) throws IOException {
    Map<Integer, String> synsets = new LinkedHashMap<>();
    synsets.put(1, "n01443537");
    synsets.put(2, secondClass);
    synsets.put(1001, "n00001740");
    ImageNetFixtures.devkit(root, synsets, List.of("2", "1", "1"));
    for (int n = 1; n <= 3; n++) {
      ImageNetFixtures.jpeg(root.resolve(String.format("val/ILSVRC2012_val_%08d.JPEG", n)));
    }
  }

  @Test
  void describesImageNet() {
    List<DatasetDescriptor> descriptors = ImageNetDescriptor.descriptors();
    assertEquals(List.of("imagenet"), descriptors.stream().map(DatasetDescriptor::name).toList());
    assertTrue(
        descriptors
            .get(0)
            .description()
            .endsWith(
                "official archives ILSVRC2012_img_train.tar, ILSVRC2012_img_val.tar,"
                    + " ILSVRC2012_devkit_t12.tar.gz"));
  }

  @Test
  void isNeverDownloadedAsItNeedsAnAccount() {
    assertEquals(List.of(), ImageNetDescriptor.descriptors().get(0).downloads());
  }

  @Test
  void missingListsTheArchivesTheirChecksumsAndTheExtraction() {
    DatasetStatus status = new ImageNetDescriptor().status(rootsAB());
    assertEquals(State.MISSING, status.state());
    Path target = tmp.resolve("a/imagenet");
    assertEquals(List.of(target, tmp.resolve("b/imagenet")), status.searched());
    List<String> steps = status.howToGet();
    assertEquals(6, steps.size());
    assertEquals(
        "Sign up at https://image-net.org and accept its terms of access, then download"
            + " ILSVRC2012_img_train.tar, ILSVRC2012_img_val.tar, ILSVRC2012_devkit_t12.tar.gz"
            + " from https://image-net.org/challenges/LSVRC/2012/2012-downloads.php (about 138"
            + " GB, 6.3 GB and 2.5 MB).",
        steps.get(0));
    assertEquals(
        "Check them: echo '1d675b47d978889d74fa0da5fadfb00e  ILSVRC2012_img_train.tar' | md5sum"
            + " -c && echo '29b22e2961454d5413ddabcf34fc5622  ILSVRC2012_img_val.tar' | md5sum -c"
            + " && echo 'fa75699e90414af021442c21a62c3abf  ILSVRC2012_devkit_t12.tar.gz' | md5sum"
            + " -c",
        steps.get(1));
    assertEquals(
        "mkdir -p "
            + target.resolve("train")
            + " && tar xf ILSVRC2012_img_train.tar -C "
            + target.resolve("train")
            + " && (cd "
            + target.resolve("train")
            + " && for f in n*.tar; do mkdir \"${f%.tar}\" && tar xf \"$f\" -C \"${f%.tar}\" && rm"
            + " \"$f\"; done) (the archive holds one .tar per class; this makes"
            + " train/<wnid>/*.JPEG).",
        steps.get(2));
    assertEquals(
        "tar xzf ILSVRC2012_devkit_t12.tar.gz -C "
            + target
            + " (makes "
            + target.resolve("ILSVRC2012_devkit_t12")
            + "/ with data/meta.mat and the validation ground truth).",
        steps.get(4));
    assertTrue(
        steps.get(5).endsWith("~/.deltaboost/datasets/imagenet or /usr/share/datasets/imagenet."),
        steps.get(5));
  }

  @Test
  void classFoldersForBothSplitsAreUnverified() throws IOException {
    Path root = train(tmp.resolve("b/imagenet"));
    ImageNetFixtures.jpeg(root.resolve("val/n01440764/ILSVRC2012_val_00000002.JPEG"));
    ImageNetFixtures.jpeg(root.resolve("val/n01443537/ILSVRC2012_val_00000001.JPEG"));
    DatasetStatus status = SMALL.status(rootsAB());
    assertEquals(State.UNVERIFIED, status.state());
    assertEquals(root, status.foundAt().orElseThrow());
    assertEquals(
        "train: 2 class folders, each holding images; val: 2 class folders, each holding images;"
            + " extracted files have no published checksums",
        status.detail());
  }

  @Test
  void flatValidationImagesWithTheDevkitAreUnverified() throws IOException {
    Path root = train(tmp.resolve("a/imagenet"));
    flatVal(root, "n01440764");
    DatasetStatus status = SMALL.status(rootsAB());
    assertEquals(State.UNVERIFIED, status.state());
    assertEquals(
        "train: 2 class folders, each holding images; val: 3 flat images labelled by"
            + " ILSVRC2012_devkit_t12 (its classes are train/'s); extracted files have no published"
            + " checksums",
        status.detail());
  }

  @Test
  void theReleaseCountsAreExpected() throws IOException {
    Path root = train(tmp.resolve("a/imagenet"));
    DatasetStatus status = new ImageNetDescriptor().status(rootsAB());
    assertEquals(State.INVALID, status.state());
    assertEquals(
        root.resolve("train") + ": class folders: expected 1000 (one per WordNet id), found 2",
        status.detail());
    assertTrue(status.report().contains("to get it:"), status.report());
  }

  @Test
  void perClassTarFilesLeftUnextractedAreInvalid() throws IOException {
    Path train = Files.createDirectories(tmp.resolve("a/imagenet/train"));
    Files.write(train.resolve("n01440764.tar"), new byte[] {0});
    Files.write(train.resolve("n01443537.tar"), new byte[] {0});
    DatasetStatus status = SMALL.status(rootsAB());
    assertEquals(State.INVALID, status.state());
    assertEquals(
        train
            + ": holds 2 per-class .tar files but no class folders: extract each into"
            + " train/<wnid>/ (step 3)",
        status.detail());
  }

  @Test
  void anEmptyClassFolderIsInvalid() throws IOException {
    Path root = train(tmp.resolve("a/imagenet"));
    Files.createDirectories(root.resolve("val/n01440764"));
    ImageNetFixtures.jpeg(root.resolve("val/n01443537/ILSVRC2012_val_00000001.JPEG"));
    Files.writeString(root.resolve("val/n01440764/notes.txt"), "not an image");
    DatasetStatus status = SMALL.status(rootsAB());
    assertEquals(State.INVALID, status.state());
    assertEquals(
        root.resolve("val/n01440764") + ": no images (.JPEG, .jpg or .png) in the class folder",
        status.detail());
  }

  @Test
  void aMissingValFolderIsInvalid() throws IOException {
    Path root = train(tmp.resolve("a/imagenet"));
    DatasetStatus status = SMALL.status(rootsAB());
    assertEquals(State.INVALID, status.state());
    assertEquals(
        root.resolve("val")
            + ": no such folder (extract ILSVRC2012_img_val.tar there, see the steps below)",
        status.detail());
  }

  @Test
  void flatValidationImagesNeedTheDevkit() throws IOException {
    Path root = train(tmp.resolve("a/imagenet"));
    flatVal(root, "n01440764");
    Path devkit = root.resolve("ILSVRC2012_devkit_t12");
    try (var files = Files.walk(devkit)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
    DatasetStatus status = SMALL.status(rootsAB());
    assertEquals(State.INVALID, status.state());
    assertEquals(
        devkit
            + ": no such folder; flat validation images are labelled by it (extract"
            + " ILSVRC2012_devkit_t12.tar.gz)",
        status.detail());
  }

  @Test
  void aDevkitWithOtherClassesIsInvalid() throws IOException {
    Path root = train(tmp.resolve("a/imagenet"));
    flatVal(root, "n09999999");
    DatasetStatus status = SMALL.status(rootsAB());
    assertEquals(State.INVALID, status.state());
    assertEquals(
        root.resolve("ILSVRC2012_devkit_t12/data/meta.mat")
            + ": classes: expected the 2 class folders of train/, found 2 WordNet ids that differ",
        status.detail());
  }

  @Test
  void anotherNumberOfFlatValidationImagesIsInvalid() throws IOException {
    Path root = train(tmp.resolve("a/imagenet"));
    flatVal(root, "n01440764");
    Files.delete(root.resolve("val/ILSVRC2012_val_00000003.JPEG"));
    DatasetStatus status = SMALL.status(rootsAB());
    assertEquals(State.INVALID, status.state());
    assertEquals(
        root.resolve("val")
            + ": ILSVRC2012_val_*.JPEG files: expected 3 (or class folders), found 2",
        status.detail());
  }

  @Test
  void archivesAloneAreInvalid() throws IOException {
    Path place = Files.createDirectories(tmp.resolve("b/imagenet"));
    Files.write(place.resolve("ILSVRC2012_img_val.tar"), new byte[] {0});
    Files.write(place.resolve("ILSVRC2012_devkit_t12.tar.gz"), new byte[] {0});
    DatasetStatus status = SMALL.status(rootsAB());
    assertEquals(State.INVALID, status.state());
    assertEquals(place, status.foundAt().orElseThrow());
    assertEquals(
        place
            + ": ILSVRC2012_img_val.tar, ILSVRC2012_devkit_t12.tar.gz found, but no train/ or val/:"
            + " extract them as the steps below say",
        status.detail());
  }
}
