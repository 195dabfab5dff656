package org.deltaboost.harness.train.optim;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.deltaboost.harness.train.config.TrainingConfig;

/**
 * An optimizer whose state can be checkpointed and whose step costs few native calls: the base of
 * {@link MomentumSgd} and {@link Adam}. Per parameter it keeps the number of updates done {@code t}
 * and the subclass's buffers (velocity; Adam's moments), as PyTorch's optimizers do. Update {@code
 * t} (1-based) uses the learning rate {@code schedule.rate(t − 1)}.
 *
 * <p>Weight decay is PyTorch's L2 form for both optimizers: {@code g ← g + λ·w} before the update
 * (not AdamW's decoupled decay); {@code λ = 0} skips it.
 *
 * <p>Two ways to apply a step, with the same numbers (tested): DJL's {@code Trainer.step()}, which
 * calls {@link #update} per parameter with a copy of its gradient, and {@link #step}, which updates
 * every parameter from its gradient in place, without that copy. Either way the gradient is zero
 * afterwards (DJL's PyTorch engine accumulates gradients otherwise). Scalars (the learning rate,
 * the constants) are native arrays made once, not per call: an {@code NDArray.mul(Number)} makes a
 * new native scalar each time.
 */
public abstract class TrainingOptimizer extends Optimizer {

  private static final int STATE_VERSION = 2;

  /** The most bytes an array's header takes: four UTF fields of at most 65537 bytes, the shape. */
  private static final int HEADER_MARK_LIMIT = 4 * 65537 + 64 + 20 * EncodedArrayHeader.MAX_RANK;

  private final LearningRateSchedule schedule;
  private final float weightDecay;
  private final Map<String, State> states = new HashMap<>();
  private final Map<String, GradientView> gradients = new HashMap<>();
  private final Scalar zero = new Scalar();
  private final Scalar decay = new Scalar();
  private final Scalar rate = new Scalar();

  /** Per parameter: the updates done and the subclass's buffers ({@code null} until made). */
  protected static final class State {
    long updates;
    final NDArray[] buffers;

    State(int buffers) {
      this.buffers = new NDArray[buffers];
    }

    /** Returns the number of updates done before the current one. */
    public long updates() {
      return updates;
    }

    /** Returns the subclass's buffers; an entry is {@code null} until the subclass sets it. */
    public NDArray[] buffers() {
      return buffers;
    }
  }

  /**
   * Creates the optimizer.
   *
   * @param schedule the learning rate per step
   * @param weightDecay λ, finite and {@code >= 0}
   */
  protected TrainingOptimizer(LearningRateSchedule schedule, double weightDecay) {
    super(new Builder());
    if (!(weightDecay >= 0 && Double.isFinite(weightDecay))) {
      throw new IllegalArgumentException(
          "weight decay must be a finite number >= 0, got " + weightDecay);
    }
    this.schedule = schedule;
    this.weightDecay = (float) weightDecay;
  }

  /**
   * Builds the optimizer a config asks for ({@code optimizer}, {@code momentum}, {@code adam},
   * {@code weightDecay}, {@code schedule}).
   *
   * @param config the run's config
   * @param learningRate the schedule's base rate, the config's resolved one ({@link
   *     TrainingConfig#resolvedLearningRate})
   * @param stepsPerEpoch optimizer steps per epoch (for the schedule)
   */
  public static TrainingOptimizer forConfig(
      TrainingConfig config, double learningRate, long stepsPerEpoch) {
    LearningRateSchedule schedule =
        new LearningRateSchedule(config.schedule(), learningRate, stepsPerEpoch, config.epochs());
    return switch (config.optimizer()) {
      case "sgd" -> new MomentumSgd(schedule, config.momentum(), config.weightDecay());
      case "adam" -> new Adam(schedule, config.adam(), config.weightDecay());
      default ->
          throw new IllegalArgumentException("unknown optimizer '" + config.optimizer() + "'");
    };
  }

  /** Returns the configured (base) learning rate. */
  public double learningRate() {
    return schedule.baseRate();
  }

  /** Returns λ. */
  public double weightDecay() {
    return weightDecay;
  }

