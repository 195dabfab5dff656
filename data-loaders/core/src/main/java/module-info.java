/**
 * The dataset API shared by the data loaders: labelled image sets, their DJL adapter, locating
 * dataset folders, checking official files against published checksums, downloading them
 * (checksum-verified), and reporting a dataset's status.
 */
module org.deltaboost.data.core {
  requires transitive ai.djl.api;
  requires java.net.http;

  exports org.deltaboost.data.core;
}
