package org.deltaboost.harness.experiments;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Coverage-guided fuzz test of {@link Experiment#load} on a user's experiment file holding the
 * input, and of the first trial's config of each of its strategies. The documented error is {@link
 * IllegalArgumentException} with a message (an {@link IOException} cannot happen: the file exists);
 * anything else, an {@link OutOfMemoryError} or an input that takes over a second is a finding.
 * {@code ./mvnw verify} replays the committed seeds (the shipped experiments and variants) in
 * {@code src/test/resources/org/deltaboost/harness/experiments/ExperimentFuzzTestInputs/}.
 */
class ExperimentFuzzTest {

  private static final Path FILE = temporaryFile();

  private static Path temporaryFile() {
    try {
      Path dir = Files.createTempDirectory("experiment-fuzz");
      dir.toFile().deleteOnExit();
      Path file = dir.resolve("fuzzed.json");
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest
  void experimentFile(byte[] input) throws IOException {
    Files.write(FILE, input);
    try {
      Experiment experiment = Experiment.load(FILE.toString());
      for (String strategy : experiment.strategies()) {
        experiment.trialConfig(strategy, 1, List.of(), Map.of());
      }
    } catch (IllegalArgumentException expected) {
      if (expected.getMessage() == null || expected.getMessage().isBlank()) {
        throw new AssertionError("refused without a message", expected);
      }
    }
  }
}
