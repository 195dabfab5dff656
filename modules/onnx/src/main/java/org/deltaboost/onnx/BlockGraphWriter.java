package org.deltaboost.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.util.Pair;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXRef;

/**
 * Translates a DJL block, layer by layer, into nodes of a Tribuo {@link ONNXContext}.
 *
 * <p>Supported layers (exact classes, so a subclass with its own forward is never mistaken for its
 * parent): {@link SequentialBlock} (walked in order), {@link Linear} → Gemm ({@code x·Wᵀ + b}) on
 * rank-2 input or MatMul + Add otherwise, {@link Conv1d}/{@link Conv2d}/{@link Conv3d} → Conv,
 * {@link BatchNorm} → BatchNormalization with the running statistics (inference form), {@link
 * Dropout} → nothing (identity at inference), and the {@link LambdaBlock}s DJL makes, recognised by
 * the name DJL gives them: {@code ReLU}, {@code sigmoid}, {@code Tanh} (from {@code
 * Activation.*Block()}), {@code batchFlatten} (from {@code Blocks.batchFlattenBlock}) → Flatten
 * with axis 1, {@code identity}, {@code maxPoolNd}/{@code avgPoolNd} (settings recovered by {@link
 * PoolingProbe}) and {@code globalMaxPoolNd}/{@code globalAvgPoolNd} (followed by Flatten, as DJL's
 * drop the spatial axes). Anything else fails with the layer's path and type.
 *
 * <p>DJL's {@code BatchNorm} has no getter for its epsilon or axis, so they are read reflectively
 * from its private fields (DJL's packages are open: it is an automatic module); a DJL release that
 * renames them makes the export fail naming the layer, never silently guess.
 */
final class BlockGraphWriter {

  private final ONNXContext context;
  private final NDManager manager;
  private ONNXRef<?> current;
  private Shape shape;

  /**
   * @param context the graph under construction
   * @param manager for the pooling probes
   * @param input the graph input
   * @param inputShape the input shape with a batch of 1
   */
  BlockGraphWriter(ONNXContext context, NDManager manager, ONNXRef<?> input, Shape inputShape) {
    this.context = context;
    this.manager = manager;
    this.current = input;
    this.shape = inputShape;
  }

  /** Returns the value computed so far. */
  ONNXRef<?> output() {
    return current;
  }

  /** Returns its shape, with a batch of 1. */
  Shape outputShape() {
    return shape;
  }

  /** Appends the nodes of {@code block}, named by its path {@code layer}. */
  void write(Block block, String layer) throws OnnxException {
    Class<?> type = block.getClass();
    if (type == SequentialBlock.class) {
      SequentialBlock sequence = (SequentialBlock) block;
      if (sequence.isReturnIntermediate()) {
        throw unsupported(block, layer, "a SequentialBlock returning its intermediate outputs");
      }
      for (Pair<String, Block> child : sequence.getChildren()) {
        write(child.getValue(), layer.isEmpty() ? child.getKey() : layer + "/" + child.getKey());
      }
      return;
    }
    Shape out = outputShape(block, layer);
    if (type == Linear.class) {
      linear(block, layer, out);
    } else if (type == Conv1d.class || type == Conv2d.class || type == Conv3d.class) {
      convolution((Convolution) block, layer);
    } else if (type == BatchNorm.class) {
      batchNorm((BatchNorm) block, layer);
    } else if (type == Dropout.class) {
      // identity at inference: no node
    } else if (type == LambdaBlock.class) {
      lambda((LambdaBlock) block, layer, out);
    } else {
      throw unsupported(block, layer, "layer type " + type.getName());
    }
    shape = out;
  }

