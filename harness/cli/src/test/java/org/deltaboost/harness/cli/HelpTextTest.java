package org.deltaboost.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's {@code --help} renders cleanly: picocli formats descriptions as format strings,
 * so a bare {@code %} (as in Slurm's {@code --array=...%P}) made it print {@code [picocli WARN]}
 * lines on stderr before the help of compare and tune.
 */
class HelpTextTest {

  @Test
  void everyCommandsHelpRendersWithoutPicocliWarnings() {
    CommandLine root = DeltaboostCommand.commandLine();
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      for (String command : root.getSubcommands().keySet()) {
        if (command.equals("help")) {
          continue; // picocli's own help command: its --help is about itself
        }
        CliRunner.Result help = CliRunner.once(command, "--help");
        assertEquals(0, help.status(), command + ": " + help.err());
        assertTrue(help.out().startsWith("Usage: deltaboost " + command), command);
        assertFalse(help.out().contains("%n"), command + " help holds an unformatted %n");
        assertEquals("", help.err(), command);
      }
    } finally {
      System.setErr(err);
    }
    assertEquals("", captured.toString(StandardCharsets.UTF_8));
  }
}
