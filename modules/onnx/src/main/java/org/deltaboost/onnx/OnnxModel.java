package org.deltaboost.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An ONNX classifier loaded into ONNX Runtime Java: one input of shape {@code (batch, sample…)},
 * either raw {@code uint8} pixels the graph normalizes or float32 values normalized by the caller
 * ({@link #inputForm()}, told apart by the input's element type), and the outputs {@value
 * OnnxExporter#LOGITS} {@code (batch, classes)} and, optionally, {@value
 * OnnxExporter#PROBABILITIES}, as {@link OnnxExporter} writes them. A <em>dense</em> model
 * (PixelNet) classifies every pixel: input {@code (batch, C, H, W)}, logits {@code (batch, classes,
 * H, W)}; run it with {@link #runDense(float[], long...)}, and a classifier with {@link
 * #run(float[], long...)}; a pixel model with the {@code byte[]} forms of both, {@link #run(byte[],
 * long...)} and {@link #runDense(byte[], long...)}. Each form refuses the other's input, naming
 * both. A file whose metadata key {@value InputForm#KEY} names another form than its input type
 * fails to load.
 *
 * <p>Inputs are checked before they reach the runtime, so a wrong rank, shape or element type is
 * reported as what was expected against what was found. Close it to free the native session.
 *
 * <pre>{@code
 * try (OnnxModel model = OnnxModel.load(Path.of("model.onnx"))) {
 *   int[] predicted = model.run(pixels, 64, 1, 28, 28).predictions();
 * }
 * }</pre>
 */
public final class OnnxModel implements AutoCloseable {
  /** The largest model file loaded: protobuf's limit for one message. */
  public static final long MAX_MODEL_BYTES = Integer.MAX_VALUE - 8;

  private final Path file;
  private final OrtEnvironment environment;
  private final OrtSession session;
  private final String inputName;
  private final long[] sampleShape;
  private final InputForm inputForm;
  private final int numClasses;
  private final boolean dense;
  private final boolean hasProbabilities;
  private final Map<String, String> properties;

  private OnnxModel(
      Path file,
      OrtEnvironment environment,
      OrtSession session,
      String inputName,
      long[] sampleShape,
      InputForm inputForm,
      int numClasses,
      boolean dense,
      boolean hasProbabilities,
      Map<String, String> properties) {
    this.file = file;
    this.environment = environment;
    this.session = session;
    this.inputName = inputName;
    this.sampleShape = sampleShape;
    this.inputForm = inputForm;
    this.numClasses = numClasses;
    this.dense = dense;
    this.hasProbabilities = hasProbabilities;
    this.properties = properties;
  }

  /**
   * Loads a model with ONNX Runtime's default threading.
   *
   * @param file the {@code .onnx} file
   * @return the loaded model
   * @throws OnnxException naming the file if it is missing, not ONNX, or not a classifier of the
   *     expected form
   */
  public static OnnxModel load(Path file) throws OnnxException {
    return load(file, 0);
  }

  /**
   * Loads a model.
   *
   * @param file the {@code .onnx} file
   * @param intraOpThreads threads per operator, or 0 for ONNX Runtime's default
   * @return the loaded model
   * @throws OnnxException naming the file if it is missing, not ONNX, or not a classifier of the
   *     expected form
   */
  public static OnnxModel load(Path file, int intraOpThreads) throws OnnxException {
    return load(file, intraOpThreads, -1);
  }

  /**
   * Loads a model to run on a GPU through ONNX Runtime's CUDA execution provider (the {@code
   * onnxruntime_gpu} artifact: build with {@code -Pgpu}), or on the CPU.
   *
   * @param file the {@code .onnx} file
   * @param intraOpThreads threads per operator, or 0 for ONNX Runtime's default
   * @param cudaDevice the CUDA device id, or -1 for the CPU
   * @return the loaded model
   * @throws OnnxException naming the file if it is missing, not ONNX, or not a classifier of the
   *     expected form; or, for a CUDA device, saying what is missing: the CUDA execution provider
   *     in this ONNX Runtime, or the CUDA libraries it needs
   */
  public static OnnxModel load(Path file, int intraOpThreads, int cudaDevice) throws OnnxException {
    if (intraOpThreads < 0) {
      throw new IllegalArgumentException("intraOpThreads must be >= 0, got " + intraOpThreads);
    }
    if (!Files.isRegularFile(file)) {
      throw new OnnxException(file + ": no such ONNX model file");
    }
    byte[] bytes = read(file);
    ModelGraphCheck.check(bytes, file.toString());
    OrtEnvironment environment = OrtEnvironment.getEnvironment();
    OrtSession session = null;
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      if (intraOpThreads > 0) {
        options.setIntraOpNumThreads(intraOpThreads);
      }
      if (cudaDevice >= 0) {
        addCuda(options, cudaDevice);
      }
      session = environment.createSession(bytes, options);
      OnnxModel model = describe(file, environment, session);
      session = null; // owned by the model now
      return model;
    } catch (OrtException e) {
      throw new OnnxException(file + ": ONNX Runtime cannot load the model: " + e.getMessage(), e);
    } finally {
      if (session != null) {
        try {
          session.close();
        } catch (OrtException e) {
          // the load already failed; that failure is the one reported
        }
      }
    }
  }

  /** The file's bytes, which are checked and then handed to ONNX Runtime (read once). */
  private static byte[] read(Path file) throws OnnxException {
    try {
      long size = Files.size(file);
      if (size > MAX_MODEL_BYTES) {
        throw new OnnxException(
            file + ": " + size + " bytes; an ONNX model file is at most " + MAX_MODEL_BYTES);
      }
      return Files.readAllBytes(file);
    } catch (java.io.IOException e) {
      throw new OnnxException(file + ": cannot be read: " + e.getMessage(), e);
    } catch (OutOfMemoryError e) {
      throw new OnnxException(
          file
              + ": the model does not fit the JVM's maximum heap of "
              + Runtime.getRuntime().maxMemory()
              + " bytes; give it more, e.g. DELTABOOST_JAVA_OPTS=-Xmx8g");
    }
  }

  private static void addCuda(OrtSession.SessionOptions options, int device) throws OnnxException {
    if (!OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
      throw new OnnxException(
          "this ONNX Runtime has no CUDA execution provider (it has "
              + OrtEnvironment.getAvailableProviders()
              + "): build with -Pgpu to use onnxruntime_gpu (docs/gpu.md)");
    }
    try {
      options.addCUDA(device);
    } catch (OrtException e) {
      throw new OnnxException(
          "ONNX Runtime's CUDA execution provider cannot start on GPU "
              + device
              + " (it needs CUDA 12 and cuDNN 9 on LD_LIBRARY_PATH): "
              + e.getMessage(),
          e);
    }
  }

  private static OnnxModel describe(Path file, OrtEnvironment environment, OrtSession session)
      throws OrtException, OnnxException {
    Map<String, NodeInfo> inputs = session.getInputInfo();
    if (inputs.size() != 1) {
      throw new OnnxException(file + ": inputs: expected 1, found " + inputs.keySet());
    }
    NodeInfo input = inputs.values().iterator().next();
    if (!(input.getInfo() instanceof TensorInfo in)
        || (in.type != OnnxJavaType.FLOAT && in.type != OnnxJavaType.UINT8)) {
      throw new OnnxException(
          file
              + ": input '"
              + input.getName()
              + "': expected a uint8 (pixels) or float32 (normalized) tensor, found "
              + input.getInfo());
    }
    InputForm form = in.type == OnnxJavaType.UINT8 ? InputForm.PIXELS : InputForm.NORMALIZED;
    long[] inShape = in.getShape();
    if (inShape.length < 2) {
      throw new OnnxException(
          file
              + ": input '"
              + input.getName()
              + "': expected rank >= 2 (batch, sample…), found "
              + Arrays.toString(inShape));
    }
    long[] sample = Arrays.copyOfRange(inShape, 1, inShape.length);
    long values = 1;
    for (long d : sample) {
      if (d < 1) {
        throw new OnnxException(
            file
                + ": input '"
                + input.getName()
                + "': expected fixed sample axes, found "
                + Arrays.toString(inShape));
      }
      // saturates at 2^31: past Integer.MAX_VALUE the exact count does not matter
      values = Math.min(values * Math.min(d, 1L << 31), 1L << 31);
    }
    if (values > Integer.MAX_VALUE) {
      throw new OnnxException(
          file
              + ": input '"
              + input.getName()
              + "': expected at most "
              + Integer.MAX_VALUE
              + " values per sample, found shape "
              + Arrays.toString(inShape));
    }
    Map<String, NodeInfo> outputs = session.getOutputInfo();
    NodeInfo logits = outputs.get(OnnxExporter.LOGITS);
    if (logits == null) {
      throw new OnnxException(
          file + ": outputs: expected '" + OnnxExporter.LOGITS + "', found " + outputs.keySet());
    }
    long[] outShape = tensor(file, "output 'logits'", logits).getShape();
    // dense: (batch, classes, H, W) at the input's H, W
    boolean dense =
        outShape.length == 4
            && sample.length == 3
            && outShape[2] == sample[1]
            && outShape[3] == sample[2];
    if ((outShape.length != 2 && !dense) || outShape[1] < 2 || outShape[1] > Integer.MAX_VALUE) {
      throw new OnnxException(
          file
              + ": output 'logits': expected shape (batch, 2 <= classes <= "
              + Integer.MAX_VALUE
              + "), or (batch, classes, H, W) for input (batch, C, H, W), found "
              + Arrays.toString(outShape)
              + " for input "
              + Arrays.toString(inShape));
    }
    NodeInfo probabilities = outputs.get(OnnxExporter.PROBABILITIES);
    if (probabilities != null) {
      tensor(file, "output 'probabilities'", probabilities);
    }
    Map<String, String> properties = readable(session.getMetadata().getCustomMetadata());
    String declared = properties.get(InputForm.KEY);
    if (declared != null && !declared.equals(form.id())) {
      throw new OnnxException(
          file
              + ": input '"
              + input.getName()
              + "': the metadata "
              + InputForm.KEY
              + " says '"
              + declared
              + "' but the graph input is "
              + form.id()
              + " ("
              + in.type
              + "): the file contradicts itself");
    }
    return new OnnxModel(
        file,
        environment,
        session,
        input.getName(),
        sample,
        form,
        (int) outShape[1],
        dense,
        probabilities != null,
        properties);
  }

  /**
   * The metadata entries with a key and a value: ONNX Runtime hands back {@code null} for one it
   * cannot read as a string (a key holding NUL bytes, for one), which then counts as absent.
   */
  private static Map<String, String> readable(Map<String, String> metadata) {
    Map<String, String> entries = new LinkedHashMap<>();
    metadata.forEach(
        (key, value) -> {
          if (key != null && value != null) {
            entries.put(key, value);
          }
        });
    return Collections.unmodifiableMap(entries);
  }

  private static TensorInfo tensor(Path file, String what, NodeInfo node) throws OnnxException {
    if (!(node.getInfo() instanceof TensorInfo info) || info.type != OnnxJavaType.FLOAT) {
      throw new OnnxException(
          file + ": " + what + ": expected a float32 tensor, found " + node.getInfo());
    }
    return info;
  }

  /** Returns the file loaded. */
  public Path file() {
    return file;
  }

  /** Returns the shape of one sample, without the batch axis, e.g. {@code [1, 28, 28]}. */
  public long[] sampleShape() {
    return sampleShape.clone();
  }

  /**
   * Returns what the model takes: {@link InputForm#PIXELS} (run it with the {@code byte[]} methods)
   * or {@link InputForm#NORMALIZED} (the {@code float[]} ones), from the input's element type.
   */
  public InputForm inputForm() {
    return inputForm;
  }

  /** Returns the number of values in one sample. */
  public int sampleSize() {
    long size = 1;
    for (long d : sampleShape) {
      size *= d;
    }
    return Math.toIntExact(size);
  }

  /**
   * Returns whether the model classifies every pixel: logits {@code (batch, classes, H, W)}, run
   * with {@link #runDense(float[], long...)}.
   */
  public boolean dense() {
    return dense;
  }

  /** Returns the number of classes, the width of the logits (axis 1). */
  public int numClasses() {
    return numClasses;
  }

  /** Returns whether the model has the {@value OnnxExporter#PROBABILITIES} output. */
  public boolean hasProbabilities() {
    return hasProbabilities;
  }

  /** Returns the model's {@code metadata_props}, unmodifiable. */
  public Map<String, String> properties() {
    return properties;
  }

  /**
   * Returns the training metadata written by {@link OnnxExporter}.
   *
   * @return the metadata
   * @throws OnnxException naming the file and key if the model lacks or garbles it
   */
  public ExportMetadata metadata() throws OnnxException {
    return ExportMetadata.fromProperties(properties, file.toString());
  }

  /** Returns the temperature of the probabilities output, if the model has one. */
  public Optional<Double> temperature() {
    String t = properties.get(OnnxExporter.TEMPERATURE_KEY);
    try {
      return t == null ? Optional.empty() : Optional.of(Double.parseDouble(t));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * Runs a batch given as flat values in row-major order.
   *
   * @param values {@code batch × sampleSize} values
   * @param shape the batch shape, {@code (batch, sample…)}; its rank and sample axes must be the
   *     model's
   * @return the outputs
   * @throws OnnxException naming the expected and found rank, shape or length, or a runtime
   *     failure, or if the model is {@link #dense()}
   */
  public InferenceResult run(float[] values, long... shape) throws OnnxException {
    requireForm(InputForm.NORMALIZED);
    checkClassifier();
    checkInput(values.length, shape);
    try (OnnxTensor tensor =
        OnnxTensor.createTensor(environment, FloatBuffer.wrap(values), shape)) {
      return classify(tensor, shape);
    } catch (OrtException e) {
      throw new OnnxException(file + ": ONNX Runtime failed: " + e.getMessage(), e);
    }
  }

  /**
   * Runs a batch of raw pixels through a {@link InputForm#PIXELS} model.
   *
   * @param pixels {@code batch × sampleSize} unsigned 8-bit pixels, row-major (N×C×H×W)
   * @param shape the batch shape, {@code (batch, C, H, W)} with the model's {@code C, H, W}
   * @return the outputs
   * @throws OnnxException naming the expected and found form, rank, shape or length, or a runtime
   *     failure, or if the model is {@link #dense()}
   */
  public InferenceResult run(byte[] pixels, long... shape) throws OnnxException {
    requireForm(InputForm.PIXELS);
    checkClassifier();
    checkInput(pixels.length, shape);
    try (OnnxTensor tensor =
        OnnxTensor.createTensor(environment, ByteBuffer.wrap(pixels), shape, OnnxJavaType.UINT8)) {
      return classify(tensor, shape);
    } catch (OrtException e) {
      throw new OnnxException(file + ": ONNX Runtime failed: " + e.getMessage(), e);
    }
  }

  private void checkClassifier() throws OnnxException {
    if (dense) {
      throw new OnnxException(
          file + ": the logits are per pixel (batch, " + numClasses + ", H, W): use runDense");
    }
  }

  private InferenceResult classify(OnnxTensor tensor, long[] shape)
      throws OrtException, OnnxException {
    try (OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
      float[][] logits = matrix(result, OnnxExporter.LOGITS, (int) shape[0]);
      float[][] probabilities =
          hasProbabilities ? matrix(result, OnnxExporter.PROBABILITIES, (int) shape[0]) : null;
      return new InferenceResult(logits, probabilities);
    }
  }

  /**
   * Runs a batch of images through a {@link #dense()} model.
   *
   * @param values {@code batch × sampleSize} values, row-major
   * @param shape the batch shape, {@code (batch, C, H, W)} with the model's {@code C, H, W}
   * @return the per-pixel outputs
   * @throws OnnxException naming the expected and found rank, shape or length, or a runtime
   *     failure, or if the model is not dense
   */
  public DenseInferenceResult runDense(float[] values, long... shape) throws OnnxException {
    requireForm(InputForm.NORMALIZED);
    checkDense();
    checkInput(values.length, shape);
    try (OnnxTensor tensor =
        OnnxTensor.createTensor(environment, FloatBuffer.wrap(values), shape)) {
      return classifyPixels(tensor, shape);
    } catch (OrtException e) {
      throw new OnnxException(file + ": ONNX Runtime failed: " + e.getMessage(), e);
    }
  }

  /**
   * Runs a batch of raw images through a {@link #dense()} {@link InputForm#PIXELS} model.
   *
   * @param pixels {@code batch × sampleSize} unsigned 8-bit pixels, row-major (N×C×H×W)
   * @param shape the batch shape, {@code (batch, C, H, W)} with the model's {@code C, H, W}
   * @return the per-pixel outputs
   * @throws OnnxException naming the expected and found form, rank, shape or length, or a runtime
   *     failure, or if the model is not dense
   */
  public DenseInferenceResult runDense(byte[] pixels, long... shape) throws OnnxException {
    requireForm(InputForm.PIXELS);
    checkDense();
    checkInput(pixels.length, shape);
    try (OnnxTensor tensor =
        OnnxTensor.createTensor(environment, ByteBuffer.wrap(pixels), shape, OnnxJavaType.UINT8)) {
      return classifyPixels(tensor, shape);
    } catch (OrtException e) {
      throw new OnnxException(file + ": ONNX Runtime failed: " + e.getMessage(), e);
    }
  }

  private void checkDense() throws OnnxException {
    if (!dense) {
      throw new OnnxException(
          file + ": the logits are (batch, " + numClasses + "), one row per sample: use run");
    }
  }

  private DenseInferenceResult classifyPixels(OnnxTensor tensor, long[] shape)
      throws OrtException, OnnxException {
    long[] out = {shape[0], numClasses, sampleShape[1], sampleShape[2]};
    int size = Math.toIntExact(out[0] * out[1] * out[2] * out[3]);
    try (OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
      float[] logits = floats(result, OnnxExporter.LOGITS, size, out);
      float[] probabilities =
          hasProbabilities ? floats(result, OnnxExporter.PROBABILITIES, size, out) : null;
      return new DenseInferenceResult(out, logits, probabilities);
    }
  }

  private void requireForm(InputForm form) throws OnnxException {
    if (inputForm != form) {
      throw new OnnxException(
          file
              + ": the model takes "
              + (inputForm == InputForm.PIXELS
                  ? "raw uint8 pixels (byte[]), not float32 values: it normalizes them itself"
                  : "float32 values normalized as in training (float[]), not raw uint8 pixels")
              + " (input form "
              + inputForm.id()
              + ")");
    }
  }

  private void checkInput(int length, long[] shape) throws OnnxException {
    checkShape(shape);
    long expected = 1;
    for (long d : shape) {
      expected *= d;
    }
    if (length != expected) {
      throw new OnnxException(
          file
              + ": input length: expected "
              + expected
              + " values for shape "
              + Arrays.toString(shape)
              + ", found "
              + length);
    }
  }

  /**
   * Runs a batch given as a nested Java array, e.g. {@code float[batch][1][28][28]}.
   *
   * @param batch a rectangular {@code float} array of the model's input rank
   * @return the outputs
   * @throws OnnxException naming the expected and found element type, rank or shape, or if the
   *     model is {@link #dense()}
   */
  public InferenceResult run(Object batch) throws OnnxException {
    requireForm(InputForm.NORMALIZED);
    int rank = sampleShape.length + 1;
    Class<?> type = batch == null ? null : batch.getClass();
    int found = 0;
    while (type != null && type.isArray()) {
      found++;
      type = type.getComponentType();
    }
    if (type != float.class) {
      throw new OnnxException(
          file
              + ": input type: expected float32 values (a float array of rank "
              + rank
              + "), found "
              + (batch == null ? "null" : batch.getClass().getSimpleName()));
    }
    if (found != rank) {
      throw new OnnxException(
          file
              + ": input rank: expected "
              + rank
              + " "
              + expectedShape()
              + ", found "
              + found
              + " ("
              + batch.getClass().getSimpleName()
              + ")");
    }
    long[] shape = new long[rank];
    Object level = batch;
    for (int axis = 0; axis < rank; axis++) {
      shape[axis] = Array.getLength(level);
      if (shape[axis] == 0) {
        break;
      }
      level = Array.get(level, 0);
    }
    checkShape(shape);
    float[] flat = new float[Math.toIntExact(shape[0] * sampleSize())];
    int end = flatten(batch, shape, 0, flat, 0);
    if (end != flat.length) {
      throw new OnnxException(file + ": input shape: the array is not rectangular");
    }
    return run(flat, shape);
  }

  private int flatten(Object array, long[] shape, int axis, float[] out, int at)
      throws OnnxException {
    if (Array.getLength(array) != shape[axis]) {
      throw new OnnxException(
          file
              + ": input shape: the array is ragged: axis "
              + axis
              + " has length "
              + Array.getLength(array)
              + " where "
              + shape[axis]
              + " was expected");
    }
    if (axis == shape.length - 1) {
      float[] row = (float[]) array;
      System.arraycopy(row, 0, out, at, row.length);
      return at + row.length;
    }
    int next = at;
    for (int i = 0; i < shape[axis]; i++) {
      next = flatten(Array.get(array, i), shape, axis + 1, out, next);
    }
    return next;
  }

  private void checkShape(long[] shape) throws OnnxException {
    if (shape.length != sampleShape.length + 1) {
      throw new OnnxException(
          file
              + ": input rank: expected "
              + (sampleShape.length + 1)
              + " "
              + expectedShape()
              + ", found "
              + shape.length
              + " "
              + Arrays.toString(shape));
    }
    boolean same = shape[0] >= 1;
    for (int i = 0; i < sampleShape.length; i++) {
      same &= shape[i + 1] == sampleShape[i];
    }
    if (!same) {
      throw new OnnxException(
          file
              + ": input shape: expected "
              + expectedShape()
              + " with batch >= 1, found "
              + Arrays.toString(shape));
    }
  }

  private String expectedShape() {
    StringBuilder b = new StringBuilder("(batch");
    for (long d : sampleShape) {
      b.append(", ").append(d);
    }
    return b.append(')').toString();
  }

  private float[] floats(OrtSession.Result result, String name, int size, long[] shape)
      throws OnnxException {
    Optional<OnnxValue> value = result.get(name);
    if (value.isEmpty() || !(value.get() instanceof OnnxTensor tensor)) {
      throw new OnnxException(file + ": output '" + name + "' missing from the run's results");
    }
    FloatBuffer buffer = tensor.getFloatBuffer();
    if (buffer == null || buffer.remaining() != size) {
      throw new OnnxException(
          file
              + ": output '"
              + name
              + "': expected "
              + Arrays.toString(shape)
              + " = "
              + size
              + " floats, found "
              + (buffer == null ? "none" : buffer.remaining()));
    }
    float[] values = new float[size];
    buffer.get(values);
    return values;
  }

  private float[][] matrix(OrtSession.Result result, String name, int batch) throws OnnxException {
    Optional<OnnxValue> value = result.get(name);
    if (value.isEmpty() || !(value.get() instanceof OnnxTensor tensor)) {
      throw new OnnxException(file + ": output '" + name + "' missing from the run's results");
    }
    FloatBuffer buffer = tensor.getFloatBuffer();
    if (buffer == null || buffer.remaining() != (long) batch * numClasses) {
      throw new OnnxException(
          file
              + ": output '"
              + name
              + "': expected "
              + batch
              + "×"
              + numClasses
              + " floats, found "
              + (buffer == null ? "none" : buffer.remaining()));
    }
    float[][] rows = new float[batch][numClasses];
    for (float[] row : rows) {
      buffer.get(row);
    }
    return rows;
  }

  /** Frees the native session. */
  @Override
  public void close() throws OnnxException {
    try {
      session.close();
    } catch (OrtException e) {
      throw new OnnxException(file + ": closing the ONNX Runtime session failed", e);
    }
  }

  @Override
  public String toString() {
    return "OnnxModel["
        + file
        + ", input "
        + expectedShape()
        + " "
        + inputForm.id()
        + ", "
        + numClasses
        + " classes"
        + (dense ? " per pixel" : "")
        + (hasProbabilities ? ", probabilities" : "")
        + "]";
  }
}
