/** The networks of the paper's experiments as DJL blocks; the last layer is always linear. */
module org.deltaboost.architectures {
  requires transitive ai.djl.api;

  exports org.deltaboost.architectures;
}
