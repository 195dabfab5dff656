package org.deltaboost.data.idx;

import static org.deltaboost.data.idx.IdxFixtures.imageBody;
import static org.deltaboost.data.idx.IdxFixtures.images;
import static org.deltaboost.data.idx.IdxFixtures.labels;
import static org.deltaboost.data.idx.IdxFixtures.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.deltaboost.data.core.DataLocator;
import org.deltaboost.data.core.DatasetFormatException;
import org.deltaboost.data.core.ImageClassificationSet;
import org.deltaboost.data.idx.IdxFixtures.Encoding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MnistFamilyTest {
  @TempDir Path tmp;

  /** Writes both splits: 3 training images labelled 9, 0, 5 and 2 test images labelled 1, 2. */
  private Path dataset(Encoding encoding) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("fashion-mnist"));
    writeSplit(dir, Split.TRAIN, encoding, images(3, 28, 28), labels(9, 0, 5));
    writeSplit(dir, Split.TEST, encoding, images(2, 28, 28), labels(1, 2));
    return dir;
  }

  private static void writeSplit(
      Path dir, Split split, Encoding encoding, byte[] imageFile, byte[] labelFile) {
    write(dir, encoding.fileName(split.imagesFile()), encoding.encode(imageFile));
    write(dir, encoding.fileName(split.labelsFile()), encoding.encode(labelFile));
  }

  private String failure(Path dir, Split split) {
    DatasetFormatException e =
        assertThrows(DatasetFormatException.class, () -> FashionMnist.load(dir, split));
    return e.getMessage();
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void loadsBothSplits(Encoding encoding) throws IOException {
    Path dir = dataset(encoding);
    ImageClassificationSet train = FashionMnist.load(dir, Split.TRAIN);
    assertEquals("fashion-mnist/train", train.name());
    assertEquals(3, train.size());
    assertEquals(1, train.channels());
    assertEquals(28, train.height());
    assertEquals(28, train.width());
    assertArrayEquals(new int[] {9, 0, 5}, train.labels());
    assertEquals(FashionMnist.CLASS_NAMES, train.classNames());
    assertArrayEquals(Arrays.copyOfRange(imageBody(3, 28, 28), 784, 2 * 784), train.pixels(1));

    ImageClassificationSet test = FashionMnist.load(dir, Split.TEST);
    assertEquals("fashion-mnist/test", test.name());
    assertArrayEquals(new int[] {1, 2}, test.labels());
  }

  @Test
  void classNamesAreTheDatasetsOwn() {
    assertEquals(
        List.of(
            "T-shirt/top",
            "Trouser",
            "Pullover",
            "Dress",
            "Coat",
            "Sandal",
            "Shirt",
            "Sneaker",
            "Bag",
            "Ankle boot"),
        FashionMnist.CLASS_NAMES);
    assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), Mnist.CLASS_NAMES);
  }

  @Test
  void mnistNamesItsSets() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("mnist"));
    writeSplit(dir, Split.TRAIN, Encoding.GZIP, images(1, 28, 28), labels(7));
    ImageClassificationSet train = Mnist.load(dir, Split.TRAIN);
    assertEquals("mnist/train", train.name());
    assertEquals("7", train.classNames().get(train.label(0)));
  }

  @Test
  void prefersTheRawFileWhenBothExist() throws IOException {
    Path dir = dataset(Encoding.GZIP);
    write(dir, Split.TRAIN.labelsFile(), labels(4, 4, 4));
    assertArrayEquals(new int[] {4, 4, 4}, FashionMnist.load(dir, Split.TRAIN).labels());
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void rejectsImageAndLabelCountsThatDiffer(Encoding encoding) throws IOException {
    Path dir = dataset(encoding);
    writeSplit(dir, Split.TRAIN, encoding, images(3, 28, 28), labels(1, 2));
    Path labelFile = dir.resolve(encoding.fileName(Split.TRAIN.labelsFile()));
    Path imageFile = dir.resolve(encoding.fileName(Split.TRAIN.imagesFile()));
    assertEquals(
        labelFile + ": count: expected 3 labels, one per image of " + imageFile + ", found 2",
        failure(dir, Split.TRAIN));
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void rejectsALabelOutsideTheTenClasses(Encoding encoding) throws IOException {
    Path dir = dataset(encoding);
    writeSplit(dir, Split.TEST, encoding, images(2, 28, 28), labels(3, 10));
    Path labelFile = dir.resolve(encoding.fileName(Split.TEST.labelsFile()));
    assertEquals(
        labelFile + ": label of image 1: expected a class in 0..9, found 10",
        failure(dir, Split.TEST));
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void rejectsImagesThatAreNot28By28(Encoding encoding) throws IOException {
    Path dir = dataset(encoding);
    writeSplit(dir, Split.TRAIN, encoding, images(3, 32, 32), labels(1, 2, 3));
    Path imageFile = dir.resolve(encoding.fileName(Split.TRAIN.imagesFile()));
    assertEquals(
        imageFile + ": rows×cols: expected 28×28 for fashion-mnist, found 32×32",
        failure(dir, Split.TRAIN));
  }

  @Test
  void namesAMissingFileAndTheFolder() throws IOException {
    Path dir = dataset(Encoding.RAW);
    Files.delete(dir.resolve(Split.TRAIN.labelsFile()));
    assertEquals(
        dir
            + ": train-labels-idx1-ubyte: expected train-labels-idx1-ubyte or"
            + " train-labels-idx1-ubyte.gz, found neither",
        failure(dir, Split.TRAIN));
  }

  @Test
  void locatesTheFirstCompleteFolder() throws IOException {
    Path dir = dataset(Encoding.GZIP);
    Path incomplete = Files.createDirectories(tmp.resolve("first/fashion-mnist"));
    writeSplit(incomplete, Split.TRAIN, Encoding.GZIP, images(1, 28, 28), labels(1));
    DataLocator locator = DataLocator.ofRoots(List.of(tmp.resolve("first"), tmp));
    assertFalse(MnistFamily.FASHION_MNIST.isComplete(incomplete));
    assertEquals(dir, FashionMnist.locate(locator));
    assertEquals(3, FashionMnist.load(locator, Split.TRAIN).size());
    assertEquals(dir, FashionMnist.locate(DataLocator.ofDataDir(dir)));
  }

  @Test
  void aFileReplacedByAFolderIsAnErrorNotAFallbackToTheNextPlace() throws IOException {
    Path complete = dataset(Encoding.GZIP);
    Path damaged = Files.createDirectories(tmp.resolve("first/fashion-mnist"));
    writeSplit(damaged, Split.TRAIN, Encoding.GZIP, images(1, 28, 28), labels(1));
    writeSplit(damaged, Split.TEST, Encoding.GZIP, images(1, 28, 28), labels(1));
    Path folder = damaged.resolve(Split.TRAIN.imagesFile() + ".gz");
    Files.delete(folder);
    Files.createDirectory(folder);
    DataLocator locator = DataLocator.ofRoots(List.of(tmp.resolve("first"), tmp));
    assertTrue(MnistFamily.FASHION_MNIST.isComplete(complete));
    DatasetFormatException e =
        assertThrows(DatasetFormatException.class, () -> FashionMnist.locate(locator));
    assertEquals(
        folder + ": dataset file: expected a readable file, found a folder", e.getMessage());
    assertThrows(DatasetFormatException.class, () -> FashionMnist.load(locator, Split.TEST));
  }

  @Test
  void notFoundListsThePlacesSearched() {
    DataLocator locator = DataLocator.ofRoots(List.of(tmp.resolve("a"), tmp.resolve("b")));
    DatasetFormatException e =
        assertThrows(DatasetFormatException.class, () -> Mnist.locate(locator));
    String message = e.getMessage();
    assertTrue(
        message.startsWith(
            "dataset 'mnist' not found: expected a folder holding "
                + "train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz], "
                + "t10k-images-idx3-ubyte[.gz], t10k-labels-idx1-ubyte[.gz]; looked in"),
        message);
    assertTrue(message.contains(tmp.resolve("a/mnist").toString()), message);
    assertTrue(message.contains(tmp.resolve("b/mnist").toString()), message);
  }
}
