package org.deltaboost.harness.train.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.deltaboost.harness.train.EngineSetup;
import org.deltaboost.harness.train.checkpoint.CheckpointFileForgedTest.ArrayFields;
import org.deltaboost.harness.train.config.TrainingConfig;
import org.deltaboost.harness.train.optim.TrainingOptimizer;
import org.deltaboost.records.EpochResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes the seeds of both {@link CheckpointFileFuzzTest} targets into {@code
 * target/checkpoint-fuzz-seeds/<method>/} (copied by hand into its inputs folder) and checks each
 * reads as it should: the valid one loads, the damaged ones fail with a message naming the file.
 */
class CheckpointFuzzSeedsTest {

  @Test
  void seedsReadAsExpected(@TempDir Path run) throws Exception {
    EngineSetup.configure();
    TrainingConfig config = CheckpointFileFuzzTest.config();
    CheckpointFile checkpoint = new CheckpointFile(run);
    try (NDManager manager = NDManager.newBaseManager()) {
      Block block = CheckpointFileFuzzTest.network();
      block.initialize(manager, DataType.FLOAT32, CheckpointFileFuzzTest.INPUT);
      TrainingOptimizer optimizer =
          TrainingOptimizer.forConfig(config, config.resolvedLearningRate(), 1);
      // One update, so that the optimizer state holds its momentum buffers.
      for (Pair<String, Parameter> entry : block.getParameters()) {
        NDArray weight = entry.getValue().getArray();
        optimizer.update(entry.getValue().getId(), weight, weight.onesLike());
      }
      EpochResult epoch = new EpochResult(1, 0.5, 0.25, 1.0, 100.0, 0.1, null, null, null);
      checkpoint.write(config, List.of(epoch), block, optimizer);
    }
    byte[] valid = Files.readAllBytes(checkpoint.path());
    byte[] flipped = valid.clone();
    for (int i = 0; i < 16; i++) {
      flipped[valid.length / 2 + i] ^= (byte) 0xFF;
    }
    Path seeds = Path.of("target", "checkpoint-fuzz-seeds");
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("readInto/valid-one-epoch", valid);
    files.put("readInto/truncated-half", Arrays.copyOf(valid, valid.length / 2));
    files.put("readInto/flipped-16-bytes", flipped);
    files.put("readInto/forged-json-length", CheckpointFileTest.forged(0x7FFFFFF0, new byte[32]));
    // The checksummed target's inputs are files without their last four bytes (the CRC32C).
    byte[] content = Arrays.copyOf(valid, valid.length - Integer.BYTES);
    files.put("readIntoWithValidChecksum/valid-one-epoch", content);
    files.put(
        "readIntoWithValidChecksum/truncated-half", Arrays.copyOf(content, content.length / 2));
    byte[] shape = content.clone();
    ByteBuffer.wrap(shape).putLong(ArrayFields.dims(shape, 0), 1L << 29);
    files.put("readIntoWithValidChecksum/weight-shape-2to31-elements", shape);
    byte[] length = content.clone();
    ByteBuffer.wrap(length).putInt(ArrayFields.length(length, 0), 0x7FFFFFF0);
    files.put("readIntoWithValidChecksum/weight-length-0x7FFFFFF0", length);
    byte[] buffer = content.clone();
    int parameters = 4; // the network's arrays come first, then the optimizer's buffers
    ByteBuffer.wrap(buffer).putInt(ArrayFields.length(buffer, parameters), 0x7FFFFFF0);
    files.put("readIntoWithValidChecksum/momentum-length-0x7FFFFFF0", buffer);
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      Files.createDirectories(seeds.resolve(file.getKey()).getParent());
      Files.write(seeds.resolve(file.getKey()), file.getValue());
    }

    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      byte[] bytes =
          file.getKey().startsWith("readInto/")
              ? file.getValue()
              : CheckpointFileFuzzTest.sealed(file.getValue());
      Files.write(checkpoint.path(), bytes);
      try (NDManager manager = NDManager.newBaseManager()) {
        Callable<List<EpochResult>> read =
            () ->
                checkpoint.readInto(
                    config,
                    CheckpointFileFuzzTest.network(),
                    CheckpointFileFuzzTest.INPUT,
                    manager,
                    TrainingOptimizer.forConfig(config, config.resolvedLearningRate(), 1));
        if (file.getKey().endsWith("/valid-one-epoch")) {
          assertEquals(1, read.call().size(), file.getKey());
        } else {
          IOException e = assertThrows(IOException.class, read::call, file.getKey());
          assertTrue(e.getMessage().contains(checkpoint.path().toString()), e.getMessage());
        }
      }
    }
  }
}
