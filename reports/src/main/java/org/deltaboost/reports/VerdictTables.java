package org.deltaboost.reports;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.deltaboost.records.ClaimVerdict;
import org.deltaboost.records.Interval;
import org.deltaboost.records.PairedDifference;

/**
 * The report's opening: the verdict on each of the paper's claims (claim, metric, our estimate with
 * its interval, the paper's number, verdict), the claims' sentences, and every strategy's paired
 * differences against the reference, as {@code summary.json} holds them.
 */
final class VerdictTables {
  private VerdictTables() {}

  /** One row per claim judged; empty when the summary has none. */
  static Optional<Table> verdicts(GridRecords grid) {
    if (grid.verdicts().isEmpty()) {
      return Optional.empty();
    }
    List<List<String>> rows = new ArrayList<>();
    for (ClaimVerdict v : grid.verdicts()) {
      rows.add(
          List.of(
              v.claim() + " (" + v.source() + ")",
              v.statement(),
              v.estimateText(),
              v.paper(),
              v.verdict().label(),
              v.reason()
                  + "; margin ±"
                  + v.format(v.margin()).substring(1)
                  + "; "
                  + v.pairs()
                  + " seed pairs"));
    }
    return Optional.of(
        new Table(
            "verdicts",
            "Verdicts on the paper's claims (median of the per-seed differences, strategy minus"
                + " reference, with its bootstrap 95% interval)",
            List.of("claim", "metric", "our estimate [95% interval]", "paper", "verdict", "why"),
            rows));
  }

  /** The sentence of the paper behind each claim. */
  static Optional<Table> claims(GridRecords grid) {
    if (grid.verdicts().isEmpty()) {
      return Optional.empty();
    }
    List<List<String>> rows = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (ClaimVerdict v : grid.verdicts()) {
      if (seen.add(v.claim())) {
        rows.add(List.of(v.claim(), v.source(), v.quote()));
      }
    }
    return Optional.of(
        new Table(
            "claims",
            "The claims in the paper's words",
            List.of("claim", "source", "quote"),
            rows));
  }

  /** The settings the verdicts rest on: defaults or tuned, and with which budgets. */
  static List<String> settings(GridRecords grid) {
    return grid.verdicts().stream().map(ClaimVerdict::tuning).distinct().toList();
  }

  /** Every strategy against the reference, seed by seed; empty when the summary has none. */
  static Optional<Table> differences(GridRecords grid) {
    if (grid.differences().isEmpty()) {
      return Optional.empty();
    }
    boolean rms = grid.differences().stream().anyMatch(d -> d.hiddenGradientRmsLog10() != null);
    List<List<String>> rows = new ArrayList<>();
    for (PairedDifference d : grid.differences()) {
      List<String> row =
          new ArrayList<>(
              List.of(
                  d.strategy(),
                  Integer.toString(d.pairs()),
                  cell(d.minTestError(), 100, "%+.2f"),
                  cell(d.finalTestError(), 100, "%+.2f"),
                  cell(d.earlyTestError(), 100, "%+.2f"),
                  cell(d.convergenceEpochRelative(), 100, "%+.0f%%"),
                  cell(d.epochsToTargetRelative(), 100, "%+.0f%%"),
                  cell(d.secondsToTargetRelative(), 100, "%+.0f%%")));
      if (rms) {
        row.add(cell(d.hiddenGradientRmsLog10(), 1, "%+.2f"));
      }
      rows.add(row);
    }
    List<String> header =
        new ArrayList<>(
            List.of(
                "strategy",
                "seed pairs",
                "min error (points)",
                "final error (points)",
                "early error (points)",
                "convergence epoch",
                "epochs to target",
                "seconds to target"));
    if (rms) {
      header.add("hidden gradient RMS (orders of magnitude)");
    }
    return Optional.of(
        new Table(
            "paired-differences",
            "Against "
                + grid.reference()
                + ", seed by seed: median of (strategy − "
                + grid.reference()
                + ") [bootstrap 95% interval]",
            header,
            rows));
  }

  private static String cell(Interval e, double scale, String format) {
    return e == null ? "-" : e.text(scale, format, "+∞");
  }
}
