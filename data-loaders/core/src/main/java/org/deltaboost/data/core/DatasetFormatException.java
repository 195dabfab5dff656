package org.deltaboost.data.core;

import java.io.IOException;

/**
 * The one failure of the data loaders: a dataset that is missing, malformed or inconsistent.
 * Messages name the file (or resource), the field and what was expected against what was found.
 */
public class DatasetFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message names the file, the field, the expected and the found value
   */
  public DatasetFormatException(String message) {
    super(message);
  }

  /**
   * @param message names the file, the field, the expected and the found value
   * @param cause the lower-level failure (a corrupt gzip stream, for example)
   */
  public DatasetFormatException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * The standard message shape {@code "<source>: <field>: expected <expected>, found <found>"}.
   *
   * @param source the file or resource read
   * @param field the header field or part of the data that is wrong
   * @param expected what the format requires
   * @param found what the file holds
   * @return the exception, to be thrown by the caller
   */
  public static DatasetFormatException mismatch(
      String source, String field, String expected, Object found) {
    return new DatasetFormatException(
        source + ": " + field + ": expected " + expected + ", found " + found);
  }
}
