package org.deltaboost.data.voc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.deltaboost.data.core.DatasetFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentationSplitsTest {
  @TempDir Path tmp;

  private static List<String> ids(List<SegmentationExample> examples) {
    return examples.stream().map(SegmentationExample::id).toList();
  }

  @Test
  void augmentedTrainIsSbdAndVocTrainWithoutVocVal() throws DatasetFormatException {
    // VOC train {a, b}, val {c, d}; SBD train {b, c, e}, val {f, d}.
    // (SBD train ∪ SBD val ∪ VOC train) − VOC val = {a, b, e, f}; a and b carry VOC's PNG masks.
    VocFixtures.voc(tmp, List.of("2007_000a", "2007_000b"), List.of("2007_000c", "2007_000d"));
    VocFixtures.sbd(
        tmp, List.of("2007_000b", "2007_000c", "2008_000e"), List.of("2008_000f", "2007_000d"));
    List<SegmentationExample> train =
        SegmentationSplits.augmentedTrain(Voc2012.at(tmp), Sbd.at(tmp));
    assertEquals(List.of("2007_000a", "2007_000b", "2008_000e", "2008_000f"), ids(train));
    assertTrue(train.get(0).mask().toString().endsWith("SegmentationClass/2007_000a.png"));
    assertTrue(train.get(1).mask().toString().endsWith("SegmentationClass/2007_000b.png"));
    assertTrue(train.get(2).mask().toString().endsWith("cls/2008_000e.mat"));
    assertTrue(train.get(3).mask().toString().endsWith("cls/2008_000f.mat"));
  }

  @Test
  void holdOutSplitsDisjointlyInListOrderAndReproducibly() {
    List<SegmentationExample> all = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      String id = String.format("2008_%06d", i);
      all.add(new SegmentationExample(id, tmp.resolve(id + ".jpg"), tmp.resolve(id + ".mat")));
    }
    SegmentationSplits.Partition partition = SegmentationSplits.holdOut(all, 10, 5);
    assertEquals(20, partition.train().size());
    assertEquals(10, partition.heldOut().size());
    Set<String> union = new HashSet<>(ids(partition.train()));
    union.addAll(ids(partition.heldOut()));
    assertEquals(30, union.size());
    List<String> sortedHeldOut = new ArrayList<>(ids(partition.heldOut()));
    sortedHeldOut.sort(null);
    assertEquals(sortedHeldOut, ids(partition.heldOut()));
    assertEquals(partition, SegmentationSplits.holdOut(all, 10, 5));
    assertTrue(!partition.equals(SegmentationSplits.holdOut(all, 10, 6)));
    assertEquals(0, SegmentationSplits.holdOut(all, 0, 5).heldOut().size());
  }
}
