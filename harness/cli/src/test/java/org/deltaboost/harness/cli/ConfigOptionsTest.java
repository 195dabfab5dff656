package org.deltaboost.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deltaboost.harness.train.config.TrainingConfigReader;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The config flags: one declaration each, the same on train, compare and tune. */
class ConfigOptionsTest {

  /** Every config flag's names, read from its declaration. */
  private static List<String> flagNames() {
    List<String> names = new ArrayList<>();
    for (Field field : ConfigOptions.Flags.class.getDeclaredFields()) {
      Option option = field.getAnnotation(Option.class);
      if (option != null) {
        names.add(option.names()[0]);
      }
    }
    return names;
  }

  @Test
  void everyFlagSetsAFieldOfTrainingConfigAndItsHelpNamesIt() {
    // The two square-loss parameters are written only when set (older configs read the same).
    TrainingConfigReader reader = new TrainingConfigReader();
    JsonNode fields =
        reader.toTree(
            reader.readLayers(
                List.of(), Map.of("strategy.trueClassWeight", 2.0, "strategy.smoothing", 0.2)));
    int aliases = 0;
    for (Field field : ConfigOptions.Flags.class.getDeclaredFields()) {
      ConfigOptions.Sets alias = field.getAnnotation(ConfigOptions.Sets.class);
      Option option = field.getAnnotation(Option.class);
      assertNotNull(option, field.getName() + " is not an option");
      if (alias == null) {
        assertEquals("--targets", option.names()[0], "only --targets sets two fields");
        continue;
      }
      aliases++;
      JsonNode node = fields;
      for (String part : alias.value().split("\\.")) {
        assertTrue(node.has(part), alias.value() + " is not a TrainingConfig field");
        node = node.get(part);
      }
      String help = String.join(" ", option.description());
      assertTrue(help.endsWith("(" + alias.value() + ")."), option.names()[0] + ": " + help);
    }
    assertEquals(32, aliases);
  }

  @Test
  void trainCompareAndTuneAcceptAndListTheSameConfigFlags() {
    CommandLine cli = DeltaboostCommand.commandLine();
    for (String command : List.of("train", "compare", "tune")) {
      CommandLine sub = cli.getSubcommands().get(command);
      String help = sub.getUsageMessage();
      assertTrue(help.contains("Config fields (aliases of --set FIELD=VALUE"), command);
      for (String flag : flagNames()) {
        assertNotNull(sub.getCommandSpec().findOption(flag), command + " lacks " + flag);
        assertTrue(
            help.contains(flag) || help.contains("--[no-]" + flag.substring(2)),
            command + "'s help does not list " + flag);
      }
      assertNotNull(sub.getCommandSpec().findOption("--config"), command);
      assertNotNull(sub.getCommandSpec().findOption("--set"), command);
    }
  }

  @Test
  void flagsBecomeTheirFieldsAndSetWinsOverAFlag() {
    ConfigOptions options = new ConfigOptions();
    CommandLine cli = new CommandLine(options);
    cli.parseArgs(
        "--lr",
        "0.5",
        "--epochs",
        "3",
        "--targets",
        "-1,10",
        "--data-dir",
        "/data",
        "--no-augment",
        "--set",
        "learningRate=0.7");
    Map<String, Object> overrides = options.overrides(cli);
    assertEquals(new DoubleNode(0.7), overrides.get("learningRate"));
    assertEquals(3, overrides.get("epochs"));
    assertEquals(-1.0, overrides.get("strategy.negativeTarget"));
    assertEquals(10.0, overrides.get("strategy.positiveTarget"));
    assertEquals("/data", overrides.get("dataDir"));
    assertEquals(false, overrides.get("data.augment"));
    assertFalse(overrides.containsKey("batchSize"), "a flag not given sets nothing");
  }

  @Test
  void noFlagsGiveNoOverrides() {
    ConfigOptions options = new ConfigOptions();
    CommandLine cli = new CommandLine(options);
    cli.parseArgs();
    assertEquals(Map.of(), options.overrides(cli));
  }
}
