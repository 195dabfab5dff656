package org.deltaboost.harness.train;

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

/**
 * Stochastic gradient descent with momentum, PyTorch's formulation, whose state can be saved and
 * restored (DJL's {@code Sgd} keeps its momentum buffers private, so a checkpoint cannot hold
 * them):
 *
 * <pre>  v ← μ·v + g;   w ← w − lr·v        (μ = 0: w ← w − lr·g; v starts at g)</pre>
 *
 * <p>Updates are in place on the parameter arrays, and the parameter's gradient is zeroed after
 * the update, as DJL's PyTorch optimizers do (PyTorch accumulates gradients otherwise). The learning
 * rate is fixed.
 */
public final class MomentumSgd extends Optimizer {

  private static final int STATE_VERSION = 1;

  private final float learningRate;
  private final float momentum;
  /** Velocity per parameter id; absent until the parameter's first update. */
  private final Map<String, NDArray> velocity = new HashMap<>();

  /**
   * Creates the optimizer.
   *
   * @param learningRate lr, finite and {@code > 0}
   * @param momentum μ in {@code [0, 1)}
   */
  public MomentumSgd(double learningRate, double momentum) {
    super(new Builder());
    if (!(learningRate > 0 && Double.isFinite(learningRate))) {
      throw new IllegalArgumentException("learning rate must be a finite number > 0, got " + learningRate);
    }
    if (!(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
    }
    this.learningRate = (float) learningRate;
    this.momentum = (float) momentum;
  }

  /** Returns lr. */
  public double learningRate() {
    return learningRate;
  }

  /** Returns μ. */
  public double momentum() {
    return momentum;
  }

  @Override
  public void update(String parameterId, NDArray weight, NDArray grad) {
    if (momentum == 0f) {
      try (NDArray step = grad.mul(learningRate)) {
        weight.subi(step);
      }
    } else {
      NDArray v = velocity.get(parameterId);
      if (v == null) {
        velocity.put(parameterId, grad.duplicate());
        v = velocity.get(parameterId);
      } else {
        v.muli(momentum).addi(grad);
      }
      try (NDArray step = v.mul(learningRate)) {
        weight.subi(step);
      }
    }
    if (weight.hasGradient()) {
      try (NDArray accumulated = weight.getGradient()) {
        accumulated.muli(0);
      }
    }
  }

  /**
   * Writes the velocities of {@code block}'s parameters, in the block's parameter order, so that
   * they can be read into another instance of the same network.
   */
  public void saveState(Block block, DataOutputStream out) throws IOException {
    out.writeInt(STATE_VERSION);
    out.writeInt(block.getParameters().size());
    for (Pair<String, Parameter> entry : block.getParameters()) {
      out.writeUTF(entry.getKey());
      NDArray v = velocity.get(entry.getValue().getId());
      out.writeBoolean(v != null);
      if (v != null) {
        out.write(v.encode());
      }
    }
  }

  /**
   * Reads velocities written by {@link #saveState} for the same network architecture into this
   * optimizer, keyed by {@code block}'s parameters.
   *
   * @throws MalformedModelException when the state belongs to a different network
   */
  public void loadState(Block block, NDManager manager, DataInputStream in)
      throws IOException, MalformedModelException {
    int version = in.readInt();
    if (version != STATE_VERSION) {
      throw new MalformedModelException(
          "optimizer state version " + version + ", expected " + STATE_VERSION);
    }
    int count = in.readInt();
    if (count != block.getParameters().size()) {
      throw new MalformedModelException(
          "optimizer state has " + count + " parameters, the network has " + block.getParameters().size());
    }
    for (Pair<String, Parameter> entry : block.getParameters()) {
      String name = in.readUTF();
      if (!name.equals(entry.getKey())) {
        throw new MalformedModelException(
            "optimizer state names parameter '" + name + "' where the network has '" + entry.getKey() + "'");
      }
      if (in.readBoolean()) {
        NDArray v = manager.decode(in);
        NDArray previous = velocity.put(entry.getValue().getId(), v);
        if (previous != null) {
          previous.close();
        }
      }
    }
  }

  /** The base class requires a builder; this optimizer takes its settings in its constructor. */
  private static final class Builder extends OptimizerBuilder<Builder> {
    @Override
    protected Builder self() {
      return this;
    }
  }
}
