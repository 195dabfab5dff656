/**
 * Image files for the JPEG/PNG datasets (ImageNet, PASCAL VOC): decoding that survives real-world
 * quirks (libjpeg-turbo where installed, else ImageIO), resampling, and a DJL dataset that decodes
 * on demand on a bounded worker pool.
 */
module org.deltaboost.data.image {
  requires transitive org.deltaboost.data.core;
  requires java.desktop;
  requires com.sun.jna; // libjpeg-turbo's TurboJPEG API, where libturbojpeg is installed

  exports org.deltaboost.data.image;
}
