/**
 * PASCAL VOC 2012 segmentation and the SBD extra labels (Hariharan et al.): the official folder
 * layouts, streaming DJL datasets with joint image/mask augmentation, and per-class IoU.
 */
module org.deltaboost.data.voc {
  requires transitive org.deltaboost.data.image;
  requires us.hebi.matlab.mat.mfl.core;

  exports org.deltaboost.data.voc;
}
