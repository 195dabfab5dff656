package org.deltaboost.harness.cli;

import java.io.PrintWriter;
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
      DatasetsCommand.class,
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

  /** Returns the configured command line, with errors printed as one clear line. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new DeltaboostCommand());
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          PrintWriter err = commandLine.getErr();
          if (e instanceof IllegalArgumentException) {
            err.println("deltaboost: " + e.getMessage());
            commandLine.usage(err);
            return commandLine.getCommandSpec().exitCodeOnInvalidInput();
          }
          err.println("deltaboost: error: " + e.getMessage());
          if (Boolean.getBoolean("deltaboost.stacktrace")) {
            e.printStackTrace(err);
          }
          return 1;
        });
    return cli;
  }

  /** Reports the harness module's version. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      java.lang.module.ModuleDescriptor descriptor = DeltaboostCommand.class.getModule().getDescriptor();
      String version = descriptor == null ? "dev" : descriptor.rawVersion().orElse("dev");
      return new String[] {"deltaboost " + version};
    }
  }
}
