/**
 * PASCAL VOC 2012 segmentation and the SBD extra labels (Hariharan et al.): the official folder
 * layouts and streaming DJL datasets with joint image/mask augmentation.
 */
module org.deltaboost.data.voc {
  requires transitive org.deltaboost.data.image;
  requires transitive org.deltaboost.data.mat;

  exports org.deltaboost.data.voc;
}
