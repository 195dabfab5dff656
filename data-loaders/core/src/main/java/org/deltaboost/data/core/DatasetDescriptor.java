package org.deltaboost.data.core;

import java.util.List;

/**
 * A dataset a loader knows how to find, check and explain, for {@code deltaboost datasets}. Each
 * loader module offers its descriptors (e.g. {@code CifarDataset.descriptors()}); the harness
 * prints {@link DatasetStatus#report()} for each.
 */
public interface DatasetDescriptor {
  /**
   * @return the dataset's name and folder name, e.g. {@code "cifar-10"}
   */
  String name();

  /**
   * @return one line saying what the dataset is and what its official release is called
   */
  String description();

  /**
   * @param locator where the dataset would be looked for
   * @return the exact steps to get the dataset into the first place the locator looks at, e.g. the
   *     download address, the checksum command and where to put the file
   */
  List<String> howToGet(DataLocator locator);

  /**
   * Looks for the dataset and checks what is found: official archives against their published
   * checksums (this reads them whole), extracted files against the format's sizes. Never throws for
   * a missing or damaged dataset: that is what the status reports.
   *
   * @param locator where to look
   * @return found where, verified or not, and the steps to get it when missing
   */
  DatasetStatus status(DataLocator locator);

  /**
   * The official files {@code deltaboost datasets --download} fetches with {@link
   * OfficialFileDownloader} into the first place the locator looks at, each checked against its
   * published checksum. Empty when the dataset cannot be fetched unattended and verified: the
   * default, e.g. for ImageNet (an account is needed) and MNIST (no checksum is published); {@link
   * #howToGet} then says what to do.
   *
   * @return the files to download, in order
   */
  default List<OfficialDownload> downloads() {
    return List.of();
  }
}
