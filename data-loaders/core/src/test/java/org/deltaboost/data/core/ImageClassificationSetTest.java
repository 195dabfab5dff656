package org.deltaboost.data.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ImageClassificationSetTest {
  private static final List<String> THREE = List.of("a", "b", "c");

  /** Four 2×2×3 images whose pixel k of image i is 10·i + k; labels 0, 1, 2, 1. */
  private static ImageClassificationSet four() {
    byte[] pixels = new byte[4 * 12];
    for (int i = 0; i < 4; i++) {
      for (int k = 0; k < 12; k++) {
        pixels[i * 12 + k] = (byte) (10 * i + k);
      }
    }
    return new ImageClassificationSet("four", pixels, new int[] {0, 1, 2, 1}, 2, 2, 3, THREE);
  }

  /** n 1×1×1 images whose only pixel is the image's index; labels cycle 0, 1, 2. */
  private static ImageClassificationSet indexed(int n) {
    byte[] pixels = new byte[n];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      pixels[i] = (byte) i;
      labels[i] = i % 3;
    }
    return new ImageClassificationSet("indexed", pixels, labels, 1, 1, 1, THREE);
  }

  @Test
  void describesItsShape() {
    ImageClassificationSet set = four();
    assertEquals(4, set.size());
    assertEquals(2, set.channels());
    assertEquals(2, set.height());
    assertEquals(3, set.width());
    assertEquals(12, set.imageSize());
    assertEquals(3, set.numClasses());
    assertEquals(THREE, set.classNames());
    assertEquals("four", set.name());
    assertEquals(2, set.label(2));
    assertArrayEquals(new int[] {0, 1, 2, 1}, set.labels());
    assertArrayEquals(new int[] {1, 2, 1}, set.classCounts());
    assertEquals("ImageClassificationSet[four: 4 images of 2×2×3, 3 classes]", set.toString());
  }

  @Test
  void copiesItsInputsAndOutputs() {
    byte[] pixels = new byte[2];
    int[] labels = {0, 1};
    ImageClassificationSet set = new ImageClassificationSet("x", pixels, labels, 1, 1, 1, THREE);
    pixels[0] = 7;
    labels[0] = 2;
    set.labels()[1] = 2;
    set.pixels(1)[0] = 9;
    assertEquals(0, set.pixels(0)[0]);
    assertEquals(0, set.label(0));
    assertEquals(1, set.label(1));
    assertEquals(0, set.pixels(1)[0]);
  }

  @Test
  void copiesOneImage() {
    byte[] expected = new byte[12];
    for (int k = 0; k < 12; k++) {
      expected[k] = (byte) (20 + k);
    }
    assertArrayEquals(expected, four().pixels(2));
    byte[] dst = new byte[14];
    four().copyPixels(2, dst, 2);
    assertArrayEquals(expected, Arrays.copyOfRange(dst, 2, 14));
  }

  @Test
  void scalesPixelsToTheUnitInterval() {
    byte[] pixels = {0, 1, (byte) 128, (byte) 255};
    ImageClassificationSet set =
        new ImageClassificationSet("grey", pixels, new int[] {0}, 1, 2, 2, THREE);
    float[] dst = new float[6];
    set.copyScaled(0, dst, 1);
    assertArrayEquals(new float[] {0f, 0f, 1f / 255f, 128f / 255f, 1f, 0f}, dst);
  }

  @Test
  void rejectsAnIndexOutOfRange() {
    ImageClassificationSet set = four();
    assertThrows(IndexOutOfBoundsException.class, () -> set.label(4));
    assertThrows(IndexOutOfBoundsException.class, () -> set.pixels(-1));
    assertThrows(IndexOutOfBoundsException.class, () -> set.copyScaled(0, new float[11], 0));
  }

  @Test
  void anOwningSetHoldsItsInputsAndChecksThemAsTheConstructorDoes() {
    byte[] pixels = {5, 6};
    int[] labels = {0, 2};
    ImageClassificationSet set = ImageClassificationSet.owning("x", pixels, labels, 1, 1, 1, THREE);
    assertEquals(
        new ImageClassificationSet("x", pixels, labels, 1, 1, 1, THREE).toString(), set.toString());
    assertArrayEquals(new byte[] {6}, set.pixels(1));
    pixels[1] = 9; // not copied: the loader hands its arrays over
    assertArrayEquals(new byte[] {9}, set.pixels(1));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ImageClassificationSet.owning(
                    "bad", new byte[3], new int[] {0, 3, 1}, 1, 1, 1, THREE));
    assertEquals("bad: label of image 1: expected 0..2, found 3", e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> ImageClassificationSet.owning("bad", new byte[3], new int[] {0}, 1, 1, 1, THREE));
  }

  @Test
  void rejectsALabelOutsideTheClasses() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new ImageClassificationSet(
                    "bad", new byte[3], new int[] {0, 3, 1}, 1, 1, 1, THREE));
    assertEquals("bad: label of image 1: expected 0..2, found 3", e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> new ImageClassificationSet("bad", new byte[1], new int[] {-1}, 1, 1, 1, THREE));
  }

  @Test
  void rejectsPixelsThatDoNotFitTheLabels() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new ImageClassificationSet("bad", new byte[10], new int[] {0, 1}, 1, 2, 3, THREE));
    assertEquals("bad: pixels: expected N×C×H×W = 2×1×2×3 = 12 bytes, found 10", e.getMessage());
  }

  @Test
  void rejectsAnEmptyShapeNameOrClassList() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new ImageClassificationSet("bad", new byte[0], new int[0], 0, 1, 1, THREE));
    assertThrows(
        IllegalArgumentException.class,
        () -> new ImageClassificationSet(" ", new byte[0], new int[0], 1, 1, 1, THREE));
    assertThrows(
        IllegalArgumentException.class,
        () -> new ImageClassificationSet("bad", new byte[0], new int[0], 1, 1, 1, List.of()));
  }

  @Test
  void subsetTakesTheGivenImagesInOrder() {
    ImageClassificationSet sub = four().subset(new int[] {3, 0, 3}, "sub");
    assertEquals("sub", sub.name());
    assertEquals(3, sub.size());
    assertArrayEquals(new int[] {1, 0, 1}, sub.labels());
    assertArrayEquals(four().pixels(3), sub.pixels(0));
    assertArrayEquals(four().pixels(0), sub.pixels(1));
    assertArrayEquals(four().pixels(3), sub.pixels(2));
    assertThrows(IndexOutOfBoundsException.class, () -> four().subset(new int[] {4}, "x"));
  }

  @Test
  void headKeepsTheFirstImages() {
    ImageClassificationSet head = four().head(2);
    assertEquals("four[head 2]", head.name());
    assertArrayEquals(new int[] {0, 1}, head.labels());
    assertArrayEquals(four().pixels(1), head.pixels(1));
    assertEquals(0, four().head(0).size());
    assertThrows(IndexOutOfBoundsException.class, () -> four().head(5));
  }

  @Test
  void splitPartsAreDisjointCompleteAndSized() {
    ImageClassificationSet set = indexed(101);
    ImageClassificationSet.Split split = set.split(0.9, 42);
    // round(0.9 × 101) = round(90.9) = 91
    assertEquals(91, split.first().size());
    assertEquals(10, split.second().size());
    int[] all =
        IntStream.concat(
                IntStream.range(0, 91).map(i -> split.first().pixels(i)[0] & 0xFF),
                IntStream.range(0, 10).map(i -> split.second().pixels(i)[0] & 0xFF))
            .sorted()
            .toArray();
    assertArrayEquals(IntStream.range(0, 101).toArray(), all);
    for (ImageClassificationSet part : List.of(split.first(), split.second())) {
      for (int i = 0; i < part.size(); i++) {
        int original = part.pixels(i)[0] & 0xFF;
        assertEquals(original % 3, part.label(i), "label travels with its image");
        if (i > 0) {
          assertTrue(original > (part.pixels(i - 1)[0] & 0xFF), "original order kept");
        }
      }
    }
    assertEquals("indexed[split 0.9 seed 42: first]", split.first().name());
    assertEquals("indexed[split 0.9 seed 42: second]", split.second().name());
  }

  @Test
  void splitIsReproducibleAndDependsOnTheSeed() {
    ImageClassificationSet set = indexed(200);
    int[] a = firstPixels(set.split(0.5, 7).first());
    int[] b = firstPixels(set.split(0.5, 7).first());
    int[] c = firstPixels(set.split(0.5, 8).first());
    assertArrayEquals(a, b);
    assertNotEquals(Arrays.toString(a), Arrays.toString(c));
    // Not simply the first half: a shuffle picked the images.
    assertNotEquals(Arrays.toString(IntStream.range(0, 100).toArray()), Arrays.toString(a));
  }

  @Test
  void splitAcceptsTheEndsAndRejectsOtherFractions() {
    ImageClassificationSet set = indexed(5);
    assertEquals(0, set.split(0, 1).first().size());
    assertEquals(5, set.split(1, 1).first().size());
    assertThrows(IllegalArgumentException.class, () -> set.split(1.5, 1));
    assertThrows(IllegalArgumentException.class, () -> set.split(Double.NaN, 1));
  }

  private static int[] firstPixels(ImageClassificationSet set) {
    return IntStream.range(0, set.size()).map(i -> set.pixels(i)[0] & 0xFF).toArray();
  }
}
