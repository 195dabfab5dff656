package org.deltaboost.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Recovers the kernel, stride, padding and ceil mode of a pooling {@link LambdaBlock} made by DJL's
 * {@code Pool.maxPoolNdBlock}/{@code avgPoolNdBlock}, which keep them inside a closure.
 *
 * <p>Per spatial axis, the candidates are every {@code (k, s, p)} with {@code 1 ≤ k ≤ in}, {@code 1
 * ≤ s ≤ in}, {@code 0 ≤ p ≤ k/2} whose output size is the block's, using PyTorch's rule {@code out
 * = ⌊(in + 2p − k)/s⌋ + 1} (⌈·⌉ in ceil mode, minus one when the last window would start in the
 * right padding). Each combination, simplest first, is run through {@link Pool} on probes shaped
 * like the layer's input and compared with the block's own output; the first that matches is
 * returned. The network's input size is fixed (only the batch varies), so a match on that size is
 * all the export needs. Max pools are probed with an ascending and a descending ramp, which reveal
 * the first and last input of every window exactly; average pools with a ramp and a random tensor.
 * The parity check after export confirms the choice on real data.
 */
final class PoolingProbe {

  /** More combinations than this means a shape we do not recognise; we stop rather than crawl. */
  private static final int MAX_TRIALS = 4096;

  /** The recovered settings; {@code countIncludePad} is meaningful for average pools only. */
  record Settings(
      long[] kernel, long[] stride, long[] padding, boolean ceilMode, boolean countIncludePad) {}

  /** One spatial axis of a pool. */
  record Axis(long kernel, long stride, long padding) {}

  private PoolingProbe() {}

  static Settings find(
      LambdaBlock block, boolean max, Shape input, Shape output, NDManager parent, String layer)
      throws OnnxException {
    int spatial = input.dimension() - 2;
    if (spatial < 1 || spatial > 3 || output.dimension() != input.dimension()) {
      throw new OnnxException(
          "layer '"
              + layer
              + "' ("
              + block.getName()
              + "): expected a 1-d to 3-d pool from"
              + " (N, C, …) to the same rank, found "
              + input
              + " -> "
              + output);
    }
    try (NDManager manager = parent.newSubManager()) {
      // One sample, one channel: pooling acts on each channel alike.
      long[] dims = new long[input.dimension()];
      dims[0] = 1;
      dims[1] = 1;
      for (int i = 0; i < spatial; i++) {
        dims[i + 2] = input.get(i + 2);
      }
      Shape probeShape = new Shape(dims);
      List<NDArray> probes = new ArrayList<>();
      NDArray ramp = manager.arange(0f, (float) probeShape.size()).reshape(probeShape);
      probes.add(ramp);
      probes.add(max ? ramp.neg() : manager.randomUniform(-1f, 1f, probeShape, DataType.FLOAT32));
      List<NDArray> expected = new ArrayList<>();
      ParameterStore store = new ParameterStore(manager, false);
      for (NDArray probe : probes) {
        expected.add(block.forward(store, new NDList(probe), false).singletonOrThrow());
      }
      int trials = 0;
      for (boolean ceil : new boolean[] {false, true}) {
        List<List<Axis>> perAxis = new ArrayList<>();
        for (int i = 0; i < spatial; i++) {
          perAxis.add(candidates(input.get(i + 2), output.get(i + 2), ceil));
        }
        for (List<Axis> combo : combinations(perAxis)) {
          boolean anyPadding = combo.stream().anyMatch(a -> a.padding() > 0);
          for (boolean includePad :
              max || !anyPadding ? new boolean[] {true} : new boolean[] {true, false}) {
            if (++trials > MAX_TRIALS) {
              throw new OnnxException(
                  "layer '"
                      + layer
                      + "' ("
                      + block.getName()
                      + "): could not recover the pool's"
                      + " kernel, stride and padding for "
                      + input
                      + " -> "
                      + output
                      + " within "
                      + MAX_TRIALS
                      + " trials");
            }
            Settings s = settings(combo, ceil, includePad);
            if (matches(s, max, probes, expected)) {
              return s;
            }
          }
        }
      }
      throw new OnnxException(
          "layer '"
              + layer
              + "' ("
              + block.getName()
              + "): no kernel, stride and padding"
              + " reproduces this pool for "
              + input
              + " -> "
              + output);
    }
  }

