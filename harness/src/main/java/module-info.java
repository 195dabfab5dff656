/**
 * The {@code deltaboost} command: trains networks with the paper's output strategies on real data,
 * prints progress, and writes run records.
 */
module org.deltaboost.harness {
  requires transitive org.deltaboost.strategies;
  requires org.deltaboost.architectures;
  requires transitive org.deltaboost.data.core;
  requires org.deltaboost.data.idx;
  requires org.deltaboost.data.cifar;
  requires org.deltaboost.data.voc;
  requires org.deltaboost.data.imagenet;
  requires transitive org.deltaboost.onnx;
  requires transitive org.deltaboost.data.image;
  requires org.deltaboost.reports;
  requires transitive ai.djl.api;
  requires ai.djl.pytorch_engine; // the profiler behind --trace-steps
  requires info.picocli;
  requires transitive com.fasterxml.jackson.databind;
  requires transitive micrometer.core;
  requires transitive micrometer.registry.prometheus;
  requires jdk.httpserver;

  exports org.deltaboost.harness.train;
  exports org.deltaboost.harness.runs;
  exports org.deltaboost.harness.experiments;
  exports org.deltaboost.harness.metrics;
  exports org.deltaboost.harness.tuning;

  opens org.deltaboost.harness.cli to
      info.picocli,
      com.fasterxml.jackson.databind;
  opens org.deltaboost.harness.train to
      com.fasterxml.jackson.databind;
  opens org.deltaboost.harness.runs to
      com.fasterxml.jackson.databind;
  opens org.deltaboost.harness.experiments to
      com.fasterxml.jackson.databind;
  opens org.deltaboost.harness.tuning to
      com.fasterxml.jackson.databind;
}
