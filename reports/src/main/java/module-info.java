/**
 * Run records of a {@code deltaboost compare} grid turned into the paper's tables and figures: a
 * self-contained HTML page, every figure as PNG and SVG (XChart), every table as CSV and Markdown.
 */
module org.deltaboost.reports {
  requires java.desktop;
  requires transitive org.deltaboost.records;
  requires org.knowm.xchart;

  exports org.deltaboost.reports;
}
