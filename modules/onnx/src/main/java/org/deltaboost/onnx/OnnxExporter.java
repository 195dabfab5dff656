package org.deltaboost.onnx;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.onnx.proto.OnnxMl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.deltaboost.architectures.DensePrediction;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXPlaceholder;
import org.tribuo.util.onnx.ONNXRef;

/**
 * Writes a trained DJL block and its parameters as an ONNX model: IR version {@value #IR_VERSION},
 * opset {@value Opset17Operator#OPSET_VERSION} of the default domain, one input {@value #INPUT} of
 * shape {@code (batch, sample…)} with a dynamic batch axis, in the {@link InputForm} chosen: raw
 * {@code uint8} pixels normalized inside the graph ({@link InputForm#PIXELS}, written by {@code
 * NormalizationGraphWriter}), or float32 values normalized by the caller ({@link
 * InputForm#NORMALIZED}, this builder's default, as before the pixel form existed). The output
 * {@value #LOGITS} {@code z} of shape {@code (batch, classes)} (per pixel for PixelNet, below), and
 * optionally a second output {@value #PROBABILITIES} {@code = softmax(z / T)} (post-hoc temperature
 * scaling, which never changes the argmax). The {@link ExportMetadata} goes into {@code
 * metadata_props}, with {@value InputForm#KEY} (the input form) and {@code deltaboost.temperature}
 * when probabilities are written; the model's {@code doc_string} says the same in words: the
 * strategy, the classes, the input to feed (type, layout, range) and the temperature.
 *
 * <p>The protobuf is built with Tribuo's ONNX classes; the layers supported are listed on {@code
 * BlockGraphWriter}: Linear, Conv1d/2d/3d, BatchNorm (inference form), Dropout (identity), ReLU,
 * sigmoid, tanh, batch flatten, max/average pooling and their global forms, nested in
 * SequentialBlocks. An unsupported layer fails the export with the layer's path and type.
 *
 * <p>A {@link DensePrediction} (PixelNet) is exported in its dense inference form (written by
 * {@code PixelNetGraphWriter}): input images {@code (batch, C, H, W)}, {@value #LOGITS} {@code
 * (batch, K, H, W)} and {@value #PROBABILITIES} the softmax over axis 1 of {@code z / T}, per
 * pixel. The batch axis is dynamic; H and W are fixed at the sample shape's in the declared input
 * and output types (the nodes themselves compute every size from the input's shape).
 *
 * <pre>{@code
 * OnnxExporter.builder(block, new Shape(1, 28, 28)).metadata(meta).input(InputForm.PIXELS)
 *     .probabilities(t).build().writeTo(Path.of("model.onnx"));
 * }</pre>
 */
public final class OnnxExporter {

  /** The ONNX IR version written. */
  public static final int IR_VERSION = 8;

  /** The name of the graph input. */
  public static final String INPUT = "input";

  /** The name of the logits output. */
  public static final String LOGITS = "logits";

  /** The name of the optional probabilities output. */
  public static final String PROBABILITIES = "probabilities";

  /** The metadata key of the temperature, present when {@value #PROBABILITIES} is written. */
  public static final String TEMPERATURE_KEY = ExportMetadata.PREFIX + "temperature";

  private final Block block;
  private final Shape sampleShape;
  private final ExportMetadata metadata;
  private final Double temperature;
  private final InputForm inputForm;

  private OnnxExporter(Builder builder) {
    this.block = builder.block;
    this.sampleShape = builder.sampleShape;
    this.metadata = Objects.requireNonNull(builder.metadata, "metadata must be set");
    this.temperature = builder.temperature;
    this.inputForm = builder.inputForm;
  }

  /**
   * Starts an export.
   *
   * @param block the trained (initialized) block; it is only read
   * @param sampleShape the shape of one input sample without the batch axis, e.g. {@code (1, 28,
   *     28)}
   * @return a builder
   */
  public static Builder builder(Block block, Shape sampleShape) {
    return new Builder(block, sampleShape);
  }

  /**
   * Builds the ONNX model.
   *
   * @return the serialized {@code ModelProto}
   * @throws OnnxException naming the layer that cannot be exported
   */
  public byte[] toBytes() throws OnnxException {
    return model().toByteArray();
  }

