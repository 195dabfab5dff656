/**
 * ImageNet 2012 (ILSVRC2012): the extracted train/val folders and the devkit's {@code meta.mat},
 * and a streaming DJL dataset with the usual resize/crop/flip.
 */
module org.deltaboost.data.imagenet {
  requires transitive org.deltaboost.data.image;
  requires transitive org.deltaboost.data.mat;

  exports org.deltaboost.data.imagenet;
}
