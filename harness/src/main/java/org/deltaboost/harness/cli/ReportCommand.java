package org.deltaboost.harness.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.deltaboost.reports.Report;
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

  @Parameters(index = "0", paramLabel = "GRID", description = "A grid folder written by compare (runs/<grid>).")
  Path grid;

  @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default GRID/report).")
  Path out;

  @Override
  public Integer call() {
    Path page = Report.generate(grid, out != null ? out : grid.resolve("report"));
    spec.commandLine().getOut().println("report: " + page);
    return 0;
  }
}