  /**
   * Builds the ONNX model and writes it, replacing {@code file} atomically: see {@link
   * #writeTo(Path, WrittenModelCheck)}, here with a check that only loads the model.
   *
   * @param file where to write
   * @throws OnnxException naming the layer that cannot be exported, or the file not written
   */
  public void writeTo(Path file) throws OnnxException {
    writeTo(file, written -> {});
  }

  /**
   * Builds the ONNX model and replaces {@code file} with it only once it has been checked: the
   * bytes go to a new temporary file beside {@code file} ({@code .<name>.<random>.tmp}), which is
   * loaded into ONNX Runtime and handed to {@code check} (a parity check against DJL, for one);
   * only when the check returns is the temporary file renamed over {@code file}, in one atomic
   * step. On any failure the temporary file is deleted and {@code file} keeps its earlier bytes (or
   * stays absent).
   *
   * @param file where to write
   * @param check runs on the written model, loaded from the temporary file; it refuses the model by
   *     throwing
   * @throws OnnxException naming the layer that cannot be exported, the check's failure, or the
   *     file not written; the message says that {@code file} was left as it was
   */
  public void writeTo(Path file, WrittenModelCheck check) throws OnnxException {
    Objects.requireNonNull(check, "check");
    byte[] bytes = toBytes();
    Path target = file.toAbsolutePath();
    Path parent = target.getParent();
    if (Files.isDirectory(target)) {
      throw new OnnxException(file + ": cannot write the ONNX model: it is a directory");
    }
    Path temporary = null;
    try {
      Files.createDirectories(parent);
      temporary = Files.createTempFile(parent, "." + target.getFileName() + ".", ".tmp");
      Files.write(temporary, bytes);
      permitReading(temporary, target);
      try (OnnxModel written = OnnxModel.load(temporary)) {
        check.check(written);
      }
      Files.move(
          temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      temporary = null;
    } catch (OnnxException e) {
      throw new OnnxException(e.getMessage() + "; " + untouched(file), e);
    } catch (IOException e) {
      throw new OnnxException(
          file + ": cannot write the ONNX model: " + e + "; " + untouched(file), e);
    } finally {
      if (temporary != null) {
        try {
          Files.deleteIfExists(temporary);
        } catch (IOException e) {
          // the write already failed; that failure is the one reported
        }
      }
    }
  }

  /** The check {@link #writeTo(Path, WrittenModelCheck)} runs before the file is replaced. */
  @FunctionalInterface
  public interface WrittenModelCheck {
    /**
     * Accepts the written model by returning, refuses it by throwing.
     *
     * @param written the model as written, loaded into ONNX Runtime (its {@link OnnxModel#file()}
     *     is the temporary file)
     * @throws OnnxException saying why the model is refused
     */
    void check(OnnxModel written) throws OnnxException;
  }

  private static String untouched(Path file) {
    return Files.exists(file) ? file + " left as it was" : file + " not written";
  }

  /**
   * A temporary file is private to its owner; the model gets the target's permissions when it
   * replaces one, else {@code rw-r--r--}, as a file written in place would usually have.
   */
  private static void permitReading(Path temporary, Path target) throws IOException {
    if (!temporary.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return;
    }
    Set<PosixFilePermission> permissions =
        Files.exists(target)
            ? Files.getPosixFilePermissions(target)
            : PosixFilePermissions.fromString("rw-r--r--");
    Files.setPosixFilePermissions(temporary, permissions);
  }

  private OnnxMl.ModelProto model() throws OnnxException {
    if (!block.isInitialized()) {
      throw new OnnxException(
          "the block is not initialized: initialize it or load its trained parameters first");
    }
    ONNXContext context = new ONNXContext();
    context.setName("deltaboost_" + metadata.strategyId().replaceAll("[^A-Za-z0-9_]", "_"));
    Shape inputShape = new Shape(1).addAll(sampleShape);
    // Tribuo's placeholder is rank 2; its declared type is replaced by the full shape below.
    ONNXPlaceholder input = context.floatInput(INPUT, (int) sampleShape.size());
    ONNXRef<?> networkInput = input;
    if (inputForm == InputForm.PIXELS) {
      if (sampleShape.dimension() != 3) {
        throw new OnnxException(
            "a pixel input needs images of shape (C, H, W), the sample shape is " + sampleShape);
      }
      networkInput =
          NormalizationGraphWriter.write(
              context, input, metadata.inputNormalization(), sampleShape.get(0));
    }
    boolean dense = block instanceof DensePrediction;
    ONNXRef<?> logits;
    Shape out;
    try (NDManager manager = NDManager.newBaseManager()) {
      if (block instanceof DensePrediction pixelNet) {
        PixelNetGraphWriter writer =
            new PixelNetGraphWriter(context, manager, networkInput, inputShape);
        writer.write(pixelNet);
        logits = writer.output();
        out = writer.outputShape();
      } else {
        BlockGraphWriter writer = new BlockGraphWriter(context, manager, networkInput, inputShape);
        writer.write(block, "");
        logits = writer.output();
        out = writer.outputShape();
      }
    }
    if (!dense && (out.dimension() != 2 || out.get(0) != 1)) {
      throw new OnnxException(
          "the network's output: expected (batch, classes), found "
              + out
              + " for input "
              + inputShape);
    }
    int classes = (int) out.get(1);
    if (classes != metadata.classNames().size()) {
      throw new OnnxException(
          "the network has "
              + classes
              + " outputs but the metadata names "
              + metadata.classNames().size()
              + " classes "
              + metadata.classNames());
    }
    context.assignTo(logits, context.floatOutput(LOGITS, classes));
    if (temperature != null) {
      ONNXRef<?> scaled =
          context.operation(
              Opset17Operator.DIV,
              List.of(logits, context.constant("temperature", temperature.floatValue())),
              "scaled_logits");
      ONNXRef<?> softmax =
          context.operation(Opset17Operator.SOFTMAX, List.of(scaled), "softmax", Map.of("axis", 1));
      context.assignTo(softmax, context.floatOutput(PROBABILITIES, classes));
    }
    String inputText = inputForm.describe(sampleShape.getShape(), metadata.inputNormalization());
    OnnxMl.GraphProto graph = context.buildGraph();
    graph =
        graph.toBuilder()
            .setInput(
                0,
                value(INPUT, sampleShape, inputForm.elementType()).toBuilder()
                    .setDocString(inputText))
            .build();
    if (dense) {
      // Tribuo's outputs are rank 2; the dense logits and probabilities are (batch, K, H, W).
      OnnxMl.GraphProto.Builder b = PixelNetGraphWriter.withoutPlaceholderInputs(graph).toBuilder();
      for (int i = 0; i < b.getOutputCount(); i++) {
        b.setOutput(
            i, value(b.getOutput(i).getName(), out.slice(1), OnnxMl.TensorProto.DataType.FLOAT));
      }
      graph = b.build();
    }
    OnnxMl.GraphProto.Builder documented = graph.toBuilder();
    for (OnnxMl.ValueInfoProto.Builder output : documented.getOutputBuilderList()) {
      output.setDocString(
          output.getName().equals(LOGITS)
              ? "float32 logits z"
                  + (dense ? " (batch, classes, H, W)" : " (batch, classes)")
                  + ", classes in the order of the metadata's class names; argmax(z) is the"
                  + " prediction"
              : "float32 softmax(z / T) over the classes, T = " + temperature);
    }
    graph = documented.setDocString(description(dense, inputText)).build();

    OnnxMl.ModelProto.Builder model =
        OnnxMl.ModelProto.newBuilder()
            .setIrVersion(IR_VERSION)
            .addOpsetImport(
                OnnxMl.OperatorSetIdProto.newBuilder()
                    .setDomain("")
                    .setVersion(Opset17Operator.OPSET_VERSION))
            .setProducerName("deltaboost")
            .setProducerVersion(producerVersion())
            .setDomain("org.deltaboost")
            .setModelVersion(1)
            .setDocString(description(dense, inputText))
            .setGraph(graph);
    Map<String, String> properties = new LinkedHashMap<>(metadata.toProperties());
    properties.put(InputForm.KEY, inputForm.id());
    if (temperature != null) {
      properties.put(TEMPERATURE_KEY, Double.toString(temperature));
    }
    properties.forEach(
        (k, v) ->
            model.addMetadataProps(
                OnnxMl.StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
    return model.build();
  }

  /**
   * What the model is, in words a person reads: the strategy, what it was trained on, the classes,
   * the input to feed, the outputs and the temperature.
   */
  private String description(boolean dense, String inputText) {
    StringBuilder d = new StringBuilder();
    d.append(dense ? "Per-pixel classifier" : "Image classifier")
        .append(" trained by deltaboost on ")
        .append(metadata.dataset())
        .append(" with the output strategy ")
        .append(metadata.strategyId())
        .append(" (alpha ")
        .append(metadata.alpha())
        .append(", beta ")
        .append(metadata.beta())
        .append(", targets ")
        .append(metadata.negativeTarget())
        .append(" / ")
        .append(metadata.positiveTarget())
        .append("), run ")
        .append(metadata.runId())
        .append(".\nInput '")
        .append(INPUT)
        .append("': ")
        .append(inputText)
        .append(".\nOutput '")
        .append(LOGITS)
        .append("': float32 logits z")
        .append(dense ? " (batch, classes, H, W); argmax over axis 1" : " (batch, classes); argmax")
        .append(" is the predicted class.");
    if (temperature != null) {
      d.append("\nOutput '")
          .append(PROBABILITIES)
          .append("': softmax(z / T) with temperature T = ")
          .append(temperature)
          .append(", fitted after training; it never changes the argmax.");
    }
    d.append("\nClasses, index = output position: ");
    for (int i = 0; i < metadata.classNames().size(); i++) {
      d.append(i == 0 ? "" : ", ").append(i).append(' ').append(metadata.classNames().get(i));
    }
    return d.append('.').toString();
  }

  /** A tensor of shape {@code (batch, sample…)} with a dynamic batch axis. */
  private static OnnxMl.ValueInfoProto value(
      String name, Shape sampleShape, OnnxMl.TensorProto.DataType elementType) {
    OnnxMl.TensorShapeProto.Builder dims =
        OnnxMl.TensorShapeProto.newBuilder()
            .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("batch"));
    for (long d : sampleShape.getShape()) {
      dims.addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(d));
    }
    return OnnxMl.ValueInfoProto.newBuilder()
        .setName(name)
        .setType(
            OnnxMl.TypeProto.newBuilder()
                .setTensorType(
                    OnnxMl.TypeProto.Tensor.newBuilder()
                        .setElemType(elementType.getNumber())
                        .setShape(dims)))
        .build();
  }

  private static String producerVersion() {
    String version = OnnxExporter.class.getPackage().getImplementationVersion();
    return version == null ? "development" : version;
  }

  /** Options of an export; {@link #metadata(ExportMetadata)} is required. */
  public static final class Builder {
    private final Block block;
    private final Shape sampleShape;
    private ExportMetadata metadata;
    private Double temperature;
    private InputForm inputForm = InputForm.NORMALIZED;

    private Builder(Block block, Shape sampleShape) {
      this.block = Objects.requireNonNull(block, "block");
      this.sampleShape = Objects.requireNonNull(sampleShape, "sampleShape");
      if (sampleShape.dimension() < 1
          || Arrays.stream(sampleShape.getShape()).anyMatch(d -> d < 1)) {
        throw new IllegalArgumentException(
            "sampleShape must have at least one positive axis (no batch axis), got " + sampleShape);
      }
    }

    /**
     * Sets what the model records about its training.
     *
     * @param metadata the strategy, dataset, classes, normalization and run id
     * @return this builder
     */
    public Builder metadata(ExportMetadata metadata) {
      this.metadata = Objects.requireNonNull(metadata, "metadata");
      return this;
    }

    /**
     * Adds the output {@value OnnxExporter#PROBABILITIES} {@code = softmax(z / T)}.
     *
     * @param temperature {@code T}, finite and positive, e.g. from {@link
     *     TemperatureScaling#fit(float[][], int[])}
     * @return this builder
     */
    public Builder probabilities(double temperature) {
      if (!(temperature > 0) || Double.isInfinite(temperature)) {
        throw new IllegalArgumentException(
            "temperature must be finite and > 0, got " + temperature);
      }
      this.temperature = temperature;
      return this;
    }

    /**
     * Chooses what the model takes as input; {@link InputForm#NORMALIZED} unless set. {@link
     * InputForm#PIXELS} needs a sample shape {@code (C, H, W)} and writes the metadata's input
     * normalization into the graph.
     *
     * @param form the input form
     * @return this builder
     */
    public Builder input(InputForm form) {
      this.inputForm = Objects.requireNonNull(form, "form");
      return this;
    }

    /**
     * Returns the exporter.
     *
     * @return the exporter
     * @throws NullPointerException if the metadata was not set
     */
    public OnnxExporter build() {
      return new OnnxExporter(this);
    }
  }
}
