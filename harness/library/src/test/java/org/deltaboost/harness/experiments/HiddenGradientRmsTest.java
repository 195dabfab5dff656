package org.deltaboost.harness.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deltaboost.records.EpochProbes;
import org.junit.jupiter.api.Test;

/** The Fig 3 measure worked out by hand. */
class HiddenGradientRmsTest {

  private static EpochProbes epoch(double hidden1, double hidden2, double output) {
    Map<String, Double> rms = new LinkedHashMap<>();
    rms.put("02Linear_weight", hidden1);
    rms.put("02Linear_bias", 1e6); // biases are left out
    rms.put("04Linear_weight", hidden2);
    rms.put("06Linear_weight", output); // the output layer is left out
    rms.put("06Linear_bias", 1e6);
    return new EpochProbes(null, rms, "06Linear", null);
  }

  @Test
  void meanOfLog10OverEpochsAndHiddenWeights() {
    // log10: (−2, 0) and (−1, −1) → mean −1
    double h = HiddenGradientRms.log10Mean(List.of(epoch(0.01, 1, 5), epoch(0.1, 0.1, 5)));
    assertEquals(-1.0, h, 1e-12);
  }

  @Test
  void onlyTheFirstTenEpochsCount() {
    List<EpochProbes> epochs = new ArrayList<>();
    for (int e = 0; e < HiddenGradientRms.EPOCHS; e++) {
      epochs.add(epoch(0.01, 0.01, 1));
    }
    epochs.add(epoch(1e6, 1e6, 1));
    assertEquals(-2.0, HiddenGradientRms.log10Mean(epochs), 1e-12);
  }

  @Test
  void undefinedWithoutTheProbeOrWithADeadOrNonFiniteLayer() {
    assertTrue(Double.isNaN(HiddenGradientRms.log10Mean(List.of(EpochProbes.NONE))));
    assertTrue(Double.isNaN(HiddenGradientRms.log10Mean(List.of())));
    assertTrue(Double.isNaN(HiddenGradientRms.log10Mean(List.of(epoch(0.0, 1, 1)))));
    assertTrue(
        Double.isNaN(HiddenGradientRms.log10Mean(List.of(epoch(Double.POSITIVE_INFINITY, 1, 1)))));
    assertTrue(Double.isNaN(HiddenGradientRms.log10Mean(List.of(epoch(Double.NaN, 1, 1)))));
  }

  @Test
  void aNetworkWithOnlyAnOutputLayerHasNoHiddenMeasure() {
    EpochProbes only =
        new EpochProbes(
            null, Map.of("01Linear_weight", 0.5, "01Linear_bias", 0.5), "01Linear", null);
    assertTrue(Double.isNaN(HiddenGradientRms.log10Mean(List.of(only))));
  }
}
