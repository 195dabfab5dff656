package org.deltaboost.data.core;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A published digest of a file: the algorithm and the lower-case hex digest, written {@code
 * "md5:c32a1d4ab5d03f1284b67883e8d87530"} or {@code "sha256:…"} in data files.
 *
 * @param algorithm the digest algorithm
 * @param hex the digest, lower-case hexadecimal of the algorithm's length
 */
public record Checksum(Algorithm algorithm, String hex) {
  private static final Pattern HEX = Pattern.compile("[0-9a-f]+");

  /** The digest algorithms official releases publish. */
  public enum Algorithm {
    /** MD5, 128 bits; what CIFAR and ImageNet publish. */
    MD5("md5", "MD5", 32),
    /** SHA-256, 256 bits. */
    SHA_256("sha256", "SHA-256", 64);

    private final String id;
    private final String javaName;
    private final int hexLength;

    Algorithm(String id, String javaName, int hexLength) {
      this.id = id;
      this.javaName = javaName;
      this.hexLength = hexLength;
    }

    /**
     * @return the name in data files and of the coreutils tool without {@code sum}: {@code md5},
     *     {@code sha256}
     */
    public String id() {
      return id;
    }

    /**
     * @return the name {@link java.security.MessageDigest} knows it by
     */
    public String javaName() {
      return javaName;
    }

    /**
     * @return the digest's length in hex digits
     */
    public int hexLength() {
      return hexLength;
    }

    /**
     * @param id {@code md5} or {@code sha256} (any case; {@code sha-256} too)
     * @return the algorithm
     * @throws IllegalArgumentException for any other name
     */
    public static Algorithm of(String id) {
      String key = id.toLowerCase(Locale.ROOT).replace("-", "");
      for (Algorithm algorithm : values()) {
        if (algorithm.id.equals(key)) {
          return algorithm;
        }
      }
      throw new IllegalArgumentException(
          "checksum algorithm: expected md5 or sha256, found \"" + id + "\"");
    }
  }

  /**
   * Checks the digest's form; upper-case hex is accepted and stored lower-case.
   *
   * @throws IllegalArgumentException if the digest is not hex of the algorithm's length
   */
  public Checksum {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(hex, "hex");
    hex = hex.toLowerCase(Locale.ROOT);
    if (hex.length() != algorithm.hexLength() || !HEX.matcher(hex).matches()) {
      throw new IllegalArgumentException(
          algorithm.id()
              + " checksum: expected "
              + algorithm.hexLength()
              + " hex digits, found \""
              + hex
              + "\"");
    }
  }

  /**
   * @param text {@code "<algorithm>:<hex>"}, e.g. {@code "md5:c32a1d4ab5d03f1284b67883e8d87530"}
   * @return the checksum
   * @throws IllegalArgumentException if the text is not of that form
   */
  public static Checksum parse(String text) {
    int colon = text.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(
          "checksum: expected <algorithm>:<hex>, e.g. md5:0123…, found \"" + text + "\"");
    }
    return new Checksum(Algorithm.of(text.substring(0, colon)), text.substring(colon + 1));
  }

  /**
   * @param fileName the file's name in the current folder
   * @return a shell command that checks the file with coreutils, e.g. {@code echo 'c32a…
   *     cifar-10-binary.tar.gz' | md5sum -c}
   */
  public String checkCommand(String fileName) {
    return "echo '" + hex + "  " + fileName + "' | " + algorithm.id() + "sum -c";
  }

  /**
   * @return {@code "<algorithm>:<hex>"}, the form {@link #parse(String)} reads
   */
  @Override
  public String toString() {
    return algorithm.id() + ":" + hex;
  }
}
