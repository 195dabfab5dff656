/**
 * The dataset API shared by the data loaders: labelled image sets, their DJL adapter, locating
 * dataset folders.
 */
module org.deltaboost.data.core {
  requires transitive ai.djl.api;

  exports org.deltaboost.data.core;
}
