/**
 * The record types of a run folder ({@code epochs.jsonl}, {@code result.json}) and of a grid's
 * {@code summary.json}, with their one JSON reader and writer ({@code RunRecordJson}). The harness
 * writes these files with them and the reports read them with them.
 */
module org.deltaboost.records {
  requires transitive com.fasterxml.jackson.databind;

  exports org.deltaboost.records;

  opens org.deltaboost.records to
      com.fasterxml.jackson.databind;
}
