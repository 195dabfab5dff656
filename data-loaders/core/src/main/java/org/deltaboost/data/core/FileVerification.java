package org.deltaboost.data.core;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What checking a file against its {@link OfficialFile} description found.
 *
 * @param file the file checked
 * @param outcome verified, mismatched or unchecked
 * @param detail what matched, or the field with the expected and found value
 */
public record FileVerification(Path file, Outcome outcome, String detail) {
  /** The three results of a check. */
  public enum Outcome {
    /** Size and every published checksum match. */
    VERIFIED,
    /** The size or a checksum differs: the file is damaged or another file. */
    MISMATCH,
    /** Nothing published to check against (e.g. files extracted from a verified archive). */
    UNCHECKED
  }

  /** Checks that all fields are present. */
  public FileVerification {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(detail, "detail");
  }
}
