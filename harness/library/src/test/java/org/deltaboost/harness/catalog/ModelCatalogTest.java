package org.deltaboost.harness.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import org.deltaboost.harness.train.EngineSetup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reduced widths: divided, then rounded up to whole blocks of 16 output channels. */
class ModelCatalogTest {

  @BeforeAll
  static void engine() {
    EngineSetup.configure();
  }

  /** The output channels of every convolution of {@code block}, in order. */
  private static List<Long> convolutionWidths(Block block, Shape input) {
    try (NDManager manager = NDManager.newBaseManager()) {
      block.initialize(manager, DataType.FLOAT32, input);
      List<Long> widths = new ArrayList<>();
      for (Pair<String, Parameter> p : block.getParameters()) {
        if (p.getKey().endsWith("Conv2d_weight")) {
          widths.add(p.getValue().getArray().getShape().get(0));
        }
      }
      return widths;
    }
  }

  @Test
  void reducedConvolutionsHaveWholeBlocksOf16Channels() {
    // 1/64 of VGG-16's 64…512 is 1…8 channels, 1/16 of AlexNet's 96 and 384 is 6 and 24
    List<Long> pixelNet =
        convolutionWidths(
            ModelCatalog.create("pixelnet", 3, 32, 32, 21, 64), new Shape(1, 3, 32, 32));
    List<Long> alexNet =
        convolutionWidths(
            ModelCatalog.create("alexnet-bn", 3, 64, 64, 10, 16), new Shape(1, 3, 64, 64));
    assertEquals(
        List.of(16L, 16L, 16L, 16L, 16L, 16L, 16L, 16L, 16L, 16L, 16L, 16L, 16L, 64L, 64L),
        pixelNet);
    assertEquals(List.of(16L, 16L, 32L, 32L, 16L), alexNet);
  }

  @Test
  void thePapersWidthsAreKept() {
    List<Long> alexNet =
        convolutionWidths(
            ModelCatalog.create("alexnet-bn", 3, 224, 224, 10, 1), new Shape(1, 3, 224, 224));
    assertEquals(List.of(96L, 256L, 384L, 384L, 256L), alexNet);
    List<Long> halved =
        convolutionWidths(
            ModelCatalog.create("alexnet-bn", 3, 224, 224, 10, 2), new Shape(1, 3, 224, 224));
    assertEquals(List.of(48L, 128L, 192L, 192L, 128L), halved);
  }
}
