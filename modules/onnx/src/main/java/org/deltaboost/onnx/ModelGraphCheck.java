package org.deltaboost.onnx;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a model's graph must be before ONNX Runtime may build a session from it. ONNX Runtime
 * refuses most malformed models with an error, but not all: a {@code Conv} whose {@code strides}
 * hold a 0 is an integer division by zero in its shape inference, and the process dies of SIGFPE
 * (found by {@code OnnxModelFuzzTest#modelFile}). {@code infer} runs models deltaboost exported, so
 * before the runtime sees the bytes:
 *
 * <ul>
 *   <li>the file parses as an ONNX {@code ModelProto};
 *   <li>every node is an operator {@link OnnxExporter} writes ({@link Opset17Operator}), in the
 *       default domain, and no attribute is a graph (no subgraphs);
 *   <li>the window attributes of {@code Conv}, {@code MaxPool} and {@code AveragePool} are sane:
 *       {@code kernel_shape}, {@code strides} and {@code dilations} at least 1, {@code pads} at
 *       least 0, {@code group} at least 1, each list at most {@value #MAX_SPATIAL_AXES} long (twice
 *       that for {@code pads}).
 * </ul>
 *
 * Anything else is left to ONNX Runtime, which reports it as an error.
 */
final class ModelGraphCheck {
  /** The most spatial axes a window attribute may list. */
  static final int MAX_SPATIAL_AXES = 8;

  private static final Set<String> OPERATORS =
      Arrays.stream(Opset17Operator.values())
          .map(Opset17Operator::getOpName)
          .collect(Collectors.toUnmodifiableSet());

  private static final Set<String> WINDOWED = Set.of("Conv", "MaxPool", "AveragePool");

  private ModelGraphCheck() {}

  /**
   * @param model the file's bytes
   * @param file the file's name, for messages
   * @throws OnnxException naming the file, the node and what is wrong
   */
  static void check(byte[] model, String file) throws OnnxException {
    OnnxMl.ModelProto proto;
    try {
      proto = OnnxMl.ModelProto.parseFrom(model);
    } catch (InvalidProtocolBufferException e) {
      throw new OnnxException(file + ": not an ONNX model: " + e.getMessage());
    }
    for (OnnxMl.NodeProto node : proto.getGraph().getNodeList()) {
      String where = file + ": node '" + node.getName() + "' (" + node.getOpType() + ")";
      if (!node.getDomain().isEmpty() && !node.getDomain().equals("ai.onnx")) {
        throw new OnnxException(
            where + ": operator domain '" + node.getDomain() + "', which deltaboost never writes");
      }
      if (!OPERATORS.contains(node.getOpType())) {
        throw new OnnxException(
            where + ": an operator deltaboost never exports; infer runs deltaboost's exports only");
      }
      for (OnnxMl.AttributeProto attribute : node.getAttributeList()) {
        if (attribute.hasG() || attribute.getGraphsCount() > 0) {
          throw new OnnxException(where + ": attribute " + attribute.getName() + " is a subgraph");
        }
        if (WINDOWED.contains(node.getOpType())) {
          window(attribute, where);
        }
      }
    }
  }

  private static void window(OnnxMl.AttributeProto attribute, String where) throws OnnxException {
    switch (attribute.getName()) {
      case "kernel_shape", "strides", "dilations" -> ints(attribute, where, 1, MAX_SPATIAL_AXES);
      case "pads" -> ints(attribute, where, 0, 2 * MAX_SPATIAL_AXES);
      case "group" -> {
        if (attribute.getI() < 1) {
          throw new OnnxException(where + ": group " + attribute.getI() + "; at least 1");
        }
      }
      default -> {
        // other attributes are checked by ONNX Runtime
      }
    }
  }

  private static void ints(OnnxMl.AttributeProto attribute, String where, long least, int most)
      throws OnnxException {
    if (attribute.getIntsCount() > most) {
      throw new OnnxException(
          where + ": " + attribute.getName() + " lists " + attribute.getIntsCount() + " values");
    }
    for (long value : attribute.getIntsList()) {
      if (value < least) {
        throw new OnnxException(
            where
                + ": "
                + attribute.getName()
                + " "
                + attribute.getIntsList()
                + " holds "
                + value
                + "; each must be at least "
                + least);
      }
    }
  }
}
