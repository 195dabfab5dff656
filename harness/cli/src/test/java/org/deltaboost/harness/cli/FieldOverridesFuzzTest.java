package org.deltaboost.harness.cli;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.deltaboost.harness.train.config.TrainingConfigReader;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Coverage-guided fuzz test of {@code --set FIELD=VALUE}: each line of the input is one option,
 * parsed by {@link FieldOverrides#parse} and applied over the defaults by {@link
 * TrainingConfigReader}. The documented errors are {@link ParameterException} (a malformed option)
 * and {@link IllegalArgumentException} (a refused value), each with a message; anything else, an
 * {@link OutOfMemoryError} or an input that takes over a second is a finding. {@code ./mvnw verify}
 * replays the committed seeds in {@code
 * src/test/resources/org/deltaboost/harness/cli/FieldOverridesFuzzTestInputs/}.
 */
class FieldOverridesFuzzTest {

  private static final CommandLine COMMAND_LINE = new CommandLine(new DeltaboostCommand());

  private final TrainingConfigReader reader = new TrainingConfigReader();

  @FuzzTest
  void setOptions(byte[] input) {
    List<String> sets = new String(input, StandardCharsets.UTF_8).lines().toList();
    try {
      Map<String, Object> overrides = FieldOverrides.parse(sets, COMMAND_LINE);
      reader.read(null, overrides).validate();
    } catch (ParameterException | IllegalArgumentException expected) {
      if (expected.getMessage() == null || expected.getMessage().isBlank()) {
        throw new AssertionError("refused without a message", expected);
      }
    } catch (java.io.IOException e) {
      throw new AssertionError("no file is read, yet: " + e, e);
    }
  }
}
