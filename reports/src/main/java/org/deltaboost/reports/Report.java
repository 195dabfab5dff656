package org.deltaboost.reports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The report of one {@code deltaboost compare} grid. {@link #generate} writes into {@code outDir}:
 * {@code index.html} (self-contained: inline CSS, no scripts, images by relative path, no network),
 * {@code figures/<name>.png|.svg} and {@code tables/<name>.csv|.md}. The page opens with the
 * verdicts on the paper's claims and the paired differences ({@link VerdictTables}), then the
 * paper's tables ({@link GridTables}), then the figures ({@link Figures} and, where the records
 * have them, the probes: {@link ProbeFigures}, {@link ProbeTables}), and ends with what produced it
 * and the configuration fields that differ between strategies ({@link ProvenanceTables}). Tables
 * longer than {@value #INLINE_ROWS} rows are linked, not inlined.
 */
public final class Report {
  static final int INLINE_ROWS = 60;

  private Report() {}

  /** {@link #generate(Path, Path, ReportOptions)} with {@link ReportOptions#DEFAULTS}. */
  public static Path generate(Path gridDir, Path outDir) {
    return generate(gridDir, outDir, ReportOptions.DEFAULTS);
  }

  /** Reads {@code gridDir} and writes the report; returns the path of {@code index.html}. */
  public static Path generate(Path gridDir, Path outDir, ReportOptions options) {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    GridRecords grid = GridRecords.read(gridDir);
    Path figureDir = outDir.resolve("figures");
    Path tableDir = outDir.resolve("tables");
    try {
      Files.createDirectories(figureDir);
      Files.createDirectories(tableDir);
    } catch (IOException e) {
      throw new ReportException("cannot create report folder " + outDir + ": " + e.getMessage(), e);
    }
    Page page = new Page("deltaboost report: " + grid.experiment());

    page.heading("Verdicts");
    Optional<Table> verdicts = VerdictTables.verdicts(grid);
    if (verdicts.isPresent()) {
      page.paragraph(
          "Each claim of the paper this grid can judge: trials of the same seed started from the"
              + " same weights and saw the same batches, so each seed gives one difference, strategy"
              + " minus reference. Supported: the interval lies on the claimed side of 0 (and reaches"
              + " the claimed size, if any); refuted: it lies on the other side (or short of the"
              + " size); equivalent: it lies inside the margin; inconclusive: too wide, with roughly"
              + " the trials that would decide. Settings: "
              + String.join("; ", VerdictTables.settings(grid))
              + ".");
      page.table(verdicts.get());
      VerdictTables.claims(grid).ifPresent(page::table);
    } else {
      page.paragraph(
          "No claims judged: summary.json holds no verdicts (no claim of the experiment names two"
              + " strategies of this grid, or the summary predates verdicts).");
    }
    VerdictTables.differences(grid).ifPresent(page::table);

    page.heading("Tables");
    page.table(GridTables.table1(grid));
    GridTables.table2(grid).ifPresent(page::table);
    GridTables.table3(grid, options.iouEpochs()).ifPresent(page::table);
    GridTables.table3Paper(grid).ifPresent(page::table);
    page.table(GridTables.errorPerEpoch(grid));
    page.table(GridTables.timeToAccuracy(grid));

    page.heading("Figures");
    page.figure(Figures.errorPerEpoch(grid));
    Figures.top5ErrorPerEpoch(grid).ifPresent(page::figure);
    Figures.meanIouPerEpoch(grid).ifPresent(page::figure);
    Figures.timeToAccuracy(grid)
        .ifPresentOrElse(
            page::figure,
            () ->
                page.paragraph(
                    "No strategy reached the target error of "
                        + GridTables.percent(grid.targetError())
                        + "% in any trial, so there is no time-to-accuracy figure."));
    List<Figure> histograms = ProbeFigures.deltaHistograms(grid);
    List<Figure> gradients = ProbeFigures.gradientRms(grid);
    var softmax = ProbeFigures.softmaxNormalization(grid);
    if (!histograms.isEmpty()) {
      page.subheading("Output deltas of the first batch (paper Fig 2)");
      page.paragraph(
          "Per epoch that recorded it, one panel per strategy: the histogram of the strategy's lowest seed"
              + " that has one (seeds bin differently, so histograms are not pooled).");
      histograms.forEach(page::figure);
      ProbeTables.deltaHistograms(grid).ifPresent(page::table);
    }
    if (!gradients.isEmpty()) {
      page.subheading("Gradient RMS per layer (paper Fig 3)");
      page.paragraph(
          "One panel per layer with a weight, the output layer first: per strategy the median over seeds"
              + " of the epoch's mean RMS of the weight gradient, log scale. Biases and normalization parameters are in"
              + " the table.");
      gradients.forEach(page::figure);
      ProbeTables.gradientRms(grid).ifPresent(page::table);
    }
    if (softmax.isPresent()) {
      page.subheading("Softmax normalization term (paper Fig 5)");
      page.paragraph(
          "S = Σₖ e^{zₖ} of every training sample at its step's logits, whatever the strategy trains with;"
              + " per strategy the median over seeds of the epoch's mean log10 S and of log10 of its largest S. The axis"
              + " is log10 S, a log scale that also holds values beyond the double range.");
      page.figure(softmax.get());
      ProbeTables.softmaxNormalization(grid).ifPresent(page::table);
    }

    page.heading("Provenance and configuration");
    page.table(ProvenanceTables.provenance(grid));
    page.table(ProvenanceTables.trials(grid));
    page.table(ProvenanceTables.configuration(grid));

    for (Figure f : page.figures()) {
      f.write(figureDir);
    }
    for (Table t : page.tables()) {
      write(tableDir.resolve(t.name() + ".csv"), t.toCsv());
      write(tableDir.resolve(t.name() + ".md"), t.toMarkdown());
    }
    Path index = outDir.resolve("index.html");
    write(index, page.html());
    return index;
  }

  /** The page being assembled: its HTML in order, and the figures and tables it shows. */
  private static final class Page {
    private final StringBuilder body = new StringBuilder();
    private final List<Figure> figures = new ArrayList<>();
    private final List<Table> tables = new ArrayList<>();
    private final String title;
    private boolean inPanels;

    Page(String title) {
      this.title = title;
    }

    void heading(String text) {
      endPanels();
      body.append("<h2>").append(Html.escape(text)).append("</h2>\n");
    }

    void subheading(String text) {
      endPanels();
      body.append("<h3>").append(Html.escape(text)).append("</h3>\n");
    }

    void paragraph(String text) {
      endPanels();
      body.append("<p>").append(Html.escape(text)).append("</p>\n");
    }

    void figure(Figure f) {
      if (f.small() && !inPanels) {
        body.append("<div class=\"panels\">\n");
        inPanels = true;
      } else if (!f.small()) {
        endPanels();
      }
      figures.add(f);
      body.append("<figure")
          .append(f.small() ? " class=\"small\"" : "")
          .append(">\n<img src=\"figures/")
          .append(f.name())
          .append(".png\" alt=\"")
          .append(Html.escape(f.caption()))
          .append("\">\n<figcaption>")
          .append(Html.escape(f.caption()))
          .append(" (<a href=\"figures/")
          .append(f.name())
          .append(".svg\">SVG</a>)</figcaption>\n</figure>\n");
    }

    void table(Table t) {
      endPanels();
      tables.add(t);
      body.append("<h4>").append(Html.escape(t.title())).append("</h4>\n");
      if (t.rows().size() <= INLINE_ROWS) {
        body.append(t.toHtml());
      } else {
        body.append("<p>").append(t.rows().size()).append(" rows, in the files:</p>\n");
      }
      body.append("<p><a href=\"tables/")
          .append(t.name())
          .append(".csv\">CSV</a> · <a href=\"tables/")
          .append(t.name())
          .append(".md\">Markdown</a></p>\n");
    }

    List<Figure> figures() {
      return figures;
    }

    List<Table> tables() {
      return tables;
    }

    private void endPanels() {
      if (inPanels) {
        body.append("</div>\n");
        inPanels = false;
      }
    }

    String html() {
      endPanels();
      return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>"
          + Html.escape(title)
          + "</title>\n<style>\n"
          + "body{font-family:sans-serif;max-width:960px;margin:2em auto;padding:0 1em}"
          + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #999;padding:.25em .6em;"
          + "text-align:right}td:first-child,th:first-child{text-align:left}td:last-child{overflow-wrap:anywhere}"
          + "img{max-width:100%}"
          + ".panels{display:flex;flex-wrap:wrap;gap:.5em}figure.small{width:440px;margin:0}"
          + "figure.small figcaption{font-size:.85em}\n"
          + "</style>\n</head>\n<body>\n<h1>"
          + Html.escape(title)
          + "</h1>\n"
          + body
          + "</body>\n</html>\n";
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ReportException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
