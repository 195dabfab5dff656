package org.deltaboost.harness.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs {@code deltaboost} commands in-process, collecting everything they print. */
final class CliRunner {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  /** Runs one command line; returns its exit status. */
  int run(String... args) {
    CommandLine cli = DeltaboostCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  /** Everything printed to standard output so far. */
  String out() {
    return out.toString();
  }

  /** Everything printed to standard error so far. */
  String err() {
    return err.toString();
  }
}
