package org.deltaboost.data.voc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deltaboost.data.core.DataLocator;
import org.deltaboost.data.core.DatasetFormatException;
import org.deltaboost.data.image.PlanarImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VocLayoutTest {
  @TempDir Path tmp;

  @Test
  void bothReleasesAreFoundInOneDataDir() throws IOException {
    Path vocRoot =
        VocFixtures.voc(tmp, List.of("2007_000032", "2007_000039"), List.of("2007_000033"));
    Path sbdRoot = VocFixtures.sbd(tmp, List.of("2008_000002"), List.of("2008_000003"));
    DataLocator locator = DataLocator.ofDataDir(tmp);
    Voc2012 voc = Voc2012.locate(locator);
    Sbd sbd = Sbd.locate(locator);
    assertEquals(vocRoot, voc.root());
    assertEquals(sbdRoot, sbd.root());

    List<SegmentationExample> train = voc.split("train");
    assertEquals(
        List.of("2007_000032", "2007_000039"),
        train.stream().map(SegmentationExample::id).toList());
    assertEquals(vocRoot.resolve("JPEGImages/2007_000032.jpg"), train.get(0).image());
    assertEquals(vocRoot.resolve("SegmentationClass/2007_000032.png"), train.get(0).mask());
    assertEquals(3, voc.split("trainval").size());

    SegmentationExample sbdExample = sbd.split("val").get(0);
    assertEquals(sbdRoot.resolve("img/2008_000003.jpg"), sbdExample.image());
    assertEquals(sbdRoot.resolve("cls/2008_000003.mat"), sbdExample.mask());

    // Each release may also be given directly.
    assertEquals(vocRoot, Voc2012.at(vocRoot).root());
    assertEquals(sbdRoot, Sbd.at(tmp.resolve("benchmark_RELEASE")).root());
  }

  @Test
  void pngAndMatMasksReadToTheSameIndices() throws IOException {
    VocFixtures.voc(tmp, List.of("2007_000032"), List.of("2007_000033"));
    VocFixtures.sbd(tmp, List.of("2007_000032"), List.of());
    PlanarImage expected = VocFixtures.mask("2007_000032", VocFixtures.HEIGHT, VocFixtures.WIDTH);
    SegmentationExample fromVoc = Voc2012.at(tmp).split("train").get(0);
    SegmentationExample fromSbd = Sbd.at(tmp).split("train").get(0);
    assertEquals(expected, SegmentationMasks.read(fromVoc.mask()));
    assertEquals(expected, SegmentationMasks.read(fromSbd.mask()));
  }

  @Test
  void aMissingFileNamedInASplitListIsReported() throws IOException {
    Path vocRoot =
        VocFixtures.voc(tmp, List.of("2007_000032", "2007_000039"), List.of("2007_000033"));
    Files.delete(vocRoot.resolve("SegmentationClass/2007_000039.png"));
    Path list = vocRoot.resolve("ImageSets/Segmentation/train.txt");
    DatasetFormatException e =
        assertThrows(DatasetFormatException.class, () -> Voc2012.at(tmp).split("train"));
    assertEquals(
        list
            + ": line 2 names 2007_000039, but "
            + vocRoot.resolve("SegmentationClass/2007_000039.png")
            + " does not exist (1 listed file(s) missing of 4)",
        e.getMessage());
  }

  @Test
  void aListCannotPointOutsideTheDataset() throws IOException {
    Path sbdRoot = VocFixtures.sbd(tmp, List.of("2008_000002"), List.of());
    Files.write(sbdRoot.resolve("train.txt"), List.of("2008_000002", "../../etc/passwd"));
    DatasetFormatException e =
        assertThrows(DatasetFormatException.class, () -> Sbd.at(tmp).split("train"));
    assertEquals(
        sbdRoot.resolve("train.txt")
            + ": line 2: expected an image id such as 2007_000032, found ../../etc/passwd",
        e.getMessage());
  }

  @Test
  void aMissingListAndAMissingReleaseAreNamed() throws IOException {
    Path vocRoot = VocFixtures.voc(tmp, List.of("2007_000032"), List.of("2007_000033"));
    Files.delete(vocRoot.resolve("ImageSets/Segmentation/val.txt"));
    DatasetFormatException e =
        assertThrows(DatasetFormatException.class, () -> Voc2012.at(tmp).split("val"));
    assertEquals(
        vocRoot.resolve("ImageSets/Segmentation/val.txt") + ": no such split list", e.getMessage());
    DatasetFormatException notFound =
        assertThrows(DatasetFormatException.class, () -> Sbd.locate(DataLocator.ofDataDir(tmp)));
    assertTrue(notFound.getMessage().startsWith("dataset 'sbd' not found"), notFound.getMessage());
  }

  @Test
  void maskValuesOutsideTheClassesAreNamed() throws IOException {
    Path png = tmp.resolve("bad.png");
    org.deltaboost.data.image.ImageFileWriter.writeIndexedPng(
        PlanarImage.of(1, 2, 2, new byte[] {0, 20, (byte) 255, 21}), png, VocClasses.palette());
    assertEquals(
        png + ": class at x=1, y=1: expected 0..20 or 255 (void), found 21",
        assertThrows(DatasetFormatException.class, () -> SegmentationMasks.read(png)).getMessage());
    Path mat = tmp.resolve("bad.mat");
    VocFixtures.writeGtCls(mat, PlanarImage.of(1, 1, 3, new byte[] {1, (byte) 254, 2}));
    assertEquals(
        mat + ": class at x=1, y=0: expected 0..20 or 255 (void), found 254",
        assertThrows(DatasetFormatException.class, () -> SegmentationMasks.read(mat)).getMessage());
  }

  @Test
  void thePaletteIsTheDevkits() {
    int[] palette = VocClasses.palette();
    assertEquals(0x000000, palette[0]);
    assertEquals(0x800000, palette[1]); // aeroplane
    assertEquals(0x008000, palette[2]); // bicycle
    assertEquals(0xC08080, palette[15]); // person
    assertEquals(0x004080, palette[20]); // tvmonitor (0, 64, 128)
    assertEquals(0xE0E0C0, palette[255]); // void
  }
}
