/**
 * ImageNet 2012 (ILSVRC2012): the extracted train/val folders and the devkit's {@code meta.mat},
 * and a streaming DJL dataset with the usual resize/crop/flip.
 */
module org.deltaboost.data.imagenet {
  requires transitive org.deltaboost.data.image;
  requires us.hebi.matlab.mat.mfl.core;
  // The MAT-file library is an automatic module: it reads every module in the graph but declares
  // no requires of its own, so the sun.misc.Unsafe it uses (module jdk.unsupported) is resolved
  // only when a named module requires it. Requiring it here puts it in the graph wherever this
  // module runs (the deltaboost launcher, java -m, a user's own module path).
  requires jdk.unsupported;

  exports org.deltaboost.data.imagenet;
}
