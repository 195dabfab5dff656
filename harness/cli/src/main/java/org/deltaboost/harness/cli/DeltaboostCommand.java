package org.deltaboost.harness.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code deltaboost} command; the work is done by its subcommands. */
@Command(
    name = "deltaboost",
    mixinStandardHelpOptions = true,
    versionProvider = DeltaboostCommand.Version.class,
    description = "Linear outputs with gradient-boosted error deltas (Øland et al., 2017) on DJL.",
    subcommands = {
      DemoCommand.class,
      TrainCommand.class,
      ExportCommand.class,
      InferCommand.class,
      CompareCommand.class,
      TuneCommand.class,
      TrialCommand.class,
      DatasetsCommand.class,
      DoctorCommand.class,
      ReportCommand.class,
      MklShimCommand.class,
      CommandLine.HelpCommand.class
    })
public final class DeltaboostCommand implements Runnable {

  /** Exit status of a run stopped because its loss became NaN or infinite. */
  public static final int EXIT_DIVERGED = 3;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
  }

  /**
   * Returns the configured command line, with every error printed as one clear line.
   *
   * <ul>
   *   <li>A usage error (a {@link CommandLine.ParameterException}: the command line itself is
   *       wrong) prints {@code deltaboost <command>: <message>}, picocli's suggestions for a
   *       mistyped option, and where the help is (the whole usage only for {@code deltaboost}
   *       alone); exit status 2.
   *   <li>Any other failure prints {@code deltaboost: error: <line>} ({@link FailureMessage}),
   *       never the usage; exit status 2 for an {@link IllegalArgumentException} (a value the
   *       command refused: a config field, a file's content, a run folder), 1 for anything else,
   *       including I/O errors and running out of memory or stack. {@code
   *       -Ddeltaboost.stacktrace=true} adds the stack trace.
   * </ul>
   */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new DeltaboostCommand());
    cli.setExecutionStrategy(DeltaboostCommand::executeReportingErrors);
    cli.setParameterExceptionHandler(
        (e, args) -> {
          CommandLine commandLine = e.getCommandLine();
          PrintWriter err = commandLine.getErr();
          String name = commandLine.getCommandSpec().qualifiedName();
          err.println(name + ": " + FailureMessage.of(e));
          if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err)) {
            if (commandLine.getCommandSpec().parent() == null) {
              commandLine.usage(err);
            } else {
              err.println("See '" + name + " --help' for its options.");
            }
          }
          return commandLine.getCommandSpec().exitCodeOnInvalidInput();
        });
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          Throwable failure =
              e instanceof CommandLine.ExecutionException && e.getCause() != null
                  ? e.getCause()
                  : e;
          PrintWriter err = commandLine.getErr();
          err.println("deltaboost: error: " + FailureMessage.of(failure));
          if (Boolean.getBoolean("deltaboost.stacktrace")) {
            failure.printStackTrace(err);
          }
          return failure instanceof IllegalArgumentException
              ? commandLine.getCommandSpec().exitCodeOnInvalidInput()
              : commandLine.getCommandSpec().exitCodeOnExecutionException();
        });
    return cli;
  }

  /**
   * Runs the chosen command, passing an {@link OutOfMemoryError} or {@link StackOverflowError} to
   * the execution exception handler (picocli lets errors through) instead of a stack trace.
   */
  private static int executeReportingErrors(CommandLine.ParseResult parseResult) {
    try {
      return new CommandLine.RunLast().execute(parseResult);
    } catch (OutOfMemoryError | StackOverflowError e) {
      List<CommandLine> commands = parseResult.asCommandLineList();
      throw new CommandLine.ExecutionException(
          commands.get(commands.size() - 1), String.valueOf(e), e);
    }
  }

  /** Reports the harness module's version. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      java.lang.module.ModuleDescriptor descriptor =
          DeltaboostCommand.class.getModule().getDescriptor();
      String version = descriptor == null ? "dev" : descriptor.rawVersion().orElse("dev");
      return new String[] {"deltaboost " + version};
    }
  }
}
