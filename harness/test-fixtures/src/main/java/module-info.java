/**
 * Test fixtures the harness library's and the CLI's tests share: every dataset written in its
 * official layout, and a Prometheus scrape with a parser of its text format.
 */
module org.deltaboost.harness.fixtures {
  requires org.deltaboost.data.cifar;
  requires org.deltaboost.data.image;
  requires org.deltaboost.data.voc;
  requires org.apache.commons.compress;

  exports org.deltaboost.harness.fixtures;
}
