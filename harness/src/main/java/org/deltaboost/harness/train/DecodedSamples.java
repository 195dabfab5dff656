package org.deltaboost.harness.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.deltaboost.data.image.DecodingDataset;
import org.deltaboost.onnx.InputNormalization;

/**
 * A set decoded from image files batch by batch ({@link DecodingDataset}: ImageNet, VOC) as a
 * {@link SampleSet}: nothing is cached, memory is one batch plus one image per decoding thread.
 * The dataset serves {@code pixel / 255}; this class then applies the normalization's mean and
 * deviation. Augmentation is the dataset's own, drawn per (dataset seed, pass, sample), so a
 * batch depends only on its samples and the epoch.
 */
public final class DecodedSamples implements SampleSet {

  private final String name;
  private final DecodingDataset dataset;
  private final DecodingDataset evaluation;
  private final List<String> classNames;
  private final InputNormalization normalization;
  private final ChannelStandardizer standardizer;
  private final int[] indices;
  private float[] data = new float[0];
  private float[] labels = new float[0];

  /**
   * Serves every record of a dataset.
   *
   * @param name the set's name for messages
   * @param dataset the records as trained on (augmented) or evaluated
   * @param evaluation the same records without augmentation ({@code dataset} itself for an
   *     evaluation set)
   * @param classNames class names, index = label
   * @param normalization how pixels became inputs ({@code pixelScale} 1/255)
   */
  public DecodedSamples(
      String name,
      DecodingDataset dataset,
      DecodingDataset evaluation,
      List<String> classNames,
      InputNormalization normalization) {
    this(name, dataset, evaluation, classNames, normalization, null);
    if (dataset.size() != evaluation.size()) {
      throw new IllegalArgumentException(
          name + ": training and evaluation views differ in size: " + dataset.size() + " vs "
              + evaluation.size());
    }
  }

  private DecodedSamples(
      String name,
      DecodingDataset dataset,
      DecodingDataset evaluation,
      List<String> classNames,
      InputNormalization normalization,
      int[] indices) {
    if (Math.abs(normalization.pixelScale() * 255 - 1) > 1e-12) {
      throw new IllegalArgumentException(
          "decoded sets scale pixels by 1/255, got pixelScale " + normalization.pixelScale());
    }
    this.name = name;
    this.dataset = dataset;
    this.evaluation = evaluation;
    this.classNames = List.copyOf(classNames);
    this.normalization = normalization;
    this.standardizer = new ChannelStandardizer(normalization);
    this.indices = indices;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int size() {
    return indices != null ? indices.length : Math.toIntExact(dataset.size());
  }

  @Override
  public Shape imageShape() {
    return dataset.dataShape();
  }

  @Override
  public Shape labelShape() {
    return dataset.labelShape();
  }

  @Override
  public int numClasses() {
    return classNames.size();
  }

  @Override
  public List<String> classNames() {
    return classNames;
  }

  @Override
  public InputNormalization normalization() {
    return normalization;
  }

  @Override
  public NDList batch(NDManager manager, int[] order, int from, int n, int pass) throws IOException {
    Shape imageShape = dataset.dataShape();
    Shape labelShape = dataset.labelShape();
    int imageSize = Math.toIntExact(imageShape.size());
    int labelSize = Math.toIntExact(labelShape.size());
    if (data.length < n * imageSize) {
      data = new float[Math.multiplyExact(n, imageSize)];
      labels = new float[Math.multiplyExact(n, labelSize)];
    }
    List<Long> records = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int sample = order[from + i];
      records.add((long) (indices != null ? indices[sample] : sample));
    }
    dataset.decodeBatch(pass, records, data, labels);
    int channels = Math.toIntExact(imageShape.get(0));
    standardizer.apply(data, n, channels, imageSize / channels);
    return new NDList(
        manager.create(FloatBuffer.wrap(data, 0, n * imageSize), new Shape(n).addAll(imageShape)),
        manager.create(FloatBuffer.wrap(labels, 0, n * labelSize), new Shape(n).addAll(labelShape)));
  }

  @Override
  public SampleSet subset(int[] positions, String subsetName) {
    int[] records = new int[positions.length];
    for (int i = 0; i < positions.length; i++) {
      records[i] = indices != null ? indices[positions[i]] : positions[i];
    }
    return new DecodedSamples(subsetName, dataset, evaluation, classNames, normalization, records);
  }

  /** As {@code ImageClassificationSet.split}: a seeded Fisher–Yates shuffle picks the first part. */
  @Override
  public List<SampleSet> split(double fraction, long seed) {
    if (!(fraction > 0 && fraction < 1)) {
      throw new IllegalArgumentException("split fraction must be in (0, 1), got " + fraction);
    }
    int n = size();
    int[] order = new int[n];
    Arrays.setAll(order, i -> i);
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int firstSize = (int) Math.round(n * fraction);
    int[] first = Arrays.copyOf(order, firstSize);
    int[] rest = Arrays.copyOfRange(order, firstSize, n);
    Arrays.sort(first);
    Arrays.sort(rest);
    return List.of(subset(first, name + " (held out)"), subset(rest, name + " (rest)"));
  }

  @Override
  public SampleSet forEvaluation() {
    return dataset == evaluation
        ? this
        : new DecodedSamples(name, evaluation, evaluation, classNames, normalization, indices);
  }

  @Override
  public void close() {
    dataset.close();
    evaluation.close();
  }
}
