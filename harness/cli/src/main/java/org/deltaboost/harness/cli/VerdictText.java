package org.deltaboost.harness.cli;

import java.util.List;
import java.util.Locale;
import org.deltaboost.harness.experiments.ClaimMetric;
import org.deltaboost.records.ClaimVerdict;
import org.deltaboost.records.Interval;
import org.deltaboost.records.PairedDifference;

/**
 * Compare's console text for the paired differences against the reference and for the verdicts on
 * the paper's claims (the same numbers as {@code summary.json}).
 */
final class VerdictText {
  private VerdictText() {}

  /**
   * The per-seed differences of every strategy against the reference, one row each; the hidden
   * gradient RMS column only when the grid recorded it.
   */
  static String differences(String reference, List<PairedDifference> differences) {
    boolean rms = differences.stream().anyMatch(d -> d.hiddenGradientRmsLog10() != null);
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT,
            "%nagainst %s, seed by seed: median of (strategy − %s) [bootstrap 95%% interval]%n",
            reference,
            reference));
    row(
        text,
        rms,
        "strategy",
        "pairs",
        "min error (points)",
        "final error (points)",
        "epochs to target",
        "seconds to target",
        "hidden gradient RMS (log10)");
    for (PairedDifference d : differences) {
      row(
          text,
          rms,
          d.strategy(),
          Integer.toString(d.pairs()),
          cell(d.minTestError(), 100, "%+.2f"),
          cell(d.finalTestError(), 100, "%+.2f"),
          cell(d.epochsToTargetRelative(), 100, "%+.0f%%"),
          cell(d.secondsToTargetRelative(), 100, "%+.0f%%"),
          cell(d.hiddenGradientRmsLog10(), 1, "%+.2f"));
    }
    return text.toString();
  }

  private static void row(StringBuilder text, boolean rms, String... cells) {
    String line =
        String.format(
            Locale.ROOT,
            "%-18s %-6s %-26s %-26s %-22s %-22s %s",
            cells[0],
            cells[1],
            cells[2],
            cells[3],
            cells[4],
            cells[5],
            rms ? cells[6] : "");
    text.append(line.stripTrailing()).append(System.lineSeparator());
  }

  /** One block per claim: what it says, our estimate, the paper's number and the verdict. */
  static String verdicts(List<ClaimVerdict> verdicts) {
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT,
            "%nverdicts on the paper's claims (margins: ±%s points of error, ±%d%% of epochs or"
                + " seconds, ±%s orders of magnitude of gradient RMS, unless a claim states its"
                + " own)%n",
            ClaimMetric.ERROR_MARGIN_POINTS,
            ClaimMetric.RELATIVE_MARGIN_PERCENT,
            ClaimMetric.LOG10_MARGIN));
    for (ClaimVerdict v : verdicts) {
      text.append(
          String.format(
              Locale.ROOT,
              "%-12s %s (%s): %s; ours %s, paper %s; %s%n",
              v.verdict().label().toUpperCase(Locale.ROOT),
              v.claim(),
              v.source(),
              v.statement(),
              v.estimateText(),
              v.paper(),
              v.reason()));
    }
    verdicts.stream()
        .map(ClaimVerdict::tuning)
        .distinct()
        .forEach(t -> text.append("settings: ").append(t).append('\n'));
    return text.toString();
  }

  private static String cell(Interval e, double scale, String format) {
    return e == null ? "-" : e.text(scale, format, "+∞");
  }
}