  /** Output size of one axis by PyTorch's pooling rule. */
  static long outputSize(long in, Axis a, boolean ceil) {
    long span = in + 2 * a.padding() - a.kernel();
    if (span < 0) {
      return 0;
    }
    long out = (ceil ? Math.floorDiv(span + a.stride() - 1, a.stride()) : span / a.stride()) + 1;
    if (ceil && (out - 1) * a.stride() >= in + a.padding()) {
      out--;
    }
    return out;
  }

  private static List<Axis> candidates(long in, long out, boolean ceil) {
    List<Axis> list = new ArrayList<>();
    for (long k = 1; k <= in; k++) {
      for (long p = 0; p <= k / 2; p++) {
        for (long s = 1; s <= in; s++) {
          Axis a = new Axis(k, s, p);
          if (outputSize(in, a, ceil) == out) {
            list.add(a);
          }
        }
      }
    }
    // Simplest first: no padding, then a stride equal to the kernel, then small kernels.
    list.sort(
        Comparator.comparingLong(Axis::padding)
            .thenComparing(a -> a.stride() != a.kernel())
            .thenComparingLong(Axis::kernel)
            .thenComparingLong(Axis::stride));
    return list;
  }

  /** All combinations, those with the same settings on every axis first. */
  private static List<List<Axis>> combinations(List<List<Axis>> perAxis) {
    List<List<Axis>> all = new ArrayList<>();
    all.add(List.of());
    for (List<Axis> options : perAxis) {
      List<List<Axis>> next = new ArrayList<>();
      for (List<Axis> prefix : all) {
        for (Axis a : options) {
          if (next.size() > MAX_TRIALS) {
            break;
          }
          List<Axis> combo = new ArrayList<>(prefix);
          combo.add(a);
          next.add(combo);
        }
      }
      all = next;
    }
    all.sort(Comparator.comparing(c -> c.stream().distinct().count() > 1));
    return all;
  }

  private static Settings settings(List<Axis> combo, boolean ceil, boolean includePad) {
    int n = combo.size();
    long[] k = new long[n];
    long[] s = new long[n];
    long[] p = new long[n];
    for (int i = 0; i < n; i++) {
      k[i] = combo.get(i).kernel();
      s[i] = combo.get(i).stride();
      p[i] = combo.get(i).padding();
    }
    return new Settings(k, s, p, ceil, includePad);
  }

  private static boolean matches(
      Settings s, boolean max, List<NDArray> probes, List<NDArray> expected) {
    for (int i = 0; i < probes.size(); i++) {
      NDArray got;
      try {
        got = pool(probes.get(i), s, max);
      } catch (RuntimeException e) {
        return false; // the engine rejects this combination: not the block's
      }
      NDArray want = expected.get(i);
      if (!got.getShape().equals(want.getShape())
          || !(max ? got.contentEquals(want) : got.allClose(want, 1e-6, 1e-7, false))) {
        return false;
      }
    }
    return true;
  }

  private static NDArray pool(NDArray x, Settings s, boolean max) {
    Shape k = new Shape(s.kernel());
    Shape st = new Shape(s.stride());
    Shape p = new Shape(s.padding());
    switch (s.kernel().length) {
      case 1:
        return max
            ? Pool.maxPool1d(x, k, st, p, s.ceilMode())
            : Pool.avgPool1d(x, k, st, p, s.ceilMode(), s.countIncludePad());
      case 2:
        return max
            ? Pool.maxPool2d(x, k, st, p, s.ceilMode())
            : Pool.avgPool2d(x, k, st, p, s.ceilMode(), s.countIncludePad());
      default:
        return max
            ? Pool.maxPool3d(x, k, st, p, s.ceilMode())
            : Pool.avgPool3d(x, k, st, p, s.ceilMode(), s.countIncludePad());
    }
  }
}
