/**
 * Image files for the JPEG/PNG datasets (ImageNet, PASCAL VOC): decoding that survives real-world
 * quirks, resampling, and a DJL dataset that decodes on demand on a bounded worker pool.
 */
module org.deltaboost.data.image {
  requires transitive org.deltaboost.data.core;
  requires java.desktop;

  exports org.deltaboost.data.image;
}