  /**
   * Appends {@code block} as a per-pixel layer on channels-first maps {@code (1, C, h, w)}: a
   * {@link Linear} acting on {@code C} becomes a 1×1 Conv with weight {@code W} reshaped to {@code
   * (out, C, 1, 1)} (so {@code y[:, :, r, c] = W·x[:, :, r, c] + b}), a SequentialBlock is walked
   * in order, and every other layer goes to {@link #write(Block, String)}, which already treats
   * axis 1 as the channels (BatchNorm, ReLU, Dropout).
   */
  void writeOverChannels(Block block, String layer) throws OnnxException {
    Class<?> type = block.getClass();
    if (type == SequentialBlock.class && !((SequentialBlock) block).isReturnIntermediate()) {
      for (Pair<String, Block> child : block.getChildren()) {
        writeOverChannels(
            child.getValue(), layer.isEmpty() ? child.getKey() : layer + "/" + child.getKey());
      }
    } else if (type == Linear.class) {
      if (shape.dimension() != 4) {
        throw unsupported(
            block, layer, "a per-pixel Linear on " + shape + ", expected (1, C, h, w)");
      }
      NDArray w = parameter(block, "weight", layer);
      if (w.getShape().get(1) != shape.get(1)) {
        throw unsupported(
            block,
            layer,
            "a Linear of weight " + w.getShape() + " on " + shape.get(1) + " channels");
      }
      List<ONNXRef<?>> inputs = new ArrayList<>();
      inputs.add(current);
      try (NDArray kernel = w.reshape(w.getShape().get(0), w.getShape().get(1), 1, 1)) {
        inputs.add(tensor(layer + ".weight", kernel));
      }
      if (block.getParameters().contains("bias")) {
        inputs.add(tensor(layer + ".bias", parameter(block, "bias", layer)));
      }
      current =
          context.operation(
              Opset17Operator.CONV,
              inputs,
              layer,
              Map.of("kernel_shape", new int[] {1, 1}, "strides", new int[] {1, 1}));
      shape = new Shape(shape.get(0), w.getShape().get(0), shape.get(2), shape.get(3));
    } else {
      write(block, layer);
    }
  }

