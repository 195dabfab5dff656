package org.deltaboost.harness.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs {@code deltaboost} commands in-process, collecting everything they print. */
final class CliRunner {

  /** What one command printed, and its exit status. */
  record Result(int status, String out, String err) {}

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  /** Runs one command line; returns its exit status. */
  int run(String... args) {
    CommandLine cli = DeltaboostCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  /** Runs one command line on fresh streams. */
  static Result once(String... args) {
    CliRunner runner = new CliRunner();
    int status = runner.run(args);
    return new Result(status, runner.out(), runner.err());
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
