package org.deltaboost.architectures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsFileTest {

  @TempDir Path dir;

  @Test
  void readsEveryFloatDtypeWithShapesInHeaderOrder() throws IOException {
    ByteBuffer f64 = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putDouble(0.5).putDouble(-3);
    Path file =
        new SafetensorsFixture()
            .addRawEntry("\"__metadata__\":{\"format\":\"pt\"}")
            .addF32("conv.weight", new long[] {1, 3}, new float[] {1.5f, -2f, 0.25f})
            // binary16 by hand: 0x3E00 = 1.5, 0xC000 = -2, 0x3400 = 0.25, 0x0001 = 2^-24, 0x7C00 = +inf
            .add("half", "F16", new long[] {5}, SafetensorsFixture.words(0x3E00, 0xC000, 0x3400, 0x0001, 0x7C00))
            // bfloat16 is the top half of binary32: 0x3FC0 = 1.5, 0xC000 = -2
            .add("brain", "BF16", new long[] {2, 1}, SafetensorsFixture.words(0x3FC0, 0xC000))
            .add("double", "F64", new long[] {2}, f64.array())
            .write(dir.resolve("w.safetensors"));
    SafetensorsFile weights = SafetensorsFile.open(file);
    assertEquals(List.of("conv.weight", "half", "brain", "double"), List.copyOf(weights.names()));
    assertArrayEquals(new long[] {1, 3}, weights.shape("conv.weight"));
    assertEquals("BF16", weights.dtype("brain"));
    assertArrayEquals(new float[] {1.5f, -2f, 0.25f}, weights.floats("conv.weight"));
    assertArrayEquals(
        new float[] {1.5f, -2f, 0.25f, 5.9604645e-8f, Float.POSITIVE_INFINITY}, weights.floats("half"));
    assertArrayEquals(new float[] {1.5f, -2f}, weights.floats("brain"));
    assertArrayEquals(new float[] {0.5f, -3f}, weights.floats("double"));
  }

  @Test
  void missingFileAndMissingTensorAreNamed() throws IOException {
    WeightFileException e =
        assertThrows(WeightFileException.class, () -> SafetensorsFile.open(dir.resolve("none.safetensors")));
    assertTrue(e.getMessage().contains("none.safetensors"), e.getMessage());
    Path file = new SafetensorsFixture().addF32("a", new long[] {1}, new float[] {1}).write(dir.resolve("a.safetensors"));
    e = assertThrows(WeightFileException.class, () -> SafetensorsFile.open(file).floats("b"));
    assertTrue(e.getMessage().contains("tensor 'b'"), e.getMessage());
  }

  @Test
  void rejectsTruncatedFilesAndImpossibleHeaderLengths() throws IOException {
    Path tiny = Files.write(dir.resolve("tiny.safetensors"), new byte[] {1, 2, 3});
    assertMessage(tiny, "header length");
    ByteBuffer huge = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putLong(1000).putInt(0);
    assertMessage(Files.write(dir.resolve("huge.safetensors"), huge.array()), "header length");
  }

  @Test
  void rejectsHeadersThatAreNotTheFormat() throws IOException {
    assertMessage(new SafetensorsFixture().write(dir.resolve("json.safetensors"), "{not json"), "not valid JSON");
    assertMessage(new SafetensorsFixture().write(dir.resolve("array.safetensors"), "[1, 2]"), "a JSON object");
    assertMessage(
        new SafetensorsFixture().add("x", "F8", new long[] {1}, new byte[] {0}).write(dir.resolve("dtype.safetensors")),
        "tensor 'x' dtype");
    assertMessage(
        new SafetensorsFixture().addRawEntry("\"x\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}")
            .addData(new byte[4]).write(dir.resolve("shape.safetensors")),
        "tensor 'x' shape");
  }

  @Test
  void rejectsOffsetsThatDisagreeWithShapeOrFile() throws IOException {
    // 3 floats need 12 bytes; the entry claims 8
    assertMessage(
        new SafetensorsFixture().addRawEntry("\"x\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}")
            .addData(new byte[12]).write(dir.resolve("count.safetensors")),
        "12 bytes for F32 [3]");
    // the data section holds 4 bytes; the entry ends at 8
    assertMessage(
        new SafetensorsFixture().addRawEntry("\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}")
            .addData(new byte[4]).write(dir.resolve("beyond.safetensors")),
        "0 <= begin <= end <= 4");
  }

  @Test
  void integerTensorsAreNotReadAsFloats() throws IOException {
    Path file =
        new SafetensorsFixture().add("steps", "I32", new long[] {1}, new byte[4]).write(dir.resolve("i.safetensors"));
    WeightFileException e =
        assertThrows(WeightFileException.class, () -> SafetensorsFile.open(file).floats("steps"));
    assertTrue(e.getMessage().contains("floating-point"), e.getMessage());
  }

  private static void assertMessage(Path file, String part) {
    WeightFileException e = assertThrows(WeightFileException.class, () -> SafetensorsFile.open(file));
    assertTrue(e.getMessage().contains(part), e.getMessage());
    assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
  }
}
