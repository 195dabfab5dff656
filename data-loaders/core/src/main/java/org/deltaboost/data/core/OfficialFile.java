package org.deltaboost.data.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;

/**
 * One file of an official dataset release as its publisher describes it: name, size in bytes (when
 * known) and published checksums. A file is verified when its size matches and every published
 * digest matches; the digests are computed together in one pass over the file.
 *
 * @param name the file's name as published, e.g. {@code "cifar-10-binary.tar.gz"}
 * @param size the file's size in bytes, or {@code -1} when not published
 * @param checksums the published digests, possibly none
 */
public record OfficialFile(String name, long size, List<Checksum> checksums) {
  private static final int BUFFER_SIZE = 1 << 20;

  /**
   * Checks and copies the fields.
   *
   * @throws IllegalArgumentException for a blank name or a size below {@code -1}
   */
  public OfficialFile {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("official file name: expected a name, found " + name);
    }
    if (size < -1) {
      throw new IllegalArgumentException(
          name + ": size: expected a byte count or -1 for unknown, found " + size);
    }
    checksums = List.copyOf(checksums);
  }

  /**
   * @return the published size, if any
   */
  public OptionalLong knownSize() {
    return size < 0 ? OptionalLong.empty() : OptionalLong.of(size);
  }

  /**
   * Compares a file on disk with this description. A size mismatch is reported without reading the
   * file.
   *
   * @param file the file to check (its own name may differ from {@link #name()})
   * @return the outcome: verified, mismatched (naming the expected and found value) or unchecked
   *     when nothing is published to check against
   * @throws IOException if the file cannot be read
   */
  public FileVerification verify(Path file) throws IOException {
    long found = Files.size(file);
    if (size >= 0 && found != size) {
      return new FileVerification(
          file,
          FileVerification.Outcome.MISMATCH,
          "size: expected " + size + " bytes (official " + name + "), found " + found);
    }
    if (checksums.isEmpty()) {
      return new FileVerification(
          file,
          FileVerification.Outcome.UNCHECKED,
          "no published checksum for " + name + (size >= 0 ? "; size matches" : ""));
    }
    List<String> digests = digest(file);
    List<String> matched = new ArrayList<>();
    for (int i = 0; i < checksums.size(); i++) {
      Checksum expected = checksums.get(i);
      String actual = digests.get(i);
      if (!expected.hex().equals(actual)) {
        return new FileVerification(
            file,
            FileVerification.Outcome.MISMATCH,
            expected.algorithm().id()
                + ": expected "
                + expected.hex()
                + " (official "
                + name
                + "), found "
                + actual);
      }
      matched.add(expected.toString());
    }
    return new FileVerification(
        file,
        FileVerification.Outcome.VERIFIED,
        String.join(", ", matched) + " matches the official " + name);
  }

  /**
   * Like {@link #verify(Path)}, failing on a mismatch.
   *
   * @param file the file to check
   * @return the outcome, verified or unchecked
   * @throws DatasetFormatException {@code "<file>: <field>: expected …, found …"} on a mismatch
   * @throws IOException if the file cannot be read
   */
  public FileVerification requireValid(Path file) throws IOException {
    FileVerification verification = verify(file);
    if (verification.outcome() == FileVerification.Outcome.MISMATCH) {
      throw new DatasetFormatException(
          file
              + ": "
              + verification.detail()
              + " — the file is damaged or not the official release; download it again");
    }
    return verification;
  }

  private List<String> digest(Path file) throws IOException {
    List<MessageDigest> digests = new ArrayList<>();
    for (Checksum checksum : checksums) {
      try {
        digests.add(MessageDigest.getInstance(checksum.algorithm().javaName()));
      } catch (NoSuchAlgorithmException e) {
        // Every Java platform must implement MD5 and SHA-256 (MessageDigest's Javadoc).
        throw new IllegalStateException(checksum.algorithm().javaName() + " is unavailable", e);
      }
    }
    byte[] buffer = new byte[BUFFER_SIZE];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        for (MessageDigest digest : digests) {
          digest.update(buffer, 0, n);
        }
      }
    }
    List<String> hex = new ArrayList<>();
    for (MessageDigest digest : digests) {
      hex.add(HexFormat.of().formatHex(digest.digest()));
    }
    return hex;
  }

  @Override
  public String toString() {
    return name + (size >= 0 ? " (" + size + " bytes)" : "") + " " + checksums;
  }
}
