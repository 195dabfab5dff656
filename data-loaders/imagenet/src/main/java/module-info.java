/**
 * ImageNet 2012 (ILSVRC2012): the extracted train/val folders and the devkit's {@code meta.mat},
 * a streaming DJL dataset with the usual resize/crop/flip, and top-k error evaluators.
 */
module org.deltaboost.data.imagenet {
  requires transitive org.deltaboost.data.image;
  requires us.hebi.matlab.mat.mfl.core;

  exports org.deltaboost.data.imagenet;
}
