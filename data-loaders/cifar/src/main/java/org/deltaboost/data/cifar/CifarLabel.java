package org.deltaboost.data.cifar;

/**
 * Which label of a record becomes the class. CIFAR-100 records carry two: a coarse label (one of 20
 * superclasses) then a fine one (one of 100 classes); CIFAR-10 records carry one, read as {@link
 * #FINE}.
 */
public enum CifarLabel {
  /** CIFAR-10's only label; CIFAR-100's 100 classes. */
  FINE,
  /** CIFAR-100's 20 superclasses; CIFAR-10 has none. */
  COARSE
}
