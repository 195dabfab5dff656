package org.deltaboost.onnx;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.util.Pair;
import ai.onnx.proto.OnnxMl;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deltaboost.architectures.DensePrediction;
import org.deltaboost.architectures.PixelNetBlock;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXRef;

/**
 * Writes the dense inference graph of a {@link DensePrediction} laid out as {@link PixelNetBlock}
 * (its child blocks, in order, named below): images {@code (B, C, H, W)} to logits {@code (B, K, H,
 * W)}. Another layout fails with the layer found where one of these was expected.
 *
 * <pre>
 * conv1 … conv5, fc      the trunk's stages as BlockGraphWriter writes them (dropout → nothing);
 *                        each stage's output is a tap F_l of size (B, C_l, h_l, w_l)
 * Resize(F_l, sizes = (B, C_l, H, W)), mode linear, coordinate_transformation_mode half_pixel
 * Concat(axis 1)         (B, ΣC_l, H, W): every pixel's hypercolumn
 * hypercolumnNorm        BatchNormalization with the running statistics (when the net has it)
 * head                   each Linear as a 1×1 Conv, ReLU, dropout → nothing
 * </pre>
 *
 * <p>Why {@code half_pixel}: ONNX maps output pixel {@code r} of a resize from {@code h} to {@code
 * H} to input coordinate {@code (r + ½)·h/H − ½} (the scale being {@code H/h} when {@code sizes} is
 * given), which is the position at which {@code HypercolumnSampler} samples; bilinear interpolation
 * then clamps to the map's edge cells ({@code [0, h−1]}) in ONNX Runtime as the sampler does, so
 * the two agree at every input pixel (checked by the PixelNet parity test). The Resize sizes are
 * computed in the graph from the tap's {@code Shape[0:2]} and the input's {@code Shape[2:4]}, so
 * batch, height and width are not baked into the nodes. The unused {@code roi} and {@code scales}
 * inputs are written as empty names, as opset 13+ allows: see {@link
 * #withoutPlaceholderInputs(OnnxMl.GraphProto)}.
 */
final class PixelNetGraphWriter {

  /** The trunk's stages, in order: the hypercolumn taps. */
  private static final List<String> STAGES =
      List.of("conv1", "conv2", "conv3", "conv4", "conv5", "fc");

  private static final String NORM = "hypercolumnNorm";
  private static final String HEAD = "head";
  private static final String PLACEHOLDER = "resize_unused_input";

  private final ONNXContext context;
  private final NDManager manager;
  private final ONNXRef<?> input;
  private final Shape inputShape;
  private ONNXRef<?> output;
  private Shape outputShape;

  /**
   * @param context the graph under construction
   * @param manager for the pooling probes
   * @param input the graph input
   * @param inputShape the input shape with a batch of 1, {@code (1, C, H, W)}
   */
  PixelNetGraphWriter(ONNXContext context, NDManager manager, ONNXRef<?> input, Shape inputShape) {
    this.context = context;
    this.manager = manager;
    this.input = input;
    this.inputShape = inputShape;
  }

  /** Returns the logits node. */
  ONNXRef<?> output() {
    return output;
  }

  /** Returns the logits' shape with a batch of 1, {@code (1, K, H, W)}. */
  Shape outputShape() {
    return outputShape;
  }

