package org.deltaboost.reports;

import java.util.List;

/**
 * A report table: a file name stem, a title, column headers and rows of already formatted cells;
 * written as CSV (RFC 4180 quoting), Markdown (pipes escaped) and HTML (escaped).
 */
public record Table(String name, String title, List<String> headers, List<List<String>> rows) {
  public Table {
    headers = List.copyOf(headers);
    rows = rows.stream().map(List::copyOf).toList();
    for (List<String> row : rows) {
      if (row.size() != headers.size()) {
        throw new IllegalArgumentException(
            "table "
                + name
                + ": row "
                + row
                + " has "
                + row.size()
                + " cells, headers have "
                + headers.size());
      }
    }
  }

  public String toCsv() {
    StringBuilder out = new StringBuilder();
    csvLine(out, headers);
    rows.forEach(r -> csvLine(out, r));
    return out.toString();
  }

  public String toMarkdown() {
    StringBuilder out = new StringBuilder("| ");
    out.append(String.join(" | ", headers.stream().map(Table::markdownCell).toList()))
        .append(" |\n|");
    headers.forEach(h -> out.append("---|"));
    out.append('\n');
    for (List<String> row : rows) {
      out.append("| ")
          .append(String.join(" | ", row.stream().map(Table::markdownCell).toList()))
          .append(" |\n");
    }
    return out.toString();
  }

  public String toHtml() {
    StringBuilder out = new StringBuilder("<table>\n<thead><tr>");
    headers.forEach(h -> out.append("<th>").append(Html.escape(h)).append("</th>"));
    out.append("</tr></thead>\n<tbody>\n");
    for (List<String> row : rows) {
      out.append("<tr>");
      row.forEach(c -> out.append("<td>").append(Html.escape(c)).append("</td>"));
      out.append("</tr>\n");
    }
    return out.append("</tbody>\n</table>\n").toString();
  }

  private static void csvLine(StringBuilder out, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      String c = cells.get(i);
      if (i > 0) {
        out.append(',');
      }
      out.append(
          c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r")
              ? '"' + c.replace("\"", "\"\"") + '"'
              : c);
    }
    out.append("\r\n");
  }

  private static String markdownCell(String cell) {
    return cell.replace("|", "\\|").replace("\n", " ");
  }
}
