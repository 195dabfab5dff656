package org.deltaboost.harness.catalog;

import ai.djl.nn.Block;
import java.util.List;
import org.deltaboost.architectures.AlexNetBn;
import org.deltaboost.architectures.AllConv10;
import org.deltaboost.architectures.Cnn5;
import org.deltaboost.architectures.Mlp;
import org.deltaboost.architectures.PixelNet;
import org.deltaboost.harness.train.config.TrainingConfig;
import org.deltaboost.harness.train.samples.TrainingData;

/** Maps a model name from a config to a network for a given input shape and class count. */
public final class ModelCatalog {

  /** Reduced widths are whole multiples of this many channels ({@link #w}). */
  static final int CHANNEL_BLOCK = 16;

  private ModelCatalog() {}

  /** Returns the model names this build knows. */
  public static List<String> names() {
    return List.of("mlp", "cnn5", "allconv10", "alexnet-bn", "pixelnet");
  }

  /**
   * Creates the network a config names for its data's images and classes.
   *
   * @throws IllegalArgumentException when the model does not fit the data: a pixel classifier on
   *     labels per image, an image classifier on masks, or pretrained weights for a model that
   *     takes none
   */
  public static Block create(TrainingConfig config, TrainingData data) {
    if (isSegmentation(config.model()) != data.segmentation()) {
      throw new IllegalArgumentException(
          "model "
              + config.model()
              + (data.segmentation()
                  ? " classifies images, but dataset "
                      + config.dataset()
                      + " has a mask per image; use pixelnet"
                  : " classifies pixels, but dataset "
                      + config.dataset()
                      + " has a class per image; use a "
                      + "segmentation dataset (voc2012, voc2012-aug)"));
    }
    if (config.pretrained() != null && !"pixelnet".equals(config.model())) {
      throw new IllegalArgumentException(
          "pretrained: only pixelnet loads weights (torchvision vgg16 names), not "
              + config.model());
    }
    ai.djl.ndarray.types.Shape image = data.train().imageShape();
    return create(
        config.model(),
        (int) image.get(0),
        (int) image.get(1),
        (int) image.get(2),
        data.train().numClasses(),
        config.widthDivisor());
  }

  /** Returns whether the model classifies pixels (trained on segmentation masks). */
  public static boolean isSegmentation(String name) {
    return "pixelnet".equals(name);
  }

  /**
   * Creates the network.
   *
   * @param name model name
   * @param channels input channels
   * @param height input height
   * @param width input width
   * @param classes number of classes (outputs)
   * @return the network's block, outputting logits
   */
  public static Block create(String name, int channels, int height, int width, int classes) {
    return create(name, channels, height, width, classes, 1);
  }

  /**
   * Creates the network, every hidden width of {@code alexnet-bn} and {@code pixelnet} divided by
   * {@code widthDivisor} and rounded up to a multiple of {@value #CHANNEL_BLOCK}; the other models
   * ignore it. {@code pixelnet} takes images of any size from 32×32 (height and width are not
   * fixed).
   *
   * @param name model name
   * @param channels input channels
   * @param height input height
   * @param width input width
   * @param classes number of classes (outputs)
   * @param widthDivisor 1 for the paper's network
   * @return the network's block, outputting logits
   */
  public static Block create(
      String name, int channels, int height, int width, int classes, int widthDivisor) {
    if (widthDivisor < 1) {
      throw new IllegalArgumentException("widthDivisor must be >= 1, got " + widthDivisor);
    }
    switch (name) {
      case "mlp" -> {
        return Mlp.builder()
            .setInputSize((long) channels * height * width)
            .setOutputSize(classes)
            .build()
            .block();
      }
      case "cnn5" -> {
        return Cnn5.builder()
            .setInputChannels(channels)
            .setInputSize(square(name, height, width))
            .setNumClasses(classes)
            .build()
            .block();
      }
      case "allconv10" -> {
        return AllConv10.builder()
            .setInputChannels(channels)
            .setInputSize(square(name, height, width))
            .setNumClasses(classes)
            .build()
            .block();
      }
      case "alexnet-bn" -> {
        int d = widthDivisor;
        return AlexNetBn.builder()
            .setInputChannels(channels)
            .setInputSize(square(name, height, width))
            .setConvWidths(w(96, d), w(256, d), w(384, d), w(384, d), w(256, d))
            .setHiddenUnits(w(4096, d))
            .setNumClasses(classes)
            .build()
            .block();
      }
      case "pixelnet" -> {
        int d = widthDivisor;
        return PixelNet.builder()
            .setInputChannels(channels)
            .setStageWidths(w(64, d), w(128, d), w(256, d), w(512, d), w(512, d))
            .setFcWidth(w(4096, d))
            .setHeadSizes(w(4096, d), w(4096, d))
            .setNumClasses(classes)
            .build()
            .block();
      }
      default ->
          throw new IllegalArgumentException("unknown model '" + name + "'; known: " + names());
    }
  }

  /**
   * A hidden width divided by {@code divisor}, rounded up to a multiple of {@value #CHANNEL_BLOCK}
   * (the paper's widths already are). Why: the engine's AVX-512 convolution (oneDNN in libtorch
   * 2.7.1) computes the input gradient of a convolution whose output channels are not a multiple of
   * 16 from uninitialized memory (different each run, sometimes NaN), measured on this project's
   * AMD EPYC machines; whole blocks of 16 never take that path.
   */
  private static int w(int width, int divisor) {
    int reduced = Math.max(1, width / divisor);
    return (reduced + CHANNEL_BLOCK - 1) / CHANNEL_BLOCK * CHANNEL_BLOCK;
  }

  private static int square(String model, int height, int width) {
    if (height != width) {
      throw new IllegalArgumentException(
          "model " + model + " needs square images, got " + height + "x" + width);
    }
    return height;
  }
}
