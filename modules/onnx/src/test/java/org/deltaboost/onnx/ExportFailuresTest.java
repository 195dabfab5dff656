package org.deltaboost.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportFailuresTest {

  @TempDir Path dir;

  @Test
  void unsupportedLayerTypeIsNamedByItsPath() {
    // children are named by DJL as two-digit position + class name: 01SequentialBlock/02LayerNorm
    SequentialBlock net =
        new SequentialBlock()
            .add(
                new SequentialBlock()
                    .add(Blocks.batchFlattenBlock())
                    .add(LayerNorm.builder().build()))
            .add(Linear.builder().setUnits(3).build());
    OnnxException e = exportFails(net, new Shape(4), 3);
    assertTrue(e.getMessage().contains("'01SequentialBlock/02LayerNorm'"), e.getMessage());
    assertTrue(e.getMessage().contains("ai.djl.nn.norm.LayerNorm"), e.getMessage());
  }

  @Test
  void unsupportedLambdaIsNamedWithItsDjlName() {
    SequentialBlock net =
        new SequentialBlock()
            .add(Linear.builder().setUnits(5).build())
            .add(Activation.leakyReluBlock(0.1f))
            .add(Linear.builder().setUnits(3).build());
    OnnxException e = exportFails(net, new Shape(4), 3);
    assertTrue(e.getMessage().contains("'02LambdaBlock'"), e.getMessage());
    assertTrue(e.getMessage().contains("LeakyReLU"), e.getMessage());
  }

  @Test
  void uninitializedBlockIsRefused() {
    SequentialBlock net = new SequentialBlock().add(Linear.builder().setUnits(3).build());
    OnnxException e =
        assertThrows(
            OnnxException.class,
            () ->
                OnnxExporter.builder(net, new Shape(4))
                    .metadata(TestNetworks.metadata(3))
                    .build()
                    .toBytes());
    assertTrue(e.getMessage().contains("not initialized"), e.getMessage());
  }

  @Test
  void classCountMustMatchTheMetadata() {
    SequentialBlock net = new SequentialBlock().add(Linear.builder().setUnits(3).build());
    OnnxException e = exportFails(net, new Shape(4), 4);
    assertTrue(e.getMessage().contains("3 outputs"), e.getMessage());
    assertTrue(e.getMessage().contains("4 classes"), e.getMessage());
  }

  @Test
  void outputMustBeBatchByClasses() {
    SequentialBlock net =
        new SequentialBlock()
            .add(Conv2d.builder().setFilters(2).setKernelShape(new Shape(3, 3)).build());
    OnnxException e = exportFails(net, new Shape(1, 5, 5), 2);
    assertTrue(e.getMessage().contains("expected (batch, classes)"), e.getMessage());
    assertTrue(e.getMessage().contains("(1, 2, 3, 3)"), e.getMessage());
  }

  @Test
  void failedExportWritesNoFile() {
    SequentialBlock net =
        new SequentialBlock()
            .add(Activation.leakyReluBlock(0.1f))
            .add(Linear.builder().setUnits(3).build());
    Path file = dir.resolve("never.onnx");
    try (NDManager manager = NDManager.newBaseManager()) {
      TestNetworks.initialize(net, manager, new Shape(4));
      assertThrows(
          OnnxException.class,
          () ->
              OnnxExporter.builder(net, new Shape(4))
                  .metadata(TestNetworks.metadata(3))
                  .build()
                  .writeTo(file));
    }
    assertFalse(Files.exists(file));
  }

  @Test
  void aFailedParityCheckLeavesTheExistingFileByteIdentical() throws Exception {
    Path file = Files.write(dir.resolve("model.onnx"), "an earlier export".getBytes());
    SequentialBlock net = new SequentialBlock().add(Linear.builder().setUnits(3).build());
    try (NDManager manager = NDManager.newBaseManager()) {
      TestNetworks.initialize(net, manager, new Shape(4));
      float[] samples = {0.5f, -1, 2, 0.25f, 1, 1, -1, 0};
      OnnxException e =
          assertThrows(
              OnnxException.class,
              () ->
                  OnnxExporter.builder(net, new Shape(4))
                      .metadata(TestNetworks.metadata(3))
                      .build()
                      .writeTo(
                          file,
                          written -> {
                            // the block drifts from what was written: a real parity failure
                            net.getParameters().valueAt(0).getArray().addi(1f);
                            ParityChecker.compare(net, written, samples)
                                .requirePassed(file.toString());
                          }));
      assertTrue(e.getMessage().contains("parity with DJL failed"), e.getMessage());
      assertTrue(e.getMessage().endsWith(file + " left as it was"), e.getMessage());
    }
    assertArrayEquals("an earlier export".getBytes(), Files.readAllBytes(file));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList(), "no temporary file stays behind");
    }
  }

  @Test
  void aCheckedExportReplacesTheFileAndLeavesNoTemporaryFile() throws Exception {
    Path file = Files.write(dir.resolve("model.onnx"), "an earlier export".getBytes());
    SequentialBlock net = new SequentialBlock().add(Linear.builder().setUnits(3).build());
    try (NDManager manager = NDManager.newBaseManager()) {
      TestNetworks.initialize(net, manager, new Shape(4));
      OnnxExporter exporter =
          OnnxExporter.builder(net, new Shape(4)).metadata(TestNetworks.metadata(3)).build();
      List<Path> checked = new ArrayList<>();
      exporter.writeTo(
          file,
          written -> {
            checked.add(written.file());
            ParityChecker.compare(net, written, new float[] {1, 2, 3, 4})
                .requirePassed(file.toString());
          });
      assertArrayEquals(exporter.toBytes(), Files.readAllBytes(file));
      // the check saw the temporary file beside the target, not the target
      assertEquals(dir, checked.get(0).getParent());
      assertTrue(
          checked.get(0).getFileName().toString().startsWith(".model.onnx."), checked.toString());
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList());
    }
  }

  @Test
  void aDirectoryIsNotReplaced() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("model.onnx"));
    SequentialBlock net = new SequentialBlock().add(Linear.builder().setUnits(3).build());
    try (NDManager manager = NDManager.newBaseManager()) {
      TestNetworks.initialize(net, manager, new Shape(4));
      OnnxException e =
          assertThrows(
              OnnxException.class,
              () ->
                  OnnxExporter.builder(net, new Shape(4))
                      .metadata(TestNetworks.metadata(3))
                      .build()
                      .writeTo(folder));
      assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
    }
    assertTrue(Files.isDirectory(folder));
  }

  @Test
  void builderRejectsBadArguments() {
    SequentialBlock net = new SequentialBlock();
    assertThrows(IllegalArgumentException.class, () -> OnnxExporter.builder(net, new Shape(0, 3)));
    assertThrows(
        IllegalArgumentException.class,
        () -> OnnxExporter.builder(net, new Shape(3)).probabilities(0));
    assertThrows(
        IllegalArgumentException.class,
        () -> OnnxExporter.builder(net, new Shape(3)).probabilities(Double.NaN));
    assertThrows(NullPointerException.class, () -> OnnxExporter.builder(net, new Shape(3)).build());
  }

  private static OnnxException exportFails(SequentialBlock net, Shape sample, int classes) {
    try (NDManager manager = NDManager.newBaseManager()) {
      TestNetworks.initialize(net, manager, sample);
      return assertThrows(
          OnnxException.class,
          () ->
              OnnxExporter.builder(net, sample)
                  .metadata(TestNetworks.metadata(classes))
                  .build()
                  .toBytes());
    }
  }
}
