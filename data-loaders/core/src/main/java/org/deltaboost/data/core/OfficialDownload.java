package org.deltaboost.data.core;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * An official file and the address it is published at, for {@link OfficialFileDownloader}. Only a
 * file with at least one published checksum can be downloaded: a download is always verified before
 * it is kept.
 *
 * @param uri where the file is published ({@code http} or {@code https})
 * @param file its name, size (when known) and published checksums
 */
public record OfficialDownload(URI uri, OfficialFile file) {
  /**
   * Checks the address and that a checksum is published.
   *
   * @throws IllegalArgumentException for an address that is not {@code http(s)}, or a file without
   *     a published checksum
   */
  public OfficialDownload {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(file, "file");
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException(
          file.name() + ": download address: expected an http(s) URL, found " + uri);
    }
    if (file.checksums().isEmpty()) {
      throw new IllegalArgumentException(
          file.name()
              + ": checksums: expected at least one published checksum (downloads are always"
              + " verified), found none");
    }
  }

  /**
   * @param base a mirror holding the file under its official name, e.g. {@code
   *     http://mirror.local/cifar/}
   * @return the same file fetched from {@code base/<name>}, still checked against the published
   *     checksums
   */
  public OfficialDownload fromMirror(URI base) {
    String text = base.toString();
    URI folder = URI.create(text.endsWith("/") ? text : text + "/");
    return new OfficialDownload(folder.resolve(file.name()), file);
  }
}