  /** Returns this optimizer's name in configs and checkpoints: {@code sgd} or {@code adam}. */
  public abstract String kind();

  /** The number of buffers a parameter's state holds. */
  public abstract int bufferCount();

  /**
   * Updates {@code weight} in place from {@code grad}, which already includes weight decay and
   * which the method may overwrite.
   *
   * @param state the parameter's state; {@code state.updates()} updates were done before this one
   * @param weight the parameter
   * @param grad its gradient (plus {@code λ·w})
   * @param rate the learning rate of this update as a native float32 scalar
   * @param rateValue the same rate as a number
   */
  protected abstract void apply(
      State state, NDArray weight, NDArray grad, NDArray rate, float rateValue);

  /** DJL's entry point ({@code Trainer.step()}); {@code grad} is a copy of the gradient. */
  @Override
  public final void update(String parameterId, NDArray weight, NDArray grad) {
    applyOne(parameterId, weight, grad);
    if (weight.hasGradient()) {
      try (NDArray accumulated = weight.getGradient()) {
        accumulated.muli(zero.of(accumulated, 0f));
      }
    }
  }

  /**
   * Applies one step to every parameter of {@code parameters} that has a gradient, reading and then
   * zeroing the gradient in place; the same numbers as {@code Trainer.step()}.
   */
  public final void step(Iterable<Pair<String, Parameter>> parameters) {
    for (Pair<String, Parameter> entry : parameters) {
      Parameter parameter = entry.getValue();
      if (!parameter.requiresGradient()) {
        continue;
      }
      NDArray weight = parameter.getArray();
      NDArray grad = gradientOf(parameter.getId(), weight);
      if (grad == null) {
        continue;
      }
      applyOne(parameter.getId(), weight, grad);
      grad.muli(zero.of(grad, 0f));
    }
  }

  /**
   * The gradient of {@code weight}, or {@code null} while it has none. The view is made once per
   * parameter array and kept: backward accumulates into the same gradient tensor every step (it is
   * zeroed in place here, never dropped), so the view stays that tensor. A new array for the
   * parameter (or a released view) gets a new view.
   */
  private NDArray gradientOf(String parameterId, NDArray weight) {
    GradientView view = gradients.get(parameterId);
    if (view != null && view.weight() == weight && !view.gradient().isReleased()) {
      return view.gradient();
    }
    if (!weight.hasGradient()) {
      return null;
    }
    if (view != null && !view.gradient().isReleased()) {
      view.gradient().close();
    }
    NDArray gradient = weight.getGradient();
    gradients.put(parameterId, new GradientView(weight, gradient));
    return gradient;
  }

  /** A parameter array and the view of its gradient that {@link #step} keeps. */
  private record GradientView(NDArray weight, NDArray gradient) {}

  private void applyOne(String parameterId, NDArray weight, NDArray grad) {
    State state = states.computeIfAbsent(parameterId, id -> new State(bufferCount()));
    if (weightDecay != 0f) {
      try (NDArray decayed = weight.mul(decay.of(weight, weightDecay))) {
        grad.addi(decayed);
      }
    }
    float value = (float) schedule.rate(state.updates);
    apply(state, weight, grad, rate.of(weight, value), value);
    state.updates++;
  }

  /**
   * Writes the per-parameter state of {@code block}'s parameters, in the block's order, so that it
   * can be read into another instance of the same network: the optimizer's kind, then per parameter
   * its name, update count and buffers.
   */
  public final void saveState(Block block, DataOutputStream out) throws IOException {
    out.writeInt(STATE_VERSION);
    out.writeUTF(kind());
    out.writeInt(bufferCount());
    out.writeInt(block.getParameters().size());
    for (Pair<String, Parameter> entry : block.getParameters()) {
      out.writeUTF(entry.getKey());
      State state = states.get(entry.getValue().getId());
      out.writeLong(state == null ? 0 : state.updates);
      for (int i = 0; i < bufferCount(); i++) {
        NDArray buffer = state == null ? null : state.buffers[i];
        out.writeBoolean(buffer != null);
        if (buffer != null) {
          out.write(buffer.encode());
        }
      }
    }
  }

