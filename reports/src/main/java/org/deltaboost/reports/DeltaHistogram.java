package org.deltaboost.reports;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@code epochs.jsonl} {@code deltaHistogram} (paper Fig 2): the output deltas of the epoch's
 * first batch counted into bins; bin {@code i} is {@code [edges[i], edges[i+1])}, the last one
 * closed. Checked on reading: {@code edges} ascending with one more entry than {@code counts},
 * counts non-negative and summing to {@code values}.
 */
public record DeltaHistogram(int epoch, long values, List<Double> edges, List<Long> counts) {
  public DeltaHistogram {
    edges = List.copyOf(edges);
    counts = List.copyOf(counts);
  }

  static DeltaHistogram read(JsonNode node, String where) {
    String at = where + " deltaHistogram";
    int epoch = (int) JsonFields.integer(node, "epoch", at);
    long values = JsonFields.integer(node, "values", at);
    List<Double> edges = new ArrayList<>();
    for (JsonNode e : JsonFields.array(node, "edges", at)) {
      if (!e.isNumber()) {
        throw new ReportException(at + ": field 'edges' holds " + e + ", expected numbers");
      }
      edges.add(e.asDouble());
    }
    List<Long> counts = new ArrayList<>();
    long sum = 0;
    for (JsonNode c : JsonFields.array(node, "counts", at)) {
      if (!c.canConvertToLong() || !c.isIntegralNumber() || c.asLong() < 0) {
        throw new ReportException(
            at + ": field 'counts' holds " + c + ", expected non-negative integers");
      }
      counts.add(c.asLong());
      sum += c.asLong();
    }
    if (counts.isEmpty() || edges.size() != counts.size() + 1) {
      throw new ReportException(
          at
              + ": "
              + edges.size()
              + " edges for "
              + counts.size()
              + " counts, expected one more edge than counts and at least one bin");
    }
    for (int i = 1; i < edges.size(); i++) {
      if (!(edges.get(i) > edges.get(i - 1))) {
        throw new ReportException(
            at + ": field 'edges' is not ascending at index " + i + ": " + edges);
      }
    }
    if (sum != values) {
      throw new ReportException(at + ": counts sum to " + sum + ", field 'values' is " + values);
    }
    return new DeltaHistogram(epoch, values, edges, counts);
  }
}
