package org.deltaboost.strategies;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.HashMap;
import java.util.Map;

/**
 * The 0-dim constants the strategies compute with (α, β, the batch size, ½), and a scope that keeps
 * them across training steps.
 *
 * <p>{@link #scalar} makes a constant in the data type and on the device of another array: a Java
 * {@code double} becomes a float64 0-dim array in DJL, and PyTorch promotes float32 to float64 when
 * every operand is 0-dim, so scalar parameters go through here. Without a scope each call makes a
 * new array in the other array's manager (a native buffer, an engine tensor and a free per call).
 * While a scope is open on the calling thread ({@link #open}), a constant is made once per (data
 * type, device, value), in the scope's own manager, and every later call returns that array; the
 * values are the same either way. Closing the scope frees its constants and reopens the scope it
 * was opened in. A training loop opens one for the run: every step of a strategy asks for the same
 * few constants.
 *
 * <p>Arrays from {@link #scalar} are shared inside a scope: use them as operands, never change or
 * close them.
 */
public final class ScalarScope implements AutoCloseable {

  private static final ThreadLocal<ScalarScope> CURRENT = new ThreadLocal<>();

  private final NDManager manager;
  private final ScalarScope outer;
  private final Thread owner;
  private final Map<Key, NDArray> constants = new HashMap<>();
  private boolean closed;

  private record Key(DataType type, Device device, long bits) {}

  private ScalarScope(NDManager manager, ScalarScope outer) {
    this.manager = manager;
    this.outer = outer;
    this.owner = Thread.currentThread();
  }

  /**
   * Opens a scope on the calling thread; its constants live in a sub-manager of {@code parent}
   * until {@link #close}.
   *
   * @param parent the manager the scope's own manager is made in (one that outlives the scope)
   * @return the scope, now the calling thread's current one
   */
  public static ScalarScope open(NDManager parent) {
    ScalarScope scope = new ScalarScope(parent.newSubManager(), CURRENT.get());
    CURRENT.set(scope);
    return scope;
  }

  /**
   * Returns the 0-dim constant {@code value} in the data type and on the device of {@code like}:
   * the current scope's, or without a scope a new array in {@code like}'s manager.
   *
   * @param like the array whose data type and device the constant takes
   * @param value the constant (rounded to float32 for float32 arrays, as the engine's cast rounds)
   * @return the constant; do not change or close it
   */
  public static NDArray scalar(NDArray like, double value) {
    ScalarScope scope = CURRENT.get();
    DataType type = like.getDataType();
    if (scope == null) {
      return make(like.getManager(), type, like.getDevice(), value);
    }
    Device device = like.getDevice();
    return scope.constants.computeIfAbsent(
        new Key(type, device, Double.doubleToLongBits(value)),
        k -> make(scope.manager, type, device, value));
  }

  private static NDArray make(NDManager manager, DataType type, Device device, double value) {
    NDArray scalar;
    if (type == DataType.FLOAT32) {
      // Java's (float) rounds to nearest like the engine's float64 → float32 cast: one native call
      // fewer, the same value.
      scalar = manager.create((float) value);
    } else if (type == DataType.FLOAT64) {
      scalar = manager.create(value);
    } else {
      scalar = manager.create(value).toType(type, false);
    }
    return scalar.toDevice(device, false);
  }

  /** Returns how many constants this scope holds. */
  public int size() {
    return constants.size();
  }

  /**
   * Frees the constants and makes the scope this one was opened in current again.
   *
   * @throws IllegalStateException when called on another thread than the one that opened the scope,
   *     or while a scope opened inside this one is still open
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    if (Thread.currentThread() != owner || CURRENT.get() != this) {
      throw new IllegalStateException(
          "a scalar scope must be closed on the thread that opened it, after the scopes opened inside it");
    }
    closed = true;
    constants.clear();
    manager.close();
    if (outer == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(outer);
    }
  }
}
