package org.deltaboost.harness.train.samples;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import org.deltaboost.data.cifar.RandomCropFlip;
import org.deltaboost.data.core.ImageClassificationSet;
import org.deltaboost.data.core.InputNormalization;

/**
 * An in-memory image classification set (IDX, CIFAR) as a {@link SampleSet}.
 *
 * <p>Batches go through {@link BatchAssembler} (one native buffer per side, reused: a batch's
 * arrays are valid until the next batch). Plain sets serve {@code pixel / 255}. A set with a recipe
 * (CIFAR's) builds each batch as {@code x = (crop/flip(pixel / 255) − mean[c]) / std[c]}: the
 * optional training augmentation is {@link RandomCropFlip} (zero padding, random crop, mirror), its
 * draws seeded by {@code (seed, pass, from)} so a batch depends only on its place in the epoch; the
 * normalization uses the training set's channel statistics, for training and evaluation alike.
 */
public final class InMemorySamples implements SampleSet {

  private static final long PASS_MIX = 0x9E3779B97F4A7C15L;
  private static final long POSITION_MIX = 0xC2B2AE3D27D4EB4FL;

  private final ImageClassificationSet set;
  private final InputNormalization normalization;
  private final Augmentation augmentation;
  private final long seed;

  /** No augmentation and {@code pixel / 255} as it is: batches need no Java-side pass. */
  private final boolean plain;

  private BatchAssembler assembler;

  /**
   * Random crop after zero padding and horizontal mirroring, as {@link RandomCropFlip}.
   *
   * @param padding pixels of zero padding on each side (0: no crop)
   * @param flip mirror with probability ½
   */
  public record Augmentation(int padding, boolean flip) {
    /** Checks the padding. */
    public Augmentation {
      if (padding < 0) {
        throw new IllegalArgumentException("augmentation padding must be >= 0, got " + padding);
      }
    }

    /** CIFAR's usual recipe: pad 4, random 32×32 crop, mirror. */
    public static Augmentation cifar() {
      return new Augmentation(RandomCropFlip.DEFAULT_PADDING, true);
    }
  }

  private InMemorySamples(
      ImageClassificationSet set,
      InputNormalization normalization,
      Augmentation augmentation,
      long seed) {
    this.set = set;
    this.normalization = normalization;
    this.augmentation = augmentation;
    this.seed = seed;
    this.plain = augmentation == null && normalization.equals(InputNormalization.unitInterval());
    int channels = normalization.mean().size();
    if (channels != 1 && channels != set.channels()) {
      throw new IllegalArgumentException(
          "normalization "
              + normalization
              + " has "
              + channels
              + " channels, set "
              + set.name()
              + " has "
              + set.channels());
    }
  }

  /** Returns {@code set} served as {@code pixel / 255}, without augmentation. */
  public static InMemorySamples plain(ImageClassificationSet set) {
    return new InMemorySamples(set, InputNormalization.unitInterval(), null, 0);
  }

  /**
   * Returns {@code set} normalized and, when {@code augmentation} is given, augmented.
   *
   * @param set the images
   * @param normalization how pixels become inputs ({@code pixelScale} must be 1/255)
   * @param augmentation training augmentation, or {@code null} for none
   * @param seed seeds the augmentation
   */
  public static InMemorySamples of(
      ImageClassificationSet set,
      InputNormalization normalization,
      Augmentation augmentation,
      long seed) {
    if (Math.abs(normalization.pixelScale() * 255 - 1) > 1e-12) {
      throw new IllegalArgumentException(
          "in-memory sets scale pixels by 1/255, got pixelScale " + normalization.pixelScale());
    }
    return new InMemorySamples(set, normalization, augmentation, seed);
  }

  /** Returns the images. */
  public ImageClassificationSet images() {
    return set;
  }

  /** Returns the training augmentation, or {@code null}. */
  public Augmentation augmentation() {
    return augmentation;
  }

  @Override
  public String name() {
    return set.name();
  }

  @Override
  public int size() {
    return set.size();
  }

  @Override
  public Shape imageShape() {
    return new Shape(set.channels(), set.height(), set.width());
  }

  @Override
  public Shape labelShape() {
    return new Shape();
  }

  @Override
  public int numClasses() {
    return set.numClasses();
  }

  @Override
  public List<String> classNames() {
    return set.classNames();
  }

  @Override
  public InputNormalization normalization() {
    return normalization;
  }

  @Override
  public NDList batch(NDManager manager, int[] order, int from, int n, int pass) {
    NDArray images = images(manager, order, from, n, pass);
    return new NDList(images, assembler.labels(manager, order, from, n));
  }

  /** The same images as {@link #batch}, the classes straight from the set (no label array). */
  @Override
  public ClassBatch classBatch(NDManager manager, int[] order, int from, int n, int pass) {
    NDArray images = images(manager, order, from, n, pass);
    int[] classes = new int[n];
    for (int i = 0; i < n; i++) {
      classes[i] = set.label(order[from + i]);
    }
    return new ClassBatch(images, classes);
  }

  private NDArray images(NDManager manager, int[] order, int from, int n, int pass) {
    if (assembler == null || assembler.capacity() < n) {
      assembler = new BatchAssembler(set, n);
    }
    if (plain) {
      return assembler.images(manager, order, from, n);
    }
    int length = n * set.imageSize();
    float[] values = assembler.scaledPixels(order, from, n);
    if (augmentation != null) {
      float[] exact = length == values.length ? values : Arrays.copyOf(values, length);
      values =
          RandomCropFlip.builder()
              .optPadding(augmentation.padding())
              .optFlip(augmentation.flip())
              .optSeed(seed ^ (pass * PASS_MIX) ^ (from * POSITION_MIX))
              .build()
              .apply(exact, n, set.channels(), set.height(), set.width());
    }
    normalization.standardize(values, n, set.channels(), set.height() * set.width());
    return assembler.images(manager, values, n);
  }

  @Override
  public SampleSet subset(int[] indices, String name) {
    return new InMemorySamples(set.subset(indices, name), normalization, augmentation, seed);
  }

  @Override
  public SampleSet head(int n) {
    return n >= size() ? this : new InMemorySamples(set.head(n), normalization, augmentation, seed);
  }

  @Override
  public List<SampleSet> split(double fraction, long splitSeed) {
    ImageClassificationSet.Split split = set.split(fraction, splitSeed);
    return List.of(
        new InMemorySamples(split.first(), normalization, augmentation, seed),
        new InMemorySamples(split.second(), normalization, augmentation, seed));
  }

  @Override
  public InMemorySamples forEvaluation() {
    return augmentation == null ? this : new InMemorySamples(set, normalization, null, seed);
  }
}
