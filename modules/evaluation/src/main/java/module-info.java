/**
 * Evaluation metrics on a network's scores, independent of any dataset: top-k error (a DJL
 * evaluator) and the segmentation confusion matrix with per-class IoU.
 */
module org.deltaboost.evaluation {
  requires transitive ai.djl.api;

  exports org.deltaboost.evaluation;
}
