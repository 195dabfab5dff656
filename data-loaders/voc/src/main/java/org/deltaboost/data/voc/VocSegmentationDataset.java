package org.deltaboost.data.voc;

import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.SplittableRandom;
import org.deltaboost.data.core.DatasetFormatException;
import org.deltaboost.data.image.DecodingDataset;
import org.deltaboost.data.image.ImageFileReader;
import org.deltaboost.data.image.PlanarImage;

/**
 * A streaming DJL dataset of segmentation examples (VOC PNG or SBD MAT masks), decoded on demand on
 * a bounded worker pool (see {@link DecodingDataset}).
 *
 * <p>A record's data is a float32 (3, S, S) image holding {@code pixel / 255}; its label a float32
 * (S, S) mask of class indices 0..20 and 255 for void and padding. For training, {@link
 * JointAugmentation} makes the S×S crops ({@code S = cropSize}); for evaluation each image is kept
 * at its size and padded bottom/right to S×S ({@code S = evaluationSize}, default 512, above VOC's
 * largest side of 500), the image with {@link JointAugmentation#IMAGE_FILL}, the mask with 255.
 *
 * <p>Each record checks its files: unreadable or empty images, masks of another size than their
 * image, and mask values outside 0..20/255 fail with a {@link DatasetFormatException} naming the
 * file.
 */
public final class VocSegmentationDataset extends DecodingDataset {
  /** The default side of evaluation records. */
  public static final int DEFAULT_EVALUATION_SIZE = 512;

  private final List<SegmentationExample> examples;
  private final JointAugmentation augmentation;
  private final int side;

  private VocSegmentationDataset(Builder builder) {
    super(builder);
    this.examples = builder.examples;
    this.augmentation = builder.augmentation;
    this.side = augmentation != null ? augmentation.cropSize() : builder.evaluationSize;
  }

  /**
   * @param examples the images and masks to serve, e.g. {@link Voc2012#split} or {@link
   *     SegmentationSplits#augmentedTrain}
   * @return a builder; evaluation records unless {@link Builder#optAugmentation} is given, and
   *     {@code setSampling} must be called
   */
  public static Builder builder(List<SegmentationExample> examples) {
    return new Builder(examples);
  }

  /**
   * @return the examples served, indexed like the records
   */
  public List<SegmentationExample> examples() {
    return examples;
  }

  /**
   * @return whether records are augmented (training) rather than padded (evaluation)
   */
  public boolean isTraining() {
    return augmentation != null;
  }

  @Override
  public Shape dataShape() {
    return new Shape(3, side, side);
  }

  @Override
  public Shape labelShape() {
    return new Shape(side, side);
  }

  @Override
  protected long availableSize() {
    return examples.size();
  }

  @Override
  protected void decode(
      int index,
      SplittableRandom random,
      float[] data,
      int dataOffset,
      float[] label,
      int labelOffset)
      throws DatasetFormatException {
    SegmentationExample example = examples.get(index);
    PlanarImage image = ImageFileReader.readRgb(example.image());
    PlanarImage mask = SegmentationMasks.read(example.mask());
    SegmentationMasks.requireSameSize(image, mask, example);
    if (augmentation != null) {
      JointAugmentation.Pair pair = augmentation.apply(image, mask, random);
      image = pair.image();
      mask = pair.mask();
    } else {
      if (image.height() > side || image.width() > side) {
        throw DatasetFormatException.mismatch(
            example.image().toString(),
            "size",
            "at most the evaluation size " + side + "×" + side + " (raise it)",
            image.width() + "×" + image.height());
      }
      image = image.crop(0, 0, side, side, JointAugmentation.IMAGE_FILL);
      mask = mask.crop(0, 0, side, side, VocClasses.VOID);
    }
    image.copyScaled(data, dataOffset);
    mask.copyValues(label, labelOffset);
  }

  /** Builds a {@link VocSegmentationDataset}. */
  public static final class Builder extends DecodingBuilder<Builder> {
    private final List<SegmentationExample> examples;
    private JointAugmentation augmentation;
    private int evaluationSize = DEFAULT_EVALUATION_SIZE;

    private Builder(List<SegmentationExample> examples) {
      this.examples = List.copyOf(examples);
    }

    @Override
    protected Builder self() {
      return this;
    }

    /**
     * @param augmentation training augmentation; records become its crops
     * @return this builder
     */
    public Builder optAugmentation(JointAugmentation augmentation) {
      this.augmentation = augmentation;
      return this;
    }

    /**
     * @param size the side evaluation records are padded to (default 512)
     * @return this builder
     */
    public Builder optEvaluationSize(int size) {
      if (size < 1) {
        throw new IllegalArgumentException("evaluation size: expected at least 1, found " + size);
      }
      this.evaluationSize = size;
      return this;
    }

    /**
     * @return the dataset
     */
    public VocSegmentationDataset build() {
      return new VocSegmentationDataset(this);
    }
  }
}
