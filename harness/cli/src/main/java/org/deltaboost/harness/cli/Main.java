package org.deltaboost.harness.cli;

import org.deltaboost.harness.train.EngineSetup;

/** Entry point of the {@code deltaboost} command. */
public final class Main {

  private Main() {}

  /**
   * Runs the command line and exits with its status: 0 ok, 1 error, 2 usage error or refused value,
   * 3 diverged ({@link DeltaboostCommand#commandLine()}). Running out of heap or stack in a thread
   * of its own (e.g. an image decoder) also ends the command with one line and status 1.
   */
  public static void main(String[] args) {
    Thread.UncaughtExceptionHandler fallback = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler(
        (thread, e) -> {
          if (e instanceof OutOfMemoryError || e instanceof StackOverflowError) {
            System.err.println(
                "deltaboost: error: "
                    + FailureMessage.of(e)
                    + " (in thread "
                    + thread.getName()
                    + ")");
            System.exit(1);
          } else if (fallback != null) {
            fallback.uncaughtException(thread, e);
          } else {
            System.err.print("Exception in thread \"" + thread.getName() + "\" ");
            e.printStackTrace(System.err);
          }
        });
    EngineSetup.configure();
    System.exit(DeltaboostCommand.commandLine().execute(args));
  }
}
