package org.deltaboost.onnx;

/**
 * The one failure of this module: a network that cannot be exported (naming the layer), an ONNX
 * file that cannot be loaded or is not what we expect (naming the file and field), an input of the
 * wrong rank, shape or type (naming what was expected and what was found), or a parity check that
 * failed (naming the measured numbers and the thresholds).
 */
public class OnnxException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * @param message names the layer, file or field, what was expected and what was found
   */
  public OnnxException(String message) {
    super(message);
  }

  /**
   * @param message names the layer, file or field, what was expected and what was found
   * @param cause the lower-level failure (an I/O error, an ONNX Runtime error)
   */
  public OnnxException(String message, Throwable cause) {
    super(message, cause);
  }
}
