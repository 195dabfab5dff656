package org.deltaboost.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto.AttributeType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.tribuo.util.onnx.ONNXAttribute;
import org.tribuo.util.onnx.ONNXOperator;

/**
 * The ONNX operators the exporter writes, at opset 17 of the default domain.
 *
 * <p>Tribuo's own {@code ONNXOperators} enum stops at opset 13 and lacks the convolutional layers
 * (Conv, Relu, BatchNormalization, Flatten, the pools, Resize, Cast), so every operator we write is
 * declared here, through Tribuo's public {@link ONNXOperator} interface, and the model imports a
 * single opset. Only the attributes we set are declared; the rest keep their ONNX defaults.
 */
enum Opset17Operator implements ONNXOperator {
  /** {@code y = x}. */
  IDENTITY("Identity", 1, 0),
  /** {@code y = max(x, 0)}. */
  RELU("Relu", 1, 0),
  /** {@code y = 1 / (1 + e^-x)}. */
  SIGMOID("Sigmoid", 1, 0),
  /** {@code y = tanh(x)}. */
  TANH("Tanh", 1, 0),
  /** Element-wise {@code a + b} with broadcasting. */
  ADD("Add", 2, 0),
  /** Element-wise {@code a − b} with broadcasting. */
  SUB("Sub", 2, 0),
  /** Element-wise {@code a · b} with broadcasting. */
  MUL("Mul", 2, 0),
  /** Element-wise {@code a / b} with broadcasting. */
  DIV("Div", 2, 0),
  /** Converts every element to the type {@code to} (a {@code TensorProto.DataType} number). */
  CAST("Cast", 1, 0, attribute("to", AttributeType.INT, true)),
  /** Matrix product with numpy broadcasting. */
  MATMUL("MatMul", 2, 0),
  /** {@code Y = A·Bᵀ + C} with {@code transB = 1}; {@code C} optional. */
  GEMM("Gemm", 2, 1, attribute("transB", AttributeType.INT, false)),
  /** Reshape to {@code (d0·…·d(axis-1), d(axis)·…)}. */
  FLATTEN("Flatten", 1, 0, attribute("axis", AttributeType.INT, false)),
  /** Softmax along {@code axis}. */
  SOFTMAX("Softmax", 1, 0, attribute("axis", AttributeType.INT, false)),
  /** N-d cross-correlation {@code Y = W ⋆ X + B}; {@code B} optional. */
  CONV(
      "Conv",
      2,
      1,
      attribute("kernel_shape", AttributeType.INTS, false),
      attribute("strides", AttributeType.INTS, false),
      attribute("pads", AttributeType.INTS, false),
      attribute("dilations", AttributeType.INTS, false),
      attribute("group", AttributeType.INT, false)),
  /** Inference-form batch normalization {@code y = γ·(x − μ)/√(σ² + ε) + β} over axis 1. */
  BATCH_NORMALIZATION("BatchNormalization", 5, 0, attribute("epsilon", AttributeType.FLOAT, false)),
  /** Max over each window; padding never wins. */
  MAX_POOL(
      "MaxPool",
      1,
      0,
      attribute("kernel_shape", AttributeType.INTS, true),
      attribute("strides", AttributeType.INTS, false),
      attribute("pads", AttributeType.INTS, false),
      attribute("ceil_mode", AttributeType.INT, false)),
  /** Mean over each window, dividing by the window size or by its unpadded part. */
  AVERAGE_POOL(
      "AveragePool",
      1,
      0,
      attribute("kernel_shape", AttributeType.INTS, true),
      attribute("strides", AttributeType.INTS, false),
      attribute("pads", AttributeType.INTS, false),
      attribute("ceil_mode", AttributeType.INT, false),
      attribute("count_include_pad", AttributeType.INT, false)),
  /** Max over all spatial positions, keeping them as size-1 axes. */
  GLOBAL_MAX_POOL("GlobalMaxPool", 1, 0),
  /** Mean over all spatial positions, keeping them as size-1 axes. */
  GLOBAL_AVERAGE_POOL("GlobalAveragePool", 1, 0),
  /** The input's shape as int64, the axes {@code [start, end)}. */
  SHAPE(
      "Shape",
      1,
      0,
      attribute("start", AttributeType.INT, false),
      attribute("end", AttributeType.INT, false)),
  /** Joins any number of inputs along {@code axis}. */
  CONCAT("Concat", -1, 0, attribute("axis", AttributeType.INT, true)),
  /**
   * Resamples to the output size {@code sizes}; inputs {@code X, roi, scales, sizes}, of which the
   * middle two are left empty by the exporter ({@code ""}) when {@code sizes} is given.
   */
  RESIZE(
      "Resize",
      1,
      3,
      attribute("mode", AttributeType.STRING, false),
      attribute("coordinate_transformation_mode", AttributeType.STRING, false));

  /** The opset version every operator here is written for. */
  static final int OPSET_VERSION = 17;

  private final String opName;
  private final int numInputs;
  private final int numOptionalInputs;
  private final Map<String, ONNXAttribute> attributes;
  private final Set<String> mandatory;

  Opset17Operator(String opName, int numInputs, int numOptionalInputs, ONNXAttribute... attrs) {
    this.opName = opName;
    this.numInputs = numInputs;
    this.numOptionalInputs = numOptionalInputs;
    Map<String, ONNXAttribute> byName = new LinkedHashMap<>();
    Set<String> required = new LinkedHashSet<>();
    for (ONNXAttribute a : attrs) {
      byName.put(a.getName(), a);
      if (a.isMandatory()) {
        required.add(a.getName());
      }
    }
    this.attributes = Collections.unmodifiableMap(byName);
    this.mandatory = Collections.unmodifiableSet(required);
  }

  private static ONNXAttribute attribute(String name, AttributeType type, boolean mandatory) {
    return new ONNXAttribute(name, type, mandatory);
  }

  @Override
  public String getOpName() {
    return opName;
  }

  @Override
  public int getNumInputs() {
    return numInputs;
  }

  @Override
  public int getNumOptionalInputs() {
    return numOptionalInputs;
  }

  @Override
  public int getNumOutputs() {
    return 1;
  }

  @Override
  public Map<String, ONNXAttribute> getAttributes() {
    return attributes;
  }

  @Override
  public Set<String> getMandatoryAttributeNames() {
    return mandatory;
  }

  @Override
  public int getOpVersion() {
    return OPSET_VERSION;
  }

  /** The default ONNX domain, written as the empty string. */
  @Override
  public String getOpDomain() {
    return "";
  }
}
