/**
 * The networks of the paper's experiments as DJL blocks (MLP, CNN-5, All-Conv-10, AlexNet-BN,
 * PixelNet); the last layer is always linear. Also reads safetensors weight files.
 */
module org.deltaboost.architectures {
  requires transitive ai.djl.api;
  requires com.fasterxml.jackson.databind;

  exports org.deltaboost.architectures;
}
