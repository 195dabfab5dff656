package org.deltaboost.harness.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.deltaboost.reports.Report;
import org.deltaboost.reports.ReportOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code deltaboost report}: a compare grid's runs as a self-contained HTML page with figures (PNG,
 * SVG) and tables (CSV, Markdown). {@code compare} writes one into {@code runs/<grid>/report/}.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = "Write the paper-style report of a compare grid.")
final class ReportCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "GRID",
      description = "A grid folder written by compare (runs/<grid>).")
  Path grid;

  @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default GRID/report).")
  Path out;

  @Option(
      names = "--iou-epochs",
      split = ",",
      paramLabel = "E[,E...]",
      description =
          "Epochs of the Table 3 form (default: every multiple of 20 and the last epoch with a mean IoU).")
  List<Integer> iouEpochs = List.of();

  @Override
  public Integer call() {
    Path page =
        Report.generate(
            grid, out != null ? out : grid.resolve("report"), new ReportOptions(iouEpochs));
    spec.commandLine().getOut().println("report: " + page);
    return 0;
  }
}
