package org.deltaboost.harness.mkl;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Locale;
import org.deltaboost.harness.train.EngineSetup;

/**
 * The child process of {@link MklVendorShimProcessTest}: one float32 matrix product on DJL's
 * PyTorch engine (which libtorch hands to MKL's sgemm), A (64×256) · B (256×64) with A[i] =
 * sin(0.37·i + 0.1) and B[i] = cos(0.53·i) in row-major order, then prints {@code loss L}, the mean
 * square of the product's entries, and {@code bits H}, {@link Arrays#hashCode(float[])} of them.
 */
public final class MklMatmulProbe {

  private static final int M = 64;
  private static final int K = 256;
  private static final int N = 64;

  private MklMatmulProbe() {}

  /** Computes the product and prints its loss and bit hash. */
  public static void main(String[] args) {
    EngineSetup.configure();
    float[] a = new float[M * K];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) Math.sin(0.37 * i + 0.1);
    }
    float[] b = new float[K * N];
    for (int i = 0; i < b.length; i++) {
      b[i] = (float) Math.cos(0.53 * i);
    }
    float[] product;
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      NDArray c = manager.create(a, new Shape(M, K)).matMul(manager.create(b, new Shape(K, N)));
      product = c.toFloatArray();
    }
    double sumOfSquares = 0;
    for (float value : product) {
      sumOfSquares += (double) value * value;
    }
    System.out.println(String.format(Locale.ROOT, "loss %.9e", sumOfSquares / product.length));
    System.out.println("bits " + Arrays.hashCode(product));
  }
}
