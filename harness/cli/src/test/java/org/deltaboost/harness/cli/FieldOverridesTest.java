package org.deltaboost.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

class FieldOverridesTest {

  private final CommandLine commandLine = new CommandLine(new DeltaboostCommand());

  private String refused(String... sets) {
    return assertThrows(
            ParameterException.class, () -> FieldOverrides.parse(List.of(sets), commandLine))
        .getMessage();
  }

  @Test
  void valuesAreJsonOrPlainStrings() {
    Map<String, Object> parsed =
        FieldOverrides.parse(
            List.of("strategy.alpha=0.5", "dataset=mnist", "learningRate=null", "x=1,2"),
            commandLine);
    assertEquals(new DoubleNode(0.5), parsed.get("strategy.alpha"));
    assertEquals("mnist", parsed.get("dataset"));
    assertEquals(NullNode.instance, parsed.get("learningRate"));
    assertEquals("1,2", parsed.get("x"), "trailing tokens make it not JSON, not the number 1");
  }

  @Test
  void anEmptyValueIsRefusedNamingTheField() {
    assertEquals(
        "--set learningRate: empty value, expected a number, true/false, a name or JSON",
        refused("learningRate="));
    assertEquals(
        "--set epochs: empty value, expected a number, true/false, a name or JSON",
        refused("epochs=  "));
  }

  @Test
  void aFieldNameMustBeDottedIdentifiers() {
    assertEquals(
        "--set: 'a..b' is not a field name (letters and digits, dotted for nested fields)",
        refused("a..b=1"));
    assertEquals(
        "--set: 'epochs.' is not a field name (letters and digits, dotted for nested fields)",
        refused("epochs.=1"));
    assertEquals("--set must be FIELD=VALUE, got '=1'", refused("=1"));
  }

  @Test
  void aFieldGivenTwiceIsRefused() {
    assertEquals("--set epochs is given twice", refused("epochs=2", "epochs=3"));
  }

  @Test
  void aValueThatStartsAsJsonMustBeJson() {
    assertEquals(
        "--set data: not valid JSON: Duplicate field 'augment' (line 1, column 26)",
        refused("data={\"augment\":true,\"augment\":false}"));
    assertEquals(
        "--set probes.deltaHistogramEpochs: not valid JSON: Unexpected end-of-input: expected close marker"
            + " for Array (start marker at line 1, column 1) (line 1, column 5)",
        refused("probes.deltaHistogramEpochs=[1,2"));
  }
}
