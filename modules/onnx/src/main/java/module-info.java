/**
 * A trained DJL block and its parameters as an ONNX file, post-hoc temperature scaling, inference
 * with ONNX Runtime Java, and the parity check between the two.
 */
module org.deltaboost.onnx {
  requires transitive ai.djl.api;
  requires transitive org.deltaboost.data.core; // the input normalization in ExportMetadata
  requires org.tribuo.util.onnx;
  requires com.google.protobuf;
  requires com.microsoft.onnxruntime;
  requires org.deltaboost.architectures; // PixelNet's dense graph is written from its layers

  exports org.deltaboost.onnx;
}