  /** Appends the nodes of {@code net}'s dense inference; its children must be PixelNet's. */
  void write(DensePrediction net) throws OnnxException {
    Shape expected;
    try {
      expected = net.getOutputShapes(new Shape[] {inputShape})[0];
    } catch (IllegalArgumentException e) {
      throw new OnnxException(
          "PixelNet: the sample shape " + inputShape.slice(1) + " does not fit: " + e.getMessage(),
          e);
    }
    List<Pair<String, Block>> children = new ArrayList<>();
    net.getChildren().forEach(children::add);
    int next = 0;

    BlockGraphWriter trunk = new BlockGraphWriter(context, manager, input, inputShape);
    List<ONNXRef<?>> taps = new ArrayList<>();
    long channels = 0;
    for (String stage : STAGES) {
      trunk.write(child(children, next++, stage), stage);
      taps.add(trunk.output());
      channels += trunk.outputShape().get(1);
    }

    ONNXRef<?> imageSize =
        context.operation(Opset17Operator.SHAPE, List.of(input), "image_size", Map.of("start", 2));
    ONNXRef<?> placeholder = context.floatTensor(PLACEHOLDER, List.of(0), buffer -> {});
    List<ONNXRef<?>> resized = new ArrayList<>();
    for (int l = 0; l < taps.size(); l++) {
      String name = STAGES.get(l);
      ONNXRef<?> batchChannels =
          context.operation(
              Opset17Operator.SHAPE,
              List.of(taps.get(l)),
              name + "_batch_channels",
              Map.of("end", 2));
      ONNXRef<?> sizes =
          context.operation(
              Opset17Operator.CONCAT,
              List.of(batchChannels, imageSize),
              name + "_sizes",
              Map.of("axis", 0));
      resized.add(
          context.operation(
              Opset17Operator.RESIZE,
              List.of(taps.get(l), placeholder, placeholder, sizes),
              name + "_resized",
              Map.of("mode", "linear", "coordinate_transformation_mode", "half_pixel")));
    }
    ONNXRef<?> hypercolumns =
        context.operation(Opset17Operator.CONCAT, resized, "hypercolumns", Map.of("axis", 1));

    // Every layer after the concatenation is per pixel: the spatial size does not matter to it,
    // and a 1×1 stand-in keeps DJL's shape probes of the head small.
    BlockGraphWriter head =
        new BlockGraphWriter(context, manager, hypercolumns, new Shape(1, channels, 1, 1));
    if (next < children.size() && children.get(next).getKey().endsWith(NORM)) {
      head.writeOverChannels(child(children, next++, NORM), NORM);
    }
    head.writeOverChannels(child(children, next++, HEAD), HEAD);
    if (next != children.size()) {
      throw new OnnxException(
          "PixelNet: unexpected layer '" + children.get(next).getKey() + "' after the head");
    }
    Shape logits = head.outputShape();
    outputShape = new Shape(1, logits.get(1), inputShape.get(2), inputShape.get(3));
    if (!outputShape.equals(expected)) {
      throw new OnnxException(
          "PixelNet: the exported logits " + outputShape + " differ from the block's " + expected);
    }
    output = head.output();
  }

  private static Block child(List<Pair<String, Block>> children, int index, String name)
      throws OnnxException {
    if (index >= children.size() || !children.get(index).getKey().endsWith(name)) {
      throw new OnnxException(
          "PixelNet: expected layer '"
              + name
              + "' at position "
              + index
              + ", found "
              + (index < children.size() ? "'" + children.get(index).getKey() + "'" : "none"));
    }
    return children.get(index).getValue();
  }

  /**
   * Returns {@code graph} with every Resize's {@code roi} and {@code scales} inputs named {@code
   * ""} (absent) and the empty placeholder tensor Tribuo needed in their place removed.
   */
  static OnnxMl.GraphProto withoutPlaceholderInputs(OnnxMl.GraphProto graph) {
    OnnxMl.GraphProto.Builder b = graph.toBuilder();
    String placeholder = null;
    for (OnnxMl.NodeProto.Builder node : b.getNodeBuilderList()) {
      if (node.getOpType().equals(Opset17Operator.RESIZE.getOpName())) {
        placeholder = node.getInput(1);
        node.setInput(1, "").setInput(2, "");
      }
    }
    for (int i = b.getInitializerCount() - 1; i >= 0; i--) {
      if (b.getInitializer(i).getName().equals(placeholder)) {
        b.removeInitializer(i);
      }
    }
    return b.build();
  }
}
