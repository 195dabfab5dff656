package org.deltaboost.data.imagenet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deltaboost.data.core.DataLocator;
import org.deltaboost.data.core.DatasetFormatException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageNet2012Test {
  // Sorted WordNet ids: n01440764 → class 0, n01443537 → class 1. The devkit numbers them the
  // other way round (ILSVRC2012_ID 1 = n01443537, 2 = n01440764) and has an inner node, id 1001.
  private static final Map<Integer, String> SYNSETS = new LinkedHashMap<>();

  static {
    SYNSETS.put(1, "n01443537");
    SYNSETS.put(2, "n01440764");
    SYNSETS.put(1001, "n00001740");
  }

  @TempDir Path tmp;
  private Path root;

  @BeforeEach
  void trainFolders() throws IOException {
    root = tmp.resolve("imagenet");
    ImageNetFixtures.jpeg(root.resolve("train/n01443537/n01443537_2.JPEG"));
    ImageNetFixtures.jpeg(root.resolve("train/n01443537/n01443537_10.JPEG"));
    ImageNetFixtures.jpeg(root.resolve("train/n01440764/n01440764_7.JPEG"));
  }

  private void flatVal(List<String> groundTruth, int files) throws IOException {
    ImageNetFixtures.devkit(root, SYNSETS, groundTruth);
    for (int n = 1; n <= files; n++) {
      ImageNetFixtures.jpeg(root.resolve(String.format("val/ILSVRC2012_val_%08d.JPEG", n)));
    }
  }

  @Test
  void classesAreSortedWnidsAndTrainFilesAreSortedByName() throws IOException {
    ImageNet2012 imagenet = ImageNet2012.locate(DataLocator.ofDataDir(tmp));
    assertEquals(List.of("n01440764", "n01443537"), imagenet.classes());
    assertEquals(
        List.of(
            new LabelledImage(root.resolve("train/n01440764/n01440764_7.JPEG"), 0),
            new LabelledImage(root.resolve("train/n01443537/n01443537_10.JPEG"), 1),
            new LabelledImage(root.resolve("train/n01443537/n01443537_2.JPEG"), 1)),
        imagenet.train());
  }

  @Test
  void flatValidationIsLabelledThroughTheDevkit() throws IOException {
    flatVal(List.of("1", "2", "1"), 3);
    List<LabelledImage> val = ImageNet2012.at(root).val();
    assertEquals(List.of(1, 0, 1), val.stream().map(LabelledImage::label).toList());
    assertEquals(root.resolve("val/ILSVRC2012_val_00000002.JPEG"), val.get(1).file());
    ImageNetDevkit devkit = ImageNetDevkit.read(root.resolve(ImageNetDevkit.FOLDER));
    assertEquals(List.of("n01443537", "n01440764"), devkit.classWnids());
    assertEquals("n00001740", devkit.wnidsById().get(1001));
  }

  @Test
  void validationClassFoldersAreAccepted() throws IOException {
    ImageNetFixtures.jpeg(root.resolve("val/n01443537/ILSVRC2012_val_00000001.JPEG"));
    assertEquals(
        List.of(1), ImageNet2012.at(root).val().stream().map(LabelledImage::label).toList());
    ImageNetFixtures.jpeg(root.resolve("val/n09999999/ILSVRC2012_val_00000002.JPEG"));
    assertEquals(
        root.resolve("val/n09999999")
            + ": class folder: expected one of the train classes, found n09999999",
        assertThrows(DatasetFormatException.class, () -> ImageNet2012.at(root).val()).getMessage());
  }

  @Test
  void aValidationFileNamedByTheGroundTruthMustExist() throws IOException {
    flatVal(List.of("1", "2", "1"), 2);
    assertEquals(
        root.resolve("val/ILSVRC2012_val_00000003.JPEG")
            + ": no such file (line 3 of the devkit's validation ground truth)",
        assertThrows(DatasetFormatException.class, () -> ImageNet2012.at(root).val()).getMessage());
  }

  @Test
  void aGroundTruthIdThatIsNoClassIsNamed() throws IOException {
    flatVal(List.of("1", "1001"), 2);
    Path truth =
        root.resolve(ImageNetDevkit.FOLDER).resolve("data/ILSVRC2012_validation_ground_truth.txt");
    assertEquals(
        truth + ": line 2: expected a class id of meta.mat (1..1000), found '1001'",
        assertThrows(DatasetFormatException.class, () -> ImageNet2012.at(root).val()).getMessage());
  }

  @Test
  void aCorruptMetaMatIsNamed() throws IOException {
    flatVal(List.of("1"), 1);
    Path meta = root.resolve(ImageNetDevkit.FOLDER).resolve("data/meta.mat");
    byte[] bytes = Files.readAllBytes(meta);
    Files.write(meta, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    String message =
        assertThrows(DatasetFormatException.class, () -> ImageNet2012.at(root).val()).getMessage();
    assertTrue(message.startsWith(meta + ": unreadable MAT file"), message);
  }

  @Test
  void aMetaMatWithoutSynsetsIsNamed() throws IOException {
    Path data = Files.createDirectories(root.resolve(ImageNetDevkit.FOLDER).resolve("data"));
    us.hebi.matlab.mat.format.Mat5.writeToFile(
        us.hebi.matlab.mat.format.Mat5.newMatFile()
            .addArray("classes", us.hebi.matlab.mat.format.Mat5.newScalar(1)),
        data.resolve("meta.mat").toFile());
    assertEquals(
        data.resolve("meta.mat")
            + ": variables: expected a struct array named synsets, found [classes]",
        assertThrows(
                DatasetFormatException.class,
                () -> ImageNetDevkit.read(root.resolve(ImageNetDevkit.FOLDER)))
            .getMessage());
  }
}
