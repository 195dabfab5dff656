package org.deltaboost.data.voc;

import java.util.List;

/**
 * The 21 classes of PASCAL VOC segmentation (background and 20 object classes, index = label) and
 * the void label 255 (object borders and ambiguous pixels), which training and scoring ignore.
 *
 * <p>The palette is the devkit's {@code labelcolormap}: the colour of index {@code i} takes bit
 * {@code 3j}, {@code 3j+1} and {@code 3j+2} of {@code i} into bit {@code 7−j} of red, green and
 * blue, for {@code j = 0..7}; so 1 is (128, 0, 0) and 255 is (224, 224, 192).
 */
public final class VocClasses {
  /** The class names, indexed by label. */
  public static final List<String> NAMES =
      List.of(
          "background",
          "aeroplane",
          "bicycle",
          "bird",
          "boat",
          "bottle",
          "bus",
          "car",
          "cat",
          "chair",
          "cow",
          "diningtable",
          "dog",
          "horse",
          "motorbike",
          "person",
          "pottedplant",
          "sheep",
          "sofa",
          "train",
          "tvmonitor");

  /** The number of classes, 21. */
  public static final int COUNT = NAMES.size();

  /** The label of void pixels, ignored by training and scoring. */
  public static final int VOID = 255;

  private VocClasses() {}

  /**
   * @param value a mask sample
   * @return whether it is a class (0..20) or void (255)
   */
  public static boolean isValid(int value) {
    return (value >= 0 && value < COUNT) || value == VOID;
  }

  /**
   * @return the 256 colours (0xRRGGBB) of the devkit's palette, indexed by label
   */
  public static int[] palette() {
    int[] palette = new int[256];
    for (int i = 0; i < 256; i++) {
      int r = 0;
      int g = 0;
      int b = 0;
      int c = i;
      for (int j = 0; j < 8; j++) {
        r |= (c & 1) << (7 - j);
        g |= ((c >> 1) & 1) << (7 - j);
        b |= ((c >> 2) & 1) << (7 - j);
        c >>= 3;
      }
      palette[i] = (r << 16) | (g << 8) | b;
    }
    return palette;
  }
}