  /**
   * Reads state written by {@link #saveState} for the same network and optimizer kind into this
   * optimizer, keyed by {@code block}'s parameters, whose arrays must be loaded; buffers go to
   * {@code manager}. Each buffer's header is checked against its parameter's array before the
   * buffer is allocated, so {@code in} must support {@code mark}.
   *
   * @throws MalformedModelException when the state belongs to another network or optimizer
   */
  public final void loadState(Block block, NDManager manager, DataInputStream in)
      throws IOException, MalformedModelException {
    int version = in.readInt();
    if (version != STATE_VERSION) {
      throw new MalformedModelException(
          "optimizer state version " + version + ", expected " + STATE_VERSION);
    }
    String kind = in.readUTF();
    int buffers = in.readInt();
    if (!kind.equals(kind()) || buffers != bufferCount()) {
      throw new MalformedModelException(
          "optimizer state is for "
              + kind
              + " with "
              + buffers
              + " buffers per parameter, this run uses "
              + kind()
              + " with "
              + bufferCount());
    }
    int count = in.readInt();
    if (count != block.getParameters().size()) {
      throw new MalformedModelException(
          "optimizer state has "
              + count
              + " parameters, the network has "
              + block.getParameters().size());
    }
    for (Pair<String, Parameter> entry : block.getParameters()) {
      String name = in.readUTF();
      if (!name.equals(entry.getKey())) {
        throw new MalformedModelException(
            "optimizer state names parameter '"
                + name
                + "' where the network has '"
                + entry.getKey()
                + "'");
      }
      State state = new State(bufferCount());
      state.updates = in.readLong();
      if (state.updates < 0) {
        throw new MalformedModelException(
            "optimizer state has " + state.updates + " updates of parameter '" + name + "'");
      }
      for (int i = 0; i < bufferCount(); i++) {
        if (in.readBoolean()) {
          state.buffers[i] = readBuffer(entry.getValue(), name, i, manager, in);
        }
      }
      State previous = states.put(entry.getValue().getId(), state);
      if (previous != null) {
        for (NDArray buffer : previous.buffers) {
          if (buffer != null) {
            buffer.close();
          }
        }
      }
    }
  }

  /**
   * Reads one buffer of {@code parameter}'s state, after checking that its header declares the
   * parameter's data type, shape and length: a buffer has its parameter's shape, so nothing larger
   * than the network's own arrays is ever allocated, whatever the bytes claim.
   */
  private static NDArray readBuffer(
      Parameter parameter, String name, int index, NDManager manager, DataInputStream in)
      throws IOException, MalformedModelException {
    if (!in.markSupported()) {
      throw new IllegalArgumentException(
          "the optimizer state is read from a stream that supports mark");
    }
    NDArray weight = parameter.getArray();
    EncodedArrayHeader expected =
        new EncodedArrayHeader(
            weight.getDataType().name(),
            weight.getShape().getShape(),
            weight.getShape().toLayoutString(),
            Math.toIntExact(weight.size() * weight.getDataType().getNumOfBytes()));
    in.mark(HEADER_MARK_LIMIT);
    String mismatch = EncodedArrayHeader.read(in).mismatch(expected);
    if (mismatch != null) {
      throw new MalformedModelException(
          "optimizer state buffer " + index + " of parameter '" + name + "' " + mismatch);
    }
    in.reset();
    return manager.decode(in);
  }

  /**
   * A float32 scalar on the engine, remade only when its value changes (or its manager was closed);
   * it lives in the manager of the array it was made for (the parameters' manager).
   */
  protected static final class Scalar {
    private NDArray array;
    private float value;

    /** Creates a scalar that is made on first use. */
    public Scalar() {}

    /**
     * Returns the scalar {@code v} in {@code like}'s manager (the one made before, if unchanged).
     */
    public NDArray of(NDArray like, float v) {
      if (array == null || array.isReleased() || Float.compare(value, v) != 0) {
        if (array != null && !array.isReleased()) {
          array.close();
        }
        array = like.getManager().create(v);
        value = v;
      }
      return array;
    }
  }

  /** The base class requires a builder; these optimizers take their settings in constructors. */
  private static final class Builder extends OptimizerBuilder<Builder> {
    @Override
    protected Builder self() {
      return this;
    }
  }
}
