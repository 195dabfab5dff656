package org.deltaboost.harness.train.config;

/**
 * How a run's images are prepared, beyond which dataset they come from; config field {@code data}.
 * Zero sizes take the dataset's default.
 *
 * @param augment training augmentation where the dataset has a recipe: CIFAR pad-4 random crop and
 *     mirror; ImageNet random crop and mirror (off: the centre crop, as for evaluation); VOC random
 *     scale 0.5–2, crop and mirror of image and mask together (off: scale 1, no mirror, a random
 *     crop still). Default on
 * @param resizeSize ImageNet: the shorter side after resizing, default 256
 * @param cropSize ImageNet: the square crop, default 224 (227 for the original AlexNet); VOC: the
 *     training crop, default 224 (the VGG-16 input)
 * @param evaluationSize VOC: the side evaluation images are padded to, default 512 (VOC's images
 *     are at most 500×500)
 * @param pixelsPerImage segmentation: pixels sampled per training image (PixelNet's sparse
 *     sampling), default 2000
 * @param workers image decoding threads, default the number of processors
 * @param skipUnreadable decoded sets (ImageNet, VOC): an image that cannot be decoded is replaced
 *     by the next readable one and counted (a warning, and {@code skippedUnreadable} in the run's
 *     {@code result.json}) instead of stopping the run with the file's name; default off
 * @param jpegDctScaling ImageNet: a JPEG at least twice the resized size is decoded at 1/2, 1/4 or
 *     1/8 of its size (by libjpeg-turbo, in the DCT domain) before resizing: faster, with slightly
 *     different pixels (docs/performance.md); default off
 */
public record DataSettings(
    boolean augment,
    int resizeSize,
    int cropSize,
    int evaluationSize,
    int pixelsPerImage,
    int workers,
    boolean skipUnreadable,
    boolean jpegDctScaling) {

  /** ImageNet's shorter side after resizing, when {@code resizeSize} is 0. */
  public static final int IMAGENET_RESIZE = 256;

  /** ImageNet's crop when {@code cropSize} is 0. */
  public static final int IMAGENET_CROP = 224;

  /** VOC's training crop when {@code cropSize} is 0. */
  public static final int VOC_CROP = 224;

  /** VOC's evaluation side when {@code evaluationSize} is 0. */
  public static final int VOC_EVALUATION = 512;

  /** Pixels per training image when {@code pixelsPerImage} is 0. */
  public static final int PIXELS_PER_IMAGE = 2000;

  /** Augmentation on, every size the dataset's default. */
  public static DataSettings defaults() {
    return new DataSettings(true, 0, 0, 0, 0, 0, false, false);
  }

  /** Checks every field, naming it. */
  public DataSettings {
    nonNegative("data.resizeSize", resizeSize);
    nonNegative("data.cropSize", cropSize);
    nonNegative("data.evaluationSize", evaluationSize);
    nonNegative("data.pixelsPerImage", pixelsPerImage);
    nonNegative("data.workers", workers);
    if (resizeSize > 0 && cropSize > resizeSize) {
      throw new IllegalArgumentException(
          "data.cropSize " + cropSize + " exceeds data.resizeSize " + resizeSize);
    }
  }

  /** Returns {@code value}, or {@code fallback} when it is 0. */
  public static int orDefault(int value, int fallback) {
    return value > 0 ? value : fallback;
  }

  /** Returns the decoding threads to use. */
  public int resolvedWorkers() {
    return orDefault(workers, Runtime.getRuntime().availableProcessors());
  }

  private static void nonNegative(String field, int value) {
    if (value < 0) {
      throw new IllegalArgumentException(
          field + " must be >= 0 (0 = the dataset's default), got " + value);
    }
  }
}
