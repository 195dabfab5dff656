/**
 * The harness as a library: training runs on real data with the paper's output strategies, run
 * records, grids of runs (one engine for compare and tune), tuning, gradient probes, metrics, and
 * the catalog of datasets and models. The {@code deltaboost} command ({@code
 * org.deltaboost.harness.cli}) is a thin layer over it.
 */
module org.deltaboost.harness {
  requires transitive org.deltaboost.records;
  requires transitive org.deltaboost.strategies;
  requires transitive org.deltaboost.architectures;
  requires transitive org.deltaboost.data.core;
  requires org.deltaboost.data.idx;
  requires org.deltaboost.data.cifar;
  requires org.deltaboost.data.voc;
  requires org.deltaboost.data.imagenet;
  requires org.deltaboost.evaluation;
  requires transitive org.deltaboost.data.image;
  requires transitive ai.djl.api;
  requires ai.djl.pytorch_engine; // the profiler behind --trace-steps
  requires transitive com.fasterxml.jackson.databind;
  requires transitive micrometer.core;
  requires transitive micrometer.registry.prometheus;
  requires jdk.httpserver;
  requires java.management; // GPU memory (EngineFacts)

  exports org.deltaboost.harness.catalog;
  exports org.deltaboost.harness.experiments;
  exports org.deltaboost.harness.grid;
  exports org.deltaboost.harness.metrics;
  exports org.deltaboost.harness.mkl;
  exports org.deltaboost.harness.runs;
  exports org.deltaboost.harness.train;
  exports org.deltaboost.harness.train.checkpoint;
  exports org.deltaboost.harness.train.config;
  exports org.deltaboost.harness.train.optim;
  exports org.deltaboost.harness.train.probes;
  exports org.deltaboost.harness.train.samples;
  exports org.deltaboost.harness.tuning;

  opens org.deltaboost.harness.train to
      com.fasterxml.jackson.databind;
  opens org.deltaboost.harness.runs to
      com.fasterxml.jackson.databind;
  opens org.deltaboost.harness.experiments to
      com.fasterxml.jackson.databind;
  opens org.deltaboost.harness.tuning to
      com.fasterxml.jackson.databind;
}
