package org.deltaboost.harness.cli;

import org.deltaboost.harness.train.EngineSetup;
import picocli.CommandLine;

/** Entry point of the {@code deltaboost} command. */
public final class Main {

  private Main() {}

  /** Runs the command line and exits with its status: 0 ok, 1 error, 2 usage, 3 diverged. */
  public static void main(String[] args) {
    EngineSetup.configure();
    System.exit(DeltaboostCommand.commandLine().execute(args));
  }
}
