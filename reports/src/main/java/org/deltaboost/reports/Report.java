package org.deltaboost.reports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The report of one {@code deltaboost compare} grid. {@link #generate} writes into {@code outDir}:
 * {@code index.html} (self-contained: inline CSS, no scripts, images by relative path, no network),
 * {@code figures/<name>.png|.svg} and {@code tables/<name>.csv|.md}. The page states what produced
 * it: experiment, target error, seeds, trials and diverged ones, and the distinct provenance values
 * of the trials' {@code config.json} (versions, engine, Java, OS, cores, data source, start times),
 * plus the summed training and evaluation seconds of all epochs.
 */
public final class Report {
  private Report() {}

  /** Reads {@code gridDir} and writes the report; returns the path of {@code index.html}. */
  public static Path generate(Path gridDir, Path outDir) {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    GridRecords grid = GridRecords.read(gridDir);
    Path figures = outDir.resolve("figures");
    Path tables = outDir.resolve("tables");
    try {
      Files.createDirectories(figures);
      Files.createDirectories(tables);
    } catch (IOException e) {
      throw new ReportException("cannot create report folder " + outDir + ": " + e.getMessage(), e);
    }
    Figures.errorPerEpoch(grid, figures.resolve("error-per-epoch"));
    boolean tta = Figures.timeToAccuracy(grid, figures.resolve("time-to-accuracy"));
    List<Table> all = List.of(GridTables.table1(grid), GridTables.errorPerEpoch(grid), GridTables.timeToAccuracy(grid));
    for (Table t : all) {
      write(tables.resolve(t.name() + ".csv"), t.toCsv());
      write(tables.resolve(t.name() + ".md"), t.toMarkdown());
    }
    Path index = outDir.resolve("index.html");
    write(index, page(grid, all, tta));
    return index;
  }

  private static String page(GridRecords grid, List<Table> tables, boolean tta) {
    StringBuilder h = new StringBuilder();
    String title = "deltaboost report: " + grid.experiment();
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(Html.escape(title)).append("</title>\n<style>\n")
        .append("body{font-family:sans-serif;max-width:960px;margin:2em auto;padding:0 1em}")
        .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #999;padding:.25em .6em;")
        .append("text-align:right}td:first-child,th:first-child{text-align:left}img{max-width:100%}\n")
        .append("</style>\n</head>\n<body>\n<h1>").append(Html.escape(title)).append("</h1>\n");
    h.append("<h2>Provenance</h2>\n").append(provenance(grid).toHtml());
    h.append("<h2>Figures</h2>\n");
    figure(h, "error-per-epoch", "Test error per epoch per strategy: median over seeds, dashed lines min and max");
    if (tta) {
      figure(h, "time-to-accuracy", "Training seconds to the target error: median bar, bootstrap 95% interval markers");
    } else {
      h.append("<p>No strategy reached the target error of ").append(GridTables.percent(grid.targetError()))
          .append("% in any trial, so there is no time-to-accuracy figure.</p>\n");
    }
    for (Table t : tables) {
      h.append("<h2>").append(Html.escape(t.title())).append("</h2>\n").append(t.toHtml())
          .append("<p><a href=\"tables/").append(t.name()).append(".csv\">CSV</a> · <a href=\"tables/")
          .append(t.name()).append(".md\">Markdown</a></p>\n");
    }
    return h.append("</body>\n</html>\n").toString();
  }

  private static void figure(StringBuilder h, String name, String caption) {
    h.append("<figure>\n<img src=\"figures/").append(name).append(".png\" alt=\"").append(Html.escape(caption))
        .append("\">\n<figcaption>").append(Html.escape(caption)).append(" (<a href=\"figures/").append(name)
        .append(".svg\">SVG</a>)</figcaption>\n</figure>\n");
  }

  /** Field/value rows: the grid's facts, then each provenance field's distinct values over trials. */
  static Table provenance(GridRecords grid) {
    List<List<String>> rows = new ArrayList<>();
    TreeSet<Integer> seeds = new TreeSet<>();
    int diverged = 0;
    double trainSeconds = 0;
    for (TrialRecord t : grid.trials()) {
      seeds.add(t.seed());
      diverged += t.diverged() ? 1 : 0;
      trainSeconds += t.trainSeconds().stream().mapToDouble(Double::doubleValue).sum();
    }
    rows.add(List.of("experiment", grid.experiment()));
    rows.add(List.of("grid folder", grid.dir().getFileName().toString()));
    rows.add(List.of("strategies", String.join(", ", grid.labels())));
    rows.add(List.of("trials per strategy", Integer.toString(grid.trialsPerStrategy())));
    rows.add(List.of("trials recorded", Integer.toString(grid.trials().size())));
    rows.add(List.of("diverged trials", Integer.toString(diverged)));
    rows.add(List.of("seeds", seeds.toString().replaceAll("[\\[\\]]", "")));
    rows.add(List.of("target error %", GridTables.percent(grid.targetError())));
    rows.add(List.of("training seconds, all trials", GridTables.format(trainSeconds, 1)));
    Map<String, TreeSet<String>> values = new LinkedHashMap<>();
    for (TrialRecord t : grid.trials()) {
      t.provenance().forEach((k, v) -> values.computeIfAbsent(k, x -> new TreeSet<>()).add(v));
    }
    values.forEach((field, distinct) -> {
      if (field.equals("startedAt")) {
        rows.add(List.of("started", distinct.first() + " … " + distinct.last()));
      } else {
        rows.add(List.of(field, String.join("; ", distinct)));
      }
    });
    return new Table("provenance", "Provenance", List.of("field", "value"), rows);
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ReportException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
