package org.deltaboost.harness.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deltaboost.harness.catalog.DatasetCatalog;
import org.deltaboost.harness.catalog.ModelCatalog;
import org.deltaboost.harness.fixtures.OfficialLayouts;
import org.deltaboost.harness.train.config.StrategySettings;
import org.deltaboost.harness.train.config.TrainingConfig;
import org.deltaboost.harness.train.config.TrainingConfigReader;
import org.deltaboost.harness.train.samples.TrainingData;
import org.deltaboost.records.EpochResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reduced-width networks trained on decoded image sets repeat bit for bit: the same config twice in
 * one process gives the same losses at every epoch, all finite. Before reduced widths were whole
 * blocks of 16 channels, the engine's input gradient of such a convolution read uninitialized
 * memory, so from the second step on the losses differed from run to run and were often NaN.
 */
class DecodedTrainingRunTest {

  @BeforeAll
  static void engine() {
    EngineSetup.configure();
  }

  /** Trains {@code fields} on {@code dataset} from {@code dir} and returns every epoch's loss. */
  private static List<Double> losses(String dataset, Path dir, Map<String, Object> fields)
      throws Exception {
    TrainingConfig config = new TrainingConfigReader().read(null, fields);
    TrainingData data = DatasetCatalog.load(dataset, dir, config.data(), config.seed());
    try {
      TrainingResult result =
          new TrainingRun(config, data, ModelCatalog.create(config, data), List.of()).run();
      List<Double> losses = new ArrayList<>();
      for (EpochResult epoch : result.epochs()) {
        losses.add(epoch.trainLoss());
      }
      return losses;
    } finally {
      data.train().close();
      data.test().close();
    }
  }

  private static void assertRepeats(String dataset, Path dir, Map<String, Object> fields)
      throws Exception {
    List<Double> first = losses(dataset, dir, fields);
    List<Double> second = losses(dataset, dir, fields);
    for (double loss : first) {
      assertTrue(Double.isFinite(loss), "losses " + first);
    }
    assertEquals(first, second);
  }

  @Test
  void pixelNetOnVocRepeatsBitForBit(@TempDir Path dir) throws Exception {
    OfficialLayouts.voc(dir, 4, 2, 36, 40);
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("dataset", DatasetCatalog.VOC);
    fields.put("model", "pixelnet");
    fields.put("widthDivisor", 64);
    fields.put("strategy", StrategySettings.of("softmax-ce"));
    fields.put("epochs", 3); // 2 steps each
    fields.put("batchSize", 2);
    fields.put("learningRate", 0.05);
    fields.put("data.cropSize", 32);
    fields.put("data.evaluationSize", 40);
    fields.put("data.pixelsPerImage", 16);
    assertRepeats(DatasetCatalog.VOC, dir, fields);
  }

  @Test
  void alexNetOnImageNetRepeatsBitForBit(@TempDir Path dir) throws Exception {
    OfficialLayouts.imagenet(dir, 3, 4, 1, 72, 80);
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("dataset", DatasetCatalog.IMAGENET);
    fields.put("model", "alexnet-bn");
    fields.put("widthDivisor", 16);
    fields.put("strategy", StrategySettings.of("softmax-ce"));
    fields.put("epochs", 2); // 3 steps each
    fields.put("batchSize", 4);
    fields.put("learningRate", 0.05);
    fields.put("data.resizeSize", 72);
    fields.put("data.cropSize", 64);
    assertRepeats(DatasetCatalog.IMAGENET, dir, fields);
  }
}
