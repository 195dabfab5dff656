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
import java.util.Locale;
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
 * Serves an exported model in NVIDIA Triton Inference Server (ONNX Runtime backend) and compares
 * its predictions with ONNX Runtime Java's. Needs a Docker engine: skipped cleanly without one (as
 * on our CI machines); the parity tests in this module are the check that always runs.
 */
@Testcontainers(disabledWithoutDocker = true)
class TritonServingTest {

  private static final DockerImageName TRITON =
      DockerImageName.parse("nvcr.io/nvidia/tritonserver:24.08-py3");
  private static final int SAMPLES = 64;

  @TempDir Path repository;

  @Test
  void tritonPredictsWhatOnnxRuntimeJavaPredicts() throws Exception {
    Path modelDir = Files.createDirectories(repository.resolve("deltaboost").resolve("1"));
    float[] images = TestNetworks.images(SAMPLES);
    int[] expected;
    try (NDManager manager = NDManager.newBaseManager()) {
      Block mlp = Mlp.builder().build().block();
      TestNetworks.initialize(mlp, manager, TestNetworks.MNIST_SAMPLE);
      Path file = TestNetworks.export(mlp, repository, "mlp");
      Files.copy(file, modelDir.resolve("model.onnx"));
      try (OnnxModel model = OnnxModel.load(file)) {
        expected = model.run(images, SAMPLES, 1, 28, 28).predictions();
      }
    }
    try (GenericContainer<?> triton =
        new GenericContainer<>(TRITON)
            .withCopyFileToContainer(MountableFile.forHostPath(repository), "/models")
            .withCommand(
                "tritonserver", "--model-repository=/models", "--strict-model-config=false")
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
                  + "/v2/models/deltaboost/infer");
      String response = post(infer, requestBody(images));
      assertArrayEquals(expected, argmax(logitsOf(response), 10));
    }
  }

  /** A KServe v2 inference request with the images as one FP32 tensor. */
  private static String requestBody(float[] images) {
    StringBuilder data = new StringBuilder();
    for (int i = 0; i < images.length; i++) {
      data.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.9g", images[i]));
    }
    return "{\"inputs\":[{\"name\":\""
        + OnnxExporter.INPUT
        + "\",\"shape\":["
        + SAMPLES
        + ",1,28,28],\"datatype\":\"FP32\",\"data\":["
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
