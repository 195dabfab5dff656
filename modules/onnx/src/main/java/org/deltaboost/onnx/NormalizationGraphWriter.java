package org.deltaboost.onnx;

import ai.onnx.proto.OnnxMl;
import java.util.List;
import java.util.Map;
import org.deltaboost.data.core.InputNormalization;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXRef;

/**
 * Writes an {@link InputNormalization} as the first nodes of a graph whose input is {@code uint8}
 * pixels {@code p} of shape {@code (batch, C, H, W)}:
 *
 * <pre>
 * Cast(to float)          float(p)
 * Div(d)                  v = float(p) / d,              d = (float) (1 / pixelScale), 255 here
 * Sub(mean)               v − (float) mean_c,           mean of shape (C, 1, 1), or (1, 1, 1)
 * Mul(inverse_std)        (v − mean_c) · (float) (1 / std_c)
 * </pre>
 *
 * <p>These are the float operations training applies (the loaders divide by 255 in float, then
 * {@link InputNormalization#standardize} subtracts and multiplies), so the graph's input to the
 * network equals training's bit for bit up to the runtime's rounding. Sub and Mul are left out for
 * a mean of 0 and a deviation of 1 ({@link InputNormalization#unitInterval()}), as standardize
 * leaves such values untouched. A single-channel normalization has constants of shape {@code (1, 1,
 * 1)} and so applies to every channel, as the record specifies.
 */
final class NormalizationGraphWriter {

  private NormalizationGraphWriter() {}

  /**
   * Appends the nodes.
   *
   * @param context the graph under construction
   * @param pixels the uint8 graph input
   * @param normalization what training applied
   * @param channels the input's channel count C
   * @return the normalized float value, the network's input
   * @throws OnnxException if the normalization has several channels and not C of them
   */
  static ONNXRef<?> write(
      ONNXContext context, ONNXRef<?> pixels, InputNormalization normalization, long channels)
      throws OnnxException {
    int k = normalization.mean().size();
    if (k != 1 && k != channels) {
      throw new OnnxException(
          "input normalization "
              + normalization
              + " has "
              + k
              + " channels, the network's input "
              + channels);
    }
    ONNXRef<?> value =
        context.operation(
            Opset17Operator.CAST,
            List.of(pixels),
            "pixels_as_float",
            Map.of("to", OnnxMl.TensorProto.DataType.FLOAT.getNumber()));
    value =
        context.operation(
            Opset17Operator.DIV,
            List.of(
                value, context.constant("pixel_divisor", (float) (1 / normalization.pixelScale()))),
            "pixels_scaled");
    float[] mean = new float[k];
    float[] inverseStd = new float[k];
    boolean identity = true;
    for (int c = 0; c < k; c++) {
      mean[c] = normalization.mean().get(c).floatValue();
      inverseStd[c] = (float) (1 / normalization.std().get(c));
      identity &= mean[c] == 0 && inverseStd[c] == 1;
    }
    if (identity) {
      return value;
    }
    List<Integer> dims = List.of(k, 1, 1);
    value =
        context.operation(
            Opset17Operator.SUB,
            List.of(value, context.floatTensor("channel_mean", dims, b -> b.put(mean))),
            "pixels_centred");
    return context.operation(
        Opset17Operator.MUL,
        List.of(value, context.floatTensor("channel_inverse_std", dims, b -> b.put(inverseStd))),
        "pixels_normalized");
  }
}
