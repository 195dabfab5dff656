package org.deltaboost.data.voc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.deltaboost.data.core.DatasetFormatException;
import org.deltaboost.data.core.RandomSplit;

/**
 * The training and validation lists used with VOC 2012 + SBD.
 *
 * <ul>
 *   <li>{@link #augmentedTrain}: the usual augmented training set ("train_aug", 10,582 images with
 *       the full releases) = (SBD train ∪ SBD val ∪ VOC train) − VOC val, sorted by id; an image in
 *       VOC train keeps VOC's PNG mask, any other takes SBD's MAT mask.
 *   <li>{@link #holdOut}: a small validation list drawn from a training list (the paper held out
 *       100 of SBD train's 8498 images).
 * </ul>
 */
public final class SegmentationSplits {
  /** A list cut in two disjoint parts. */
  public record Partition(List<SegmentationExample> train, List<SegmentationExample> heldOut) {
    /** Copies both lists. */
    public Partition {
      train = List.copyOf(train);
      heldOut = List.copyOf(heldOut);
    }
  }

  private SegmentationSplits() {}

  /**
   * @param voc VOC 2012 (its {@code train} and {@code val} lists are read)
   * @param sbd SBD (its {@code train} and {@code val} lists are read)
   * @return (SBD train ∪ SBD val ∪ VOC train) − VOC val, sorted by id
   * @throws DatasetFormatException if a list is missing or malformed, or names a missing file
   */
  public static List<SegmentationExample> augmentedTrain(Voc2012 voc, Sbd sbd)
      throws DatasetFormatException {
    Set<String> vocVal = new HashSet<>();
    for (SegmentationExample e : voc.split("val")) {
      vocVal.add(e.id());
    }
    Map<String, SegmentationExample> byId = new LinkedHashMap<>();
    for (String split : Sbd.SPLITS) {
      for (SegmentationExample e : sbd.split(split)) {
        byId.put(e.id(), e);
      }
    }
    for (SegmentationExample e : voc.split("train")) {
      byId.put(e.id(), e); // VOC's own annotation wins where both exist
    }
    List<SegmentationExample> out = new ArrayList<>();
    for (SegmentationExample e : byId.values()) {
      if (!vocVal.contains(e.id())) {
        out.add(e);
      }
    }
    out.sort(Comparator.comparing(SegmentationExample::id));
    return List.copyOf(out);
  }

  /**
   * Holds out {@code count} examples chosen by a shuffle seeded with {@code seed} ({@link
   * java.util.Random}, the same on every JVM); both parts keep the list's order.
   *
   * @param examples a training list
   * @param count how many to hold out, in {@code [0, examples.size()]}
   * @param seed the shuffle's seed
   * @return the rest and the held-out examples
   */
  public static Partition holdOut(List<SegmentationExample> examples, int count, long seed) {
    Objects.checkFromToIndex(0, count, examples.size());
    int n = examples.size();
    boolean[] held = new boolean[n];
    for (int i : RandomSplit.of(n, count, seed).first()) {
      held[i] = true;
    }
    List<SegmentationExample> train = new ArrayList<>(n - count);
    List<SegmentationExample> heldOut = new ArrayList<>(count);
    for (int i = 0; i < n; i++) {
      (held[i] ? heldOut : train).add(examples.get(i));
    }
    return new Partition(train, heldOut);
  }
}
