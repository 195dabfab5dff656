package org.deltaboost.data.cifar;

import java.util.ArrayList;
import java.util.List;

/**
 * The files of one CIFAR binary release: the official archive, the folder it extracts to, the data
 * files of each split in order, and the names files.
 *
 * @param archiveName the official archive, e.g. {@code cifar-10-binary.tar.gz}
 * @param archiveFolder the folder the archive holds, e.g. {@code cifar-10-batches-bin}
 * @param trainFiles the training files, in record order
 * @param testFiles the test files, in record order
 * @param fineNamesFile the names file of the (fine) labels
 * @param coarseNamesFile the names file of the coarse labels; null for a release without them
 */
record CifarRelease(
    String archiveName,
    String archiveFolder,
    List<String> trainFiles,
    List<String> testFiles,
    String fineNamesFile,
    String coarseNamesFile) {

  /** Returns whether records carry a coarse label byte before the fine one (CIFAR-100). */
  boolean hasCoarseLabels() {
    return coarseNamesFile != null;
  }

  /** Returns the data files of {@code split}, in record order. */
  List<String> files(CifarSplit split) {
    return split == CifarSplit.TRAIN ? trainFiles : testFiles;
  }

  /** Returns the data files of both splits, training first. */
  List<String> allFiles() {
    List<String> all = new ArrayList<>(trainFiles);
    all.addAll(testFiles);
    return all;
  }

  /** Returns the names files: the fine one, then the coarse one if any. */
  List<String> namesFiles() {
    return hasCoarseLabels() ? List.of(fineNamesFile, coarseNamesFile) : List.of(fineNamesFile);
  }
}
