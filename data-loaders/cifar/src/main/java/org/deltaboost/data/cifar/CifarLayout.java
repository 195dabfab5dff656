package org.deltaboost.data.cifar;

import java.util.Objects;
import org.deltaboost.data.core.OfficialFile;

/**
 * How many records each file of a split holds, and the official archive to verify against. The
 * loaders use the official layout; tests use small ones so their files stay small.
 *
 * @param trainRecordsPerFile records in each training file (10,000 per CIFAR-10 batch, 50,000 in
 *     CIFAR-100's train.bin)
 * @param testRecordsPerFile records in each test file (10,000)
 * @param archive the official archive's name, size and checksums
 */
record CifarLayout(int trainRecordsPerFile, int testRecordsPerFile, OfficialFile archive) {
  CifarLayout {
    if (trainRecordsPerFile <= 0 || testRecordsPerFile <= 0) {
      throw new IllegalArgumentException(
          "records per file: expected positive counts, found "
              + trainRecordsPerFile
              + " and "
              + testRecordsPerFile);
    }
    Objects.requireNonNull(archive, "archive");
  }

  int recordsPerFile(CifarSplit split) {
    return split == CifarSplit.TRAIN ? trainRecordsPerFile : testRecordsPerFile;
  }
}
