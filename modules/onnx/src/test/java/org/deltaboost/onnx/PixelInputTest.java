package org.deltaboost.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.onnx.proto.OnnxMl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deltaboost.architectures.Mlp;
import org.deltaboost.data.core.ImageClassificationSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One network exported in both input forms: the pixel form takes the dataset's bytes and gives the
 * float form's logits on the same images divided by 255; each form refuses the other's input in one
 * line; a file whose metadata contradicts its input type does not load; the documentation fields
 * say what to feed in words.
 */
class PixelInputTest {

  @TempDir static Path dir;
  private static OnnxModel pixels;
  private static OnnxModel floats;
  private static Path pixelFile;

  @BeforeAll
  static void export() throws Exception {
    try (NDManager manager = NDManager.newBaseManager()) {
      Block mlp = Mlp.builder().setHiddenSizes(16).build().block();
      TestNetworks.initialize(mlp, manager, TestNetworks.MNIST_SAMPLE);
      pixelFile = dir.resolve("pixels.onnx");
      OnnxExporter.builder(mlp, TestNetworks.MNIST_SAMPLE)
          .metadata(TestNetworks.metadata())
          .input(InputForm.PIXELS)
          .probabilities(1.25)
          .build()
          .writeTo(pixelFile);
      pixels = OnnxModel.load(pixelFile);
      floats = OnnxModel.load(TestNetworks.export(mlp, dir, "floats"));
    }
  }

  @AfterAll
  static void close() throws Exception {
    pixels.close();
    floats.close();
  }

  @Test
  void rawPixelsGiveTheLogitsOfTheFloatForm() throws Exception {
    ImageClassificationSet set = TestNetworks.fashion();
    byte[] raw = new byte[5 * set.imageSize()];
    for (int i = 0; i < 5; i++) {
      set.copyPixels(i, raw, i * set.imageSize());
    }
    float[][] fromPixels = pixels.run(raw, 5, 1, 28, 28).logits();
    float[][] fromFloats = floats.run(TestNetworks.images(5), 5, 1, 28, 28).logits();
    for (int i = 0; i < 5; i++) {
      assertArrayEquals(fromFloats[i], fromPixels[i], 1e-5f);
    }
    assertEquals(InputForm.PIXELS, pixels.inputForm());
    assertEquals(InputForm.NORMALIZED, floats.inputForm());
    assertEquals("uint8-pixels", pixels.properties().get(InputForm.KEY));
    assertEquals("float32-normalized", floats.properties().get(InputForm.KEY));
  }

  @Test
  void eachFormRefusesTheOthersInput() {
    OnnxException a =
        assertThrows(OnnxException.class, () -> pixels.run(new float[784], 1, 1, 28, 28));
    assertTrue(
        a.getMessage()
            .endsWith(
                "the model takes raw uint8 pixels (byte[]), not float32 values:"
                    + " it normalizes them itself (input form uint8-pixels)"),
        a.getMessage());
    OnnxException b =
        assertThrows(OnnxException.class, () -> floats.run(new byte[784], 1, 1, 28, 28));
    assertTrue(
        b.getMessage().contains("takes float32 values normalized as in training (float[])"),
        b.getMessage());
    assertThrows(OnnxException.class, () -> pixels.run(new float[1][1][28][28]));
    OnnxException c =
        assertThrows(OnnxException.class, () -> pixels.run(new byte[783], 1, 1, 28, 28));
    assertTrue(c.getMessage().contains("expected 784 values"), c.getMessage());
    assertThrows(
        OnnxException.class,
        () -> ParityChecker.compare(Mlp.builder().build().block(), pixels, new float[784]));
    for (OnnxException e : List.of(a, b, c)) {
      assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    }
  }

  @Test
  void aFileWhoseMetadataContradictsItsInputTypeIsRefused() throws Exception {
    OnnxMl.ModelProto.Builder proto =
        OnnxMl.ModelProto.parseFrom(Files.readAllBytes(pixelFile)).toBuilder();
    for (OnnxMl.StringStringEntryProto.Builder e : proto.getMetadataPropsBuilderList()) {
      if (e.getKey().equals(InputForm.KEY)) {
        e.setValue(InputForm.NORMALIZED.id());
      }
    }
    Path file = Files.write(dir.resolve("contradiction.onnx"), proto.build().toByteArray());
    OnnxException e = assertThrows(OnnxException.class, () -> OnnxModel.load(file));
    assertEquals(
        file
            + ": input 'input': the metadata deltaboost.input says 'float32-normalized' but the"
            + " graph input is uint8-pixels (UINT8): the file contradicts itself",
        e.getMessage());
  }

  @Test
  void theDocumentationFieldsSayWhatToFeedInWords() throws Exception {
    OnnxMl.ModelProto proto = OnnxMl.ModelProto.parseFrom(Files.readAllBytes(pixelFile));
    String doc = proto.getDocString();
    assertTrue(doc.startsWith("Image classifier trained by deltaboost on fashion-mnist"), doc);
    assertTrue(doc.contains("output strategy exp-gb (alpha 0.1"), doc);
    assertTrue(
        doc.contains(
            "Input 'input': uint8 pixels 0-255 as the dataset stores them, shape (batch, 1, 28,"
                + " 28), channels first (N×C×H×W)"),
        doc);
    assertTrue(doc.contains("temperature T = 1.25"), doc);
    assertTrue(doc.contains("Classes, index = output position: 0 T-shirt/top, 1 Trouser"), doc);
    assertEquals(doc, proto.getGraph().getDocString());
    assertEquals("deltaboost", proto.getProducerName());
    assertEquals("org.deltaboost", proto.getDomain());
    assertEquals(
        OnnxMl.TensorProto.DataType.UINT8.getNumber(),
        proto.getGraph().getInput(0).getType().getTensorType().getElemType());
    assertTrue(proto.getGraph().getInput(0).getDocString().startsWith("uint8 pixels 0-255"));
    assertEquals(
        List.of(OnnxExporter.LOGITS, OnnxExporter.PROBABILITIES),
        proto.getGraph().getOutputList().stream().map(OnnxMl.ValueInfoProto::getName).toList());
    assertTrue(
        proto.getGraph().getOutput(1).getDocString().contains("softmax(z / T)"),
        proto.getGraph().getOutput(1).getDocString());
  }

  @Test
  void aPixelInputNeedsImages() throws Exception {
    try (NDManager manager = NDManager.newBaseManager()) {
      Block mlp = Mlp.builder().setInputSize(4).setHiddenSizes(3).setOutputSize(3).build().block();
      TestNetworks.initialize(mlp, manager, new ai.djl.ndarray.types.Shape(4));
      OnnxException e =
          assertThrows(
              OnnxException.class,
              () ->
                  OnnxExporter.builder(mlp, new ai.djl.ndarray.types.Shape(4))
                      .metadata(TestNetworks.metadata(3))
                      .input(InputForm.PIXELS)
                      .build()
                      .toBytes());
      assertEquals(
          "a pixel input needs images of shape (C, H, W), the sample shape is (4)", e.getMessage());
    }
  }
}
