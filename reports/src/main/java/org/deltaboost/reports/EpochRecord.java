package org.deltaboost.reports;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One line of a trial's {@code epochs.jsonl}: the fields every epoch has ({@code epoch}, {@code
 * testError} = top-1 error, {@code seconds} of training, {@code evalSeconds}), and those only some
 * runs write, {@code null} when absent: {@code top5Error} (ImageNet/CIFAR-100), {@code meanIou} and
 * {@code classIou} (segmentation; a class entry is null where the class is in neither prediction
 * nor ground truth), and the probes {@code deltaHistogram}, {@code gradientRms} with {@code
 * gradientRmsOutputLayer}, {@code softmaxNormalization}.
 */
public record EpochRecord(
    int epoch,
    double testError,
    double seconds,
    double evalSeconds,
    Double top5Error,
    Double meanIou,
    List<Double> classIou,
    DeltaHistogram deltaHistogram,
    Map<String, Double> gradientRms,
    String gradientRmsOutputLayer,
    SoftmaxNormalization softmaxNormalization) {

  public EpochRecord {
    // class IoUs keep their nulls (absent classes), so no List.copyOf
    classIou = classIou == null ? null : Collections.unmodifiableList(new ArrayList<>(classIou));
    gradientRms =
        gradientRms == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(gradientRms));
  }

  /** Reads one parsed line; {@code where} names the file and line for errors. */
  static EpochRecord read(JsonNode line, String where) {
    List<Double> classIou = null;
    if (line.hasNonNull("classIou")) {
      classIou = new ArrayList<>();
      for (JsonNode c : JsonFields.array(line, "classIou", where)) {
        if (!c.isNull() && !(c.isNumber() && c.asDouble() >= 0 && c.asDouble() <= 1)) {
          throw new ReportException(
              where + ": field 'classIou' holds " + c + ", expected fractions in [0, 1] or null");
        }
        classIou.add(c.isNull() ? null : c.asDouble());
      }
    }
    Map<String, Double> rms = null;
    String outputLayer = null;
    if (line.hasNonNull("gradientRms")) {
      rms = new LinkedHashMap<>();
      JsonNode node = JsonFields.object(line, "gradientRms", where);
      for (var it = node.fields(); it.hasNext(); ) {
        var entry = it.next();
        if (!entry.getValue().isNumber()) {
          throw new ReportException(
              where
                  + ": field 'gradientRms' has "
                  + entry.getKey()
                  + " = "
                  + entry.getValue()
                  + ", expected a number");
        }
        rms.put(entry.getKey(), entry.getValue().asDouble());
      }
      outputLayer = JsonFields.text(line, "gradientRmsOutputLayer", where);
    }
    return new EpochRecord(
        (int) JsonFields.integer(line, "epoch", where),
        JsonFields.number(line, "testError", where),
        JsonFields.number(line, "seconds", where),
        JsonFields.number(line, "evalSeconds", where),
        JsonFields.optionalFraction(line, "top5Error", where),
        JsonFields.optionalFraction(line, "meanIou", where),
        classIou,
        line.hasNonNull("deltaHistogram")
            ? DeltaHistogram.read(JsonFields.object(line, "deltaHistogram", where), where)
            : null,
        rms,
        outputLayer,
        line.hasNonNull("softmaxNormalization")
            ? SoftmaxNormalization.read(
                JsonFields.object(line, "softmaxNormalization", where), where)
            : null);
  }
}
