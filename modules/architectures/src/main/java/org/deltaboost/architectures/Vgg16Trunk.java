package org.deltaboost.architectures;

import java.nio.file.Path;
import java.util.List;

/**
 * A network built on VGG-16's convolutional trunk, conv1_1 … conv5_3 (with fc6 and fc7 as
 * convolutions), that can start from torchvision's ImageNet-pretrained {@code vgg16} weights.
 * {@link PixelNetBlock} is the one here.
 */
public interface Vgg16Trunk {

  /**
   * Loads torchvision's {@code vgg16} tensors from a safetensors file into this initialized
   * network's trunk.
   *
   * @param file a safetensors file with torchvision's tensor names
   * @return the names of the tensors loaded, in loading order
   * @throws WeightFileException when the file is malformed or a tensor is missing, does not fit or
   *     holds non-finite values
   * @throws IllegalStateException when the network is not initialized yet
   */
  List<String> loadTorchvisionVgg16(Path file) throws WeightFileException;
}
