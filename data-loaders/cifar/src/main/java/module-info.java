/**
 * CIFAR-10 and CIFAR-100 (binary versions) read from the extracted folder or straight from the
 * official {@code .tar.gz}, and the usual CIFAR training augmentation as DJL transforms.
 */
module org.deltaboost.data.cifar {
  requires transitive org.deltaboost.data.core;
  requires org.apache.commons.compress;

  exports org.deltaboost.data.cifar;
}
