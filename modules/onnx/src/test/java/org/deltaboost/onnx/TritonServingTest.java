package org.deltaboost.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deltaboost.architectures.Mlp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * Serves an exported model that takes raw pixels in NVIDIA Triton Inference Server (ONNX Runtime
 * backend), with the {@code config.pbtxt} of docs/export.md ({@link #CONFIG}; {@link
 * ExportDocsTest} keeps the page's copy identical), sends it the dataset's uint8 pixels and
 * compares its predictions with ONNX Runtime Java's. Needs a Docker engine: skipped cleanly without
 * one (as on our CI machines); the parity and reference-evaluator tests in this module are the
 * checks that always run.
 */
@Testcontainers(disabledWithoutDocker = true)
class TritonServingTest {

  private static final DockerImageName TRITON =
      DockerImageName.parse("nvcr.io/nvidia/tritonserver:24.08-py3");
  private static final int SAMPLES = 64;

  /** The Triton model configuration of docs/export.md, for the Fashion-MNIST MLP. */
  static final String CONFIG =
      """
      name: "fashion_mnist_mlp"
      platform: "onnxruntime_onnx"
      max_batch_size: 256
      input [
        { name: "input" data_type: TYPE_UINT8 dims: [ 1, 28, 28 ] }
      ]
      output [
        { name: "logits" data_type: TYPE_FP32 dims: [ 10 ] }
      ]
      dynamic_batching { }
      """;

  @TempDir Path repository;

  @Test
  void tritonPredictsWhatOnnxRuntimeJavaPredicts() throws Exception {
    Path model = repository.resolve("fashion_mnist_mlp");
    Path version = Files.createDirectories(model.resolve("1"));
    Files.writeString(model.resolve("config.pbtxt"), CONFIG);
    byte[] pixels = new byte[SAMPLES * 784];
    for (int i = 0; i < SAMPLES; i++) {
      TestNetworks.fashion().copyPixels(i, pixels, i * 784);
    }
    int[] expected;
    try (NDManager manager = NDManager.newBaseManager()) {
      Block mlp = Mlp.builder().build().block();
      TestNetworks.initialize(mlp, manager, TestNetworks.MNIST_SAMPLE);
      Path file = repository.resolve("mlp.onnx");
      OnnxExporter.builder(mlp, TestNetworks.MNIST_SAMPLE)
          .metadata(TestNetworks.metadata())
          .input(InputForm.PIXELS)
          .build()
          .writeTo(file);
      Files.move(file, version.resolve("model.onnx"));
      try (OnnxModel onnx = OnnxModel.load(version.resolve("model.onnx"))) {
        expected = onnx.run(pixels, SAMPLES, 1, 28, 28).predictions();
      }
    }
    try (GenericContainer<?> triton =
        new GenericContainer<>(TRITON)
            .withCopyFileToContainer(MountableFile.forHostPath(repository), "/models")
            .withCommand("tritonserver", "--model-repository=/models")
            .withExposedPorts(8000)
            .waitingFor(
                Wait.forHttp("/v2/health/ready")
                    .forPort(8000)
                    .withStartupTimeout(Duration.ofMinutes(5)))) {
      triton.start();
      URI infer =
          URI.create(
              "http://"
                  + triton.getHost()
                  + ":"
                  + triton.getMappedPort(8000)
                  + "/v2/models/fashion_mnist_mlp/infer");
      String response = post(infer, requestBody(pixels));
      assertArrayEquals(expected, argmax(logitsOf(response), 10));
    }
  }

  /** A KServe v2 inference request with the images as one UINT8 tensor. */
  private static String requestBody(byte[] pixels) {
    StringBuilder data = new StringBuilder();
    for (int i = 0; i < pixels.length; i++) {
      data.append(i == 0 ? "" : ",").append(Byte.toUnsignedInt(pixels[i]));
    }
    return "{\"inputs\":[{\"name\":\""
        + OnnxExporter.INPUT
        + "\",\"shape\":["
        + SAMPLES
        + ",1,28,28],\"datatype\":\"UINT8\",\"data\":["
        + data
        + "]}],\"outputs\":[{\"name\":\""
        + OnnxExporter.LOGITS
        + "\"}]}";
  }

  private static String post(URI uri, String body) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
    connection.setRequestMethod("POST");
    connection.setDoOutput(true);
    connection.setRequestProperty("Content-Type", "application/json");
    try (OutputStream out = connection.getOutputStream()) {
      out.write(body.getBytes(StandardCharsets.UTF_8));
    }
    assertEquals(
        200, connection.getResponseCode(), "Triton answered " + connection.getResponseMessage());
    try (InputStream in = connection.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static double[] logitsOf(String response) {
    Matcher m = Pattern.compile("\"data\"\\s*:\\s*\\[([^\\]]*)\\]").matcher(response);
    if (!m.find()) {
      throw new AssertionError("no output data in Triton's answer: " + response);
    }
    String[] parts = m.group(1).split(",");
    double[] values = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      values[i] = Double.parseDouble(parts[i].trim());
    }
    return values;
  }

  private static int[] argmax(double[] logits, int classes) {
    int[] best = new int[logits.length / classes];
    for (int i = 0; i < best.length; i++) {
      for (int k = 1; k < classes; k++) {
        if (logits[i * classes + k] > logits[i * classes + best[i]]) {
          best[i] = k;
        }
      }
    }
    return best;
  }
}
