/**
 * The {@code deltaboost} command: picocli commands that parse their arguments, call the harness
 * library ({@code org.deltaboost.harness}) and print.
 */
module org.deltaboost.harness.cli {
  requires org.deltaboost.harness;
  requires org.deltaboost.data.cifar;
  requires org.deltaboost.data.idx;
  requires org.deltaboost.data.imagenet;
  requires org.deltaboost.data.voc;
  requires org.deltaboost.evaluation;
  requires org.deltaboost.onnx;
  requires org.deltaboost.reports;
  requires ai.djl.pytorch_engine;
  requires info.picocli;
  requires java.management; // doctor: the JVM options

  opens org.deltaboost.harness.cli to
      info.picocli,
      com.fasterxml.jackson.databind;
}
