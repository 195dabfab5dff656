package org.deltaboost.onnx;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.onnx.proto.OnnxMl;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Writes the committed seeds of {@link OnnxModelFuzzTest}: small exported models and near-valid
 * variants (no metadata, a renamed output, a truncated file, a dynamic sample axis), and metadata
 * values. Runs only when asked: {@code -Dtest=OnnxModelFuzzSeeds -Ddeltaboost.writeFuzzSeeds=DIR}
 * with DIR the module's {@code src/test/resources}.
 */
class OnnxModelFuzzSeeds {

  @Test
  void write() throws Exception {
    String root = System.getProperty("deltaboost.writeFuzzSeeds");
    assumeTrue(
        root != null, "writes seeds only with -Ddeltaboost.writeFuzzSeeds=<src/test/resources>");
    Path inputs = Path.of(root, "org/deltaboost/onnx/OnnxModelFuzzTestInputs");
    Path models = Files.createDirectories(inputs.resolve("modelFile"));
    try (NDManager manager = NDManager.newBaseManager()) {
      SequentialBlock linear = new SequentialBlock().add(Linear.builder().setUnits(3).build());
      TestNetworks.initialize(linear, manager, new Shape(4));
      OnnxExporter.Builder exporter =
          OnnxExporter.builder(linear, new Shape(4)).metadata(TestNetworks.metadata(3));
      byte[] plain = exporter.build().toBytes();
      Files.write(models.resolve("valid-linear-4-3"), plain);
      Files.write(
          models.resolve("valid-linear-4-3-probabilities"),
          exporter.probabilities(1.5).build().toBytes());

      SequentialBlock conv =
          new SequentialBlock()
              .add(Conv2d.builder().setFilters(2).setKernelShape(new Shape(3, 3)).build())
              .add(Activation.reluBlock())
              .add(Blocks.batchFlattenBlock())
              .add(Linear.builder().setUnits(2).build());
      TestNetworks.initialize(conv, manager, new Shape(1, 5, 5));
      Files.write(
          models.resolve("valid-conv-1x5x5-2"),
          OnnxExporter.builder(conv, new Shape(1, 5, 5))
              .metadata(TestNetworks.metadata(2))
              .build()
              .toBytes());
      Files.write(
          models.resolve("valid-conv-pixels-1x5x5-2"),
          OnnxExporter.builder(conv, new Shape(1, 5, 5))
              .metadata(TestNetworks.metadata(2))
              .input(InputForm.PIXELS)
              .build()
              .toBytes());

      OnnxMl.ModelProto proto = OnnxMl.ModelProto.parseFrom(plain);
      Files.write(
          models.resolve("near-no-metadata"),
          proto.toBuilder().clearMetadataProps().build().toByteArray());
      OnnxMl.ModelProto.Builder renamed = proto.toBuilder();
      renamed.getGraphBuilder().getOutputBuilder(0).setName("scores");
      Files.write(models.resolve("near-output-renamed"), renamed.build().toByteArray());
      OnnxMl.ModelProto.Builder dynamic = proto.toBuilder();
      dynamic
          .getGraphBuilder()
          .getInputBuilder(0)
          .getTypeBuilder()
          .getTensorTypeBuilder()
          .getShapeBuilder()
          .getDimBuilder(1)
          .clearDimValue()
          .setDimParam("features");
      Files.write(models.resolve("near-dynamic-sample-axis"), dynamic.build().toByteArray());
      Files.write(models.resolve("near-truncated"), Arrays.copyOf(plain, plain.length / 2));
    }

    Path metadata = Files.createDirectories(inputs.resolve("metadata"));
    List<String> valid =
        List.of(
            "exp-gb",
            "0.1",
            "0.0",
            "0.0",
            "10.0",
            "fashion-mnist",
            "T-shirt/top\nTrouser\nBag",
            "pixelScale=0.00392156862745098;mean=0.0;std=1.0",
            "run-1");
    Files.write(
        metadata.resolve("valid"), String.join("\0", valid).getBytes(StandardCharsets.UTF_8));
    List<String> near =
        List.of(
            "exp-gb",
            "NaN",
            "0",
            "0",
            "1e309",
            "mnist",
            "a\n\nb",
            "pixelScale=1;mean=0.485,0.456;std=0.229",
            "run-2");
    Files.write(
        metadata.resolve("near-invalid-numbers"),
        String.join("\0", near).getBytes(StandardCharsets.UTF_8));
    Files.write(
        metadata.resolve("near-missing-keys"),
        "softmax-ce\0001\0000".getBytes(StandardCharsets.UTF_8));
  }
}
