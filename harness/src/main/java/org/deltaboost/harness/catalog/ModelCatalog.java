package org.deltaboost.harness.catalog;

import ai.djl.nn.Block;
import java.util.List;
import org.deltaboost.architectures.Mlp;

/** Maps a model name from a config to a network for a given input shape and class count. */
public final class ModelCatalog {

  private ModelCatalog() {}

  /** Returns the model names this build knows. */
  public static List<String> names() {
    return List.of("mlp");
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
    if ("mlp".equals(name)) {
      return Mlp.builder()
          .setInputSize((long) channels * height * width)
          .setOutputSize(classes)
          .build()
          .block();
    }
    throw new IllegalArgumentException("unknown model '" + name + "'; known: " + names());
  }
}
