package org.deltaboost.records;

/**
 * A run record file that is missing, unreadable or malformed; the message names the file (and line)
 * and the field, the value found and what was expected.
 */
public class RunRecordException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RunRecordException(String message) {
    super(message);
  }

  public RunRecordException(String message, Throwable cause) {
    super(message, cause);
  }
}
