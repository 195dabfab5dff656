/** IDX files of the MNIST family (MNIST, Fashion-MNIST), and an embedded Fashion-MNIST test set. */
module org.deltaboost.data.idx {
  requires transitive org.deltaboost.data.core;

  exports org.deltaboost.data.idx;
}