  private Shape outputShape(Block block, String layer) throws OnnxException {
    try {
      return block.getOutputShapes(new Shape[] {shape})[0];
    } catch (RuntimeException e) {
      throw new OnnxException(
          "layer '"
              + layer
              + "' ("
              + describe(block)
              + "): cannot take input "
              + shape
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private void linear(Block block, String layer, Shape out) throws OnnxException {
    NDArray w = parameter(block, "weight", layer);
    NDArray b = block.getParameters().contains("bias") ? parameter(block, "bias", layer) : null;
    if (out.get(out.dimension() - 1) != w.getShape().get(0)) {
      throw unsupported(block, layer, "a Linear whose output " + out + " is not its weight's rows");
    }
    if (shape.dimension() == 2) {
      List<ONNXRef<?>> inputs = new ArrayList<>(List.of(current, tensor(layer + ".weight", w)));
      if (b != null) {
        inputs.add(tensor(layer + ".bias", b));
      }
      current = context.operation(Opset17Operator.GEMM, inputs, layer, Map.of("transB", 1));
    } else {
      // Linear acts on the last axis of higher-rank input: x·Wᵀ (+ b).
      ONNXRef<?> transposed;
      try (NDArray wt = w.transpose()) {
        transposed = tensor(layer + ".weightT", wt);
      }
      current = context.operation(Opset17Operator.MATMUL, List.of(current, transposed), layer);
      if (b != null) {
        current =
            context.operation(
                Opset17Operator.ADD, List.of(current, tensor(layer + ".bias", b)), layer);
      }
    }
  }

  private void convolution(Convolution conv, String layer) throws OnnxException {
    List<ONNXRef<?>> inputs = new ArrayList<>();
    inputs.add(current);
    inputs.add(tensor(layer + ".weight", parameter(conv, "weight", layer)));
    if (conv.isIncludeBias()) {
      inputs.add(tensor(layer + ".bias", parameter(conv, "bias", layer)));
    }
    int[] pads = symmetricPads(conv.getPadding().getShape());
    current =
        context.operation(
            Opset17Operator.CONV,
            inputs,
            layer,
            Map.of(
                "kernel_shape", ints(conv.getKernelShape().getShape()),
                "strides", ints(conv.getStride().getShape()),
                "pads", pads,
                "dilations", ints(conv.getDilation().getShape()),
                "group", conv.getGroups()));
  }

  private void batchNorm(BatchNorm norm, String layer) throws OnnxException {
    int axis = (Integer) privateField(norm, "axis", layer);
    float epsilon = (Float) privateField(norm, "epsilon", layer);
    if (axis != 1) {
      throw unsupported(norm, layer, "a BatchNorm over axis " + axis + " (ONNX normalizes axis 1)");
    }
    current =
        context.operation(
            Opset17Operator.BATCH_NORMALIZATION,
            List.of(
                current,
                tensor(layer + ".gamma", parameter(norm, "gamma", layer)),
                tensor(layer + ".beta", parameter(norm, "beta", layer)),
                tensor(layer + ".runningMean", parameter(norm, "runningMean", layer)),
                tensor(layer + ".runningVar", parameter(norm, "runningVar", layer))),
            layer,
            Map.of("epsilon", epsilon));
  }

  private void lambda(LambdaBlock block, String layer, Shape out) throws OnnxException {
    String name = block.getName();
    switch (name) {
      case "ReLU":
        current = context.operation(Opset17Operator.RELU, List.of(current), layer);
        return;
      case "sigmoid":
        current = context.operation(Opset17Operator.SIGMOID, List.of(current), layer);
        return;
      case "Tanh":
        current = context.operation(Opset17Operator.TANH, List.of(current), layer);
        return;
      case "identity":
        return;
      case "batchFlatten":
        if (out.dimension() != 2 || out.get(1) != shape.size() / shape.get(0)) {
          throw unsupported(block, layer, "a batchFlatten from " + shape + " to " + out);
        }
        flatten(layer);
        return;
      default:
        break;
    }
    if (name.matches("(max|avg)Pool[123]d")) {
      boolean max = name.startsWith("max");
      PoolingProbe.Settings s = PoolingProbe.find(block, max, shape, out, manager, layer);
      int[] pads = symmetricPads(s.padding());
      Map<String, Object> attributes =
          max
              ? Map.of(
                  "kernel_shape",
                  ints(s.kernel()),
                  "strides",
                  ints(s.stride()),
                  "pads",
                  pads,
                  "ceil_mode",
                  s.ceilMode() ? 1 : 0)
              : Map.of(
                  "kernel_shape",
                  ints(s.kernel()),
                  "strides",
                  ints(s.stride()),
                  "pads",
                  pads,
                  "ceil_mode",
                  s.ceilMode() ? 1 : 0,
                  "count_include_pad",
                  s.countIncludePad() ? 1 : 0);
      current =
          context.operation(
              max ? Opset17Operator.MAX_POOL : Opset17Operator.AVERAGE_POOL,
              List.of(current),
              layer,
              attributes);
    } else if (name.matches("global(Max|Avg)Pool[123]d")) {
      current =
          context.operation(
              name.startsWith("globalMax")
                  ? Opset17Operator.GLOBAL_MAX_POOL
                  : Opset17Operator.GLOBAL_AVERAGE_POOL,
              List.of(current),
              layer);
      if (out.dimension() == 2) {
        flatten(layer);
      }
    } else {
      throw unsupported(block, layer, "LambdaBlock '" + name + "'");
    }
  }

  private void flatten(String layer) {
    current =
        context.operation(Opset17Operator.FLATTEN, List.of(current), layer, Map.of("axis", 1));
  }

  private ONNXRef<?> tensor(String name, NDArray array) {
    float[] values = array.toFloatArray();
    List<Integer> dims = new ArrayList<>();
    for (long d : array.getShape().getShape()) {
      dims.add(Math.toIntExact(d));
    }
    return context.floatTensor(name, dims, buffer -> buffer.put(values));
  }

  private static NDArray parameter(Block block, String name, String layer) throws OnnxException {
    Parameter p = block.getParameters().get(name);
    if (p == null) {
      throw new OnnxException(
          "layer '"
              + layer
              + "' ("
              + describe(block)
              + "): expected parameter '"
              + name
              + "', found "
              + block.getParameters().keys());
    }
    if (!p.isInitialized()) {
      throw new OnnxException(
          "layer '"
              + layer
              + "' ("
              + describe(block)
              + "): parameter '"
              + name
              + "' is not initialized; initialize or load the block before export");
    }
    NDArray array = p.getArray();
    if (array.getDataType() != DataType.FLOAT32) {
      throw new OnnxException(
          "layer '"
              + layer
              + "' ("
              + describe(block)
              + "): parameter '"
              + name
              + "': expected float32, found "
              + array.getDataType());
    }
    return array;
  }

  private static Object privateField(Block block, String name, String layer) throws OnnxException {
    try {
      Field field = BatchNorm.class.getDeclaredField(name);
      field.setAccessible(true);
      return field.get(block);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new OnnxException(
          "layer '"
              + layer
              + "' ("
              + describe(block)
              + "): cannot read BatchNorm."
              + name
              + " from this DJL version: "
              + e,
          e);
    }
  }

  /** ONNX lists the start pads of every axis, then the end pads; DJL pads both ends alike. */
  private static int[] symmetricPads(long[] padding) {
    int[] pads = new int[padding.length * 2];
    for (int i = 0; i < padding.length; i++) {
      pads[i] = Math.toIntExact(padding[i]);
      pads[i + padding.length] = pads[i];
    }
    return pads;
  }

  private static int[] ints(long[] values) {
    int[] out = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Math.toIntExact(values[i]);
    }
    return out;
  }

  private static String describe(Block block) {
    return block instanceof LambdaBlock l
        ? "LambdaBlock '" + l.getName() + "'"
        : block.getClass().getSimpleName();
  }

  private static OnnxException unsupported(Block block, String layer, String what) {
    return new OnnxException(
        "layer '"
            + layer
            + "' ("
            + describe(block)
            + ") is not supported by the ONNX export: "
            + what);
  }
}
