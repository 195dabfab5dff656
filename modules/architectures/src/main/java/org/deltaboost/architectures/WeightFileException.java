package org.deltaboost.architectures;

import java.io.IOException;

/**
 * The one failure of this module's file handling: a weight file that is missing, malformed, or does
 * not fit the network it is loaded into. Messages name the file, the field or tensor, and what was
 * expected against what was found.
 */
public class WeightFileException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message names the file, the field or tensor, the expected and the found value
   */
  public WeightFileException(String message) {
    super(message);
  }

  /**
   * @param message names the file, the field or tensor, the expected and the found value
   * @param cause the lower-level failure (an I/O or JSON error, for example)
   */
  public WeightFileException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * The standard message shape {@code "<source>: <field>: expected <expected>, found <found>"}.
   *
   * @param source the file read
   * @param field the header field or tensor that is wrong
   * @param expected what the format or network requires
   * @param found what the file holds
   * @return the exception, to be thrown by the caller
   */
  public static WeightFileException mismatch(
      Object source, String field, String expected, Object found) {
    return new WeightFileException(
        source + ": " + field + ": expected " + expected + ", found " + found);
  }
}
