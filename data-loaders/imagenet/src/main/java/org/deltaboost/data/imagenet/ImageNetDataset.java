package org.deltaboost.data.imagenet;

import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.SplittableRandom;
import org.deltaboost.data.core.DatasetFormatException;
import org.deltaboost.data.image.DecodingDataset;
import org.deltaboost.data.image.ImageFileReader;
import org.deltaboost.data.image.PlanarImage;
import org.deltaboost.data.image.ResizedCrop;

/**
 * A streaming DJL dataset of labelled ImageNet images, decoded on demand on a bounded worker pool
 * (see {@link DecodingDataset}). A record's data is a float32 (3, C, C) image holding {@code pixel
 * / 255}; its label a float32 scalar class index.
 *
 * <p>Each image is resized (bilinear, antialiased; {@link PlanarImage#resizeBilinear}) so its
 * shorter side is {@code R} (default 256) and the longer {@code round(long·R/short)}; then a {@code
 * C×C} window (default 224; 227 for the original AlexNet) is cut: for training at a uniformly
 * random place and mirrored with probability ½, for evaluation in the centre ({@code top = round((h
 * − C)/2)}, ties to even, as torchvision's {@code CenterCrop}). Only the window of the resized
 * image is computed ({@link ImageFileReader#readRgbResizedCrop}); with {@link
 * Builder#optDctScaling} a large JPEG is decoded at a reduced scale first.
 */
public final class ImageNetDataset extends DecodingDataset {
  private final List<LabelledImage> images;
  private final boolean training;
  private final int resizeSize;
  private final int cropSize;
  private final boolean dctScaling;

  private ImageNetDataset(Builder builder) {
    super(builder);
    this.images = builder.images;
    this.training = builder.training;
    this.resizeSize = builder.resizeSize;
    this.cropSize = builder.cropSize;
    this.dctScaling = builder.dctScaling;
    if (cropSize > resizeSize) {
      throw new IllegalArgumentException(
          "crop size " + cropSize + " exceeds the resized shorter side " + resizeSize);
    }
  }

  /**
   * @param images the images to serve, e.g. {@link ImageNet2012#train()}
   * @return a builder; evaluation records unless {@link Builder#optTraining} is set, and {@code
   *     setSampling} must be called
   */
  public static Builder builder(List<LabelledImage> images) {
    return new Builder(images);
  }

  /**
   * @return the images served, indexed like the records
   */
  public List<LabelledImage> images() {
    return images;
  }

  @Override
  public Shape dataShape() {
    return new Shape(3, cropSize, cropSize);
  }

  @Override
  public Shape labelShape() {
    return new Shape();
  }

  @Override
  protected long availableSize() {
    return images.size();
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
    LabelledImage labelled = images.get(index);
    // Only the window of the resized image is computed.
    PlanarImage crop =
        ImageFileReader.readRgbResizedCrop(
            labelled.file(), (height, width) -> place(height, width, random), dctScaling);
    if (training && random.nextBoolean()) {
      crop = crop.flipHorizontal();
    }
    crop.copyScaled(data, dataOffset);
    label[labelOffset] = labelled.label();
  }

  /** The resized size and the crop window: drawn for training, the centre for evaluation. */
  private ResizedCrop place(int height, int width, SplittableRandom random) {
    int[] size = resizedSize(height, width, resizeSize);
    int h = size[0];
    int w = size[1];
    if (training) {
      int top = random.nextInt(h - cropSize + 1);
      int left = random.nextInt(w - cropSize + 1);
      return new ResizedCrop(h, w, top, left, cropSize, cropSize);
    }
    int top = (int) Math.rint((h - cropSize) / 2.0);
    int left = (int) Math.rint((w - cropSize) / 2.0);
    return new ResizedCrop(h, w, top, left, cropSize, cropSize);
  }

  /**
   * @param height the image's rows
   * @param width the image's columns
   * @param side the wanted shorter side
   * @return the rows and columns of the image resized so its shorter side is {@code side}, aspect
   *     kept: the longer side {@code round(long·side/short)}, at least {@code side}
   */
  static int[] resizedSize(int height, int width, int side) {
    if (height <= width) {
      return new int[] {side, Math.max(side, (int) Math.round((double) width * side / height))};
    }
    return new int[] {Math.max(side, (int) Math.round((double) height * side / width)), side};
  }

  /** Builds an {@link ImageNetDataset}. */
  public static final class Builder extends DecodingBuilder<Builder> {
    private final List<LabelledImage> images;
    private boolean training;
    private int resizeSize = 256;
    private int cropSize = 224;
    private boolean dctScaling;

    private Builder(List<LabelledImage> images) {
      this.images = List.copyOf(images);
    }

    @Override
    protected Builder self() {
      return this;
    }

    /**
     * @param training random crops and flips (true) or centre crops (false, the default)
     * @return this builder
     */
    public Builder optTraining(boolean training) {
      this.training = training;
      return this;
    }

    /**
     * @param resizeSize the shorter side after resizing (default 256)
     * @param cropSize the side of the square crop (default 224; 227 for the original AlexNet)
     * @return this builder
     */
    public Builder optSizes(int resizeSize, int cropSize) {
      if (resizeSize < 1 || cropSize < 1) {
        throw new IllegalArgumentException(
            "sizes: expected positive resize and crop sizes, found "
                + resizeSize
                + ", "
                + cropSize);
      }
      this.resizeSize = resizeSize;
      this.cropSize = cropSize;
      return this;
    }

    /**
     * @param dctScaling whether a JPEG at least twice the resized size is decoded at 1/2, 1/4 or
     *     1/8 of its size (by libjpeg-turbo, in the DCT domain) before resizing: faster, with
     *     slightly different pixels (docs/performance.md measures how much); default off, where the
     *     pixels are those of the full-size decode
     * @return this builder
     */
    public Builder optDctScaling(boolean dctScaling) {
      this.dctScaling = dctScaling;
      return this;
    }

    /**
     * @return the dataset
     */
    public ImageNetDataset build() {
      return new ImageNetDataset(this);
    }
  }
}
