package org.deltaboost.harness.catalog;

import ai.djl.nn.Block;
import java.util.List;
import org.deltaboost.architectures.AlexNetBn;
import org.deltaboost.architectures.AllConv10;
import org.deltaboost.architectures.Cnn5;
import org.deltaboost.architectures.Mlp;

/** Maps a model name from a config to a network for a given input shape and class count. */
public final class ModelCatalog {

  private ModelCatalog() {}

  /** Returns the model names this build knows. */
  public static List<String> names() {
    return List.of("mlp", "cnn5", "allconv10", "alexnet-bn");
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
        return AlexNetBn.builder()
            .setInputChannels(channels)
            .setInputSize(square(name, height, width))
            .setNumClasses(classes)
            .build()
            .block();
      }
      default -> throw new IllegalArgumentException(
          "unknown model '" + name + "'; known: " + names());
    }
  }

  private static int square(String model, int height, int width) {
    if (height != width) {
      throw new IllegalArgumentException(
          "model " + model + " needs square images, got " + height + "x" + width);
    }
    return height;
  }
}
