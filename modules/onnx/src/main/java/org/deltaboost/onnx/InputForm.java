package org.deltaboost.onnx;

import ai.onnx.proto.OnnxMl;
import java.util.Optional;
import org.deltaboost.data.core.InputNormalization;

/**
 * What an exported model takes as its input {@value OnnxExporter#INPUT}, recorded in the file
 * twice: as the graph input's element type (what every runtime sees) and as the metadata key
 * {@value #KEY}, whose value is {@link #id()}.
 *
 * <ul>
 *   <li>{@link #PIXELS}: the image as the dataset stores it, {@code uint8} values 0–255 in {@code
 *       (batch, C, H, W)} order; the graph itself computes {@code x = (float(p) / (1/pixelScale) −
 *       mean_c) · (1/std_c)} ({@link InputNormalization}), so raw pixels in give the right logits
 *       out in any runtime. What {@code deltaboost export} writes by default.
 *   <li>{@link #NORMALIZED}: {@code float32} values already normalized as in training; the
 *       normalization is only stated in the metadata. The form of files written before the pixel
 *       form existed (they have no {@value #KEY} key), and of {@code export --float-input}.
 * </ul>
 */
public enum InputForm {
  /** Raw {@code uint8} pixels; normalization inside the graph. */
  PIXELS("uint8-pixels", OnnxMl.TensorProto.DataType.UINT8),
  /** {@code float32} values normalized by the caller. */
  NORMALIZED("float32-normalized", OnnxMl.TensorProto.DataType.FLOAT);

  /** The metadata key naming the form. */
  public static final String KEY = ExportMetadata.PREFIX + "input";

  private final String id;
  private final OnnxMl.TensorProto.DataType elementType;

  InputForm(String id, OnnxMl.TensorProto.DataType elementType) {
    this.id = id;
    this.elementType = elementType;
  }

  /** Returns the metadata value, {@code uint8-pixels} or {@code float32-normalized}. */
  public String id() {
    return id;
  }

  /** Returns the element type of the graph input. */
  OnnxMl.TensorProto.DataType elementType() {
    return elementType;
  }

  /**
   * Describes the input a caller must feed, in words, for the model's documentation.
   *
   * @param sampleShape one sample's shape without the batch axis, e.g. {@code [1, 28, 28]}
   * @param normalization the training normalization
   * @return e.g. {@code uint8 pixels 0-255, shape (batch, 1, 28, 28), channels first (N×C×H×W)…}
   */
  public String describe(long[] sampleShape, InputNormalization normalization) {
    StringBuilder shape = new StringBuilder("(batch");
    for (long d : sampleShape) {
      shape.append(", ").append(d);
    }
    shape.append(')');
    return switch (this) {
      case PIXELS ->
          "uint8 pixels 0-255 as the dataset stores them, shape "
              + shape
              + ", channels first (N×C×H×W); the graph casts them to float and normalizes them"
              + " itself ("
              + normalization
              + ")";
      case NORMALIZED ->
          "float32 values of shape "
              + shape
              + ", channels first (N×C×H×W), already normalized as in training:"
              + " x = (pixel · pixelScale − mean[c]) / std[c] with "
              + normalization;
    };
  }

  /**
   * Reads the form a metadata value names.
   *
   * @param id a value of {@value #KEY}
   * @return the form, or empty for an unknown value
   */
  public static Optional<InputForm> ofId(String id) {
    for (InputForm form : values()) {
      if (form.id.equals(id)) {
        return Optional.of(form);
      }
    }
    return Optional.empty();
  }
}
