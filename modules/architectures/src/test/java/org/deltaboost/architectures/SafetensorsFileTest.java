package org.deltaboost.architectures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    ByteBuffer f64 =
        ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putDouble(0.5).putDouble(-3);
    Path file =
        new SafetensorsFixture()
            .addRawEntry("\"__metadata__\":{\"format\":\"pt\"}")
            .addF32("conv.weight", new long[] {1, 3}, new float[] {1.5f, -2f, 0.25f})
            // binary16 by hand: 0x3E00 = 1.5, 0xC000 = -2, 0x3400 = 0.25, 0x0001 = 2^-24, 0x7C00 =
            // +inf
            .add(
                "half",
                "F16",
                new long[] {5},
                SafetensorsFixture.words(0x3E00, 0xC000, 0x3400, 0x0001, 0x7C00))
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
        new float[] {1.5f, -2f, 0.25f, 5.9604645e-8f, Float.POSITIVE_INFINITY},
        weights.floats("half"));
    assertArrayEquals(new float[] {1.5f, -2f}, weights.floats("brain"));
    assertArrayEquals(new float[] {0.5f, -3f}, weights.floats("double"));
  }

  @Test
  void missingFileAndMissingTensorAreNamed() throws IOException {
    WeightFileException e =
        assertThrows(
            WeightFileException.class, () -> SafetensorsFile.open(dir.resolve("none.safetensors")));
    assertTrue(e.getMessage().contains("none.safetensors"), e.getMessage());
    Path file =
        new SafetensorsFixture()
            .addF32("a", new long[] {1}, new float[] {1})
            .write(dir.resolve("a.safetensors"));
    e = assertThrows(WeightFileException.class, () -> SafetensorsFile.open(file).floats("b"));
    assertTrue(e.getMessage().contains("tensor 'b'"), e.getMessage());
  }

  @Test
  void rejectsTruncatedFilesAndImpossibleHeaderLengths() throws IOException {
    Path tiny = Files.write(dir.resolve("tiny.safetensors"), new byte[] {1, 2, 3});
    assertMessage(tiny, "header length");
    ByteBuffer huge =
        ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putLong(1000).putInt(0);
    assertMessage(Files.write(dir.resolve("huge.safetensors"), huge.array()), "header length");
  }

  @Test
  void rejectsHeadersThatAreNotTheFormat() throws IOException {
    assertMessage(
        new SafetensorsFixture().write(dir.resolve("json.safetensors"), "{not json"),
        "not valid JSON");
    assertMessage(
        new SafetensorsFixture().write(dir.resolve("array.safetensors"), "[1, 2]"),
        "a JSON object");
    assertMessage(
        new SafetensorsFixture()
            .add("x", "F8", new long[] {1}, new byte[] {0})
            .write(dir.resolve("dtype.safetensors")),
        "tensor 'x' dtype");
    assertMessage(
        new SafetensorsFixture()
            .addRawEntry("\"x\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}")
            .addData(new byte[4])
            .write(dir.resolve("shape.safetensors")),
        "tensor 'x' shape");
  }

  @Test
  void rejectsOffsetsThatDisagreeWithShapeOrFile() throws IOException {
    // 3 floats need 12 bytes; the entry claims 8
    assertMessage(
        new SafetensorsFixture()
            .addRawEntry("\"x\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}")
            .addData(new byte[12])
            .write(dir.resolve("count.safetensors")),
        "12 bytes for F32 [3]");
    // the data section holds 4 bytes; the entry ends at 8
    assertMessage(
        new SafetensorsFixture()
            .addRawEntry("\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}")
            .addData(new byte[4])
            .write(dir.resolve("beyond.safetensors")),
        "0 <= begin <= end <= 4");
  }

  @Test
  void offsetsAtOrAbove2To64AreRefusedNotWrapped() throws IOException {
    // 2^64 and 2^64 + 4 wrap to 0 and 4 when read as a signed long: a valid-looking [0, 4]
    Path file =
        new SafetensorsFixture()
            .addData(new byte[4])
            .write(
                dir.resolve("wrap.safetensors"),
                "{\"x\":{\"dtype\":\"F32\",\"shape\":[1],"
                    + "\"data_offsets\":[18446744073709551616,18446744073709551620]}}");
    assertMessage(file, "tensor 'x' data_offsets");
    Path negative =
        new SafetensorsFixture()
            .addData(new byte[4])
            .write(
                dir.resolve("negative.safetensors"),
                "{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[-4,0]}}");
    assertMessage(negative, "tensor 'x' data_offsets");
  }

  @Test
  void overlappingTensorsAreRefusedNamingBoth() throws IOException {
    Path file =
        new SafetensorsFixture()
            .addRawEntry("\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}")
            .addRawEntry("\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}")
            .addRawEntry("\"c\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}")
            .addData(new byte[12])
            .write(dir.resolve("overlap.safetensors"));
    String message = assertMessage(file, "overlapping");
    assertTrue(message.contains("tensor 'a'") && message.contains("tensor 'b'"), message);
    // adjacent ranges, gaps and empty tensors are fine
    Path adjacent =
        new SafetensorsFixture()
            .addRawEntry("\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}")
            .addRawEntry("\"e\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[4,4]}")
            .addRawEntry("\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}")
            .addData(new byte[12])
            .write(dir.resolve("adjacent.safetensors"));
    assertEquals(List.of("a", "e", "b"), List.copyOf(SafetensorsFile.open(adjacent).names()));
  }

  @Test
  void byteCountsThatOverflowAreRefused() throws IOException {
    // (2^62 + 1) × 4 bytes wraps to 4 in 64 bits: the entry must not pass as a 4-byte tensor
    Path wrapped =
        new SafetensorsFixture()
            .addRawEntry(
                "\"x\":{\"dtype\":\"F32\",\"shape\":[4611686018427387905],\"data_offsets\":[0,4]}")
            .addData(new byte[4])
            .write(dir.resolve("bytes.safetensors"));
    assertMessage(wrapped, "tensor 'x' shape");
    // 2^40 × 2^40 elements overflow before the dtype size is applied
    Path huge =
        new SafetensorsFixture()
            .addRawEntry(
                "\"big\":{\"dtype\":\"U8\",\"shape\":[1099511627776,1099511627776],\"data_offsets\":[0,1]}")
            .addData(new byte[1])
            .write(dir.resolve("count.safetensors"));
    String message = assertMessage(huge, "tensor 'big' shape");
    assertTrue(message.contains("overflows"), message);
  }

  @Test
  void headerJsonIsParsedStrictly() throws IOException {
    String entry = "\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}";
    assertMessage(
        new SafetensorsFixture()
            .addData(new byte[4])
            .write(dir.resolve("twice.safetensors"), "{" + entry + "," + entry + "}"),
        "Duplicate field 'x'");
    assertMessage(
        new SafetensorsFixture()
            .addData(new byte[4])
            .write(dir.resolve("trailing.safetensors"), "{" + entry + "} {}"),
        "not valid JSON");
    // the writer pads the header with spaces: trailing whitespace is fine
    Path padded =
        new SafetensorsFixture()
            .addData(new byte[4])
            .write(dir.resolve("padded.safetensors"), "{" + entry + "}    ");
    assertEquals(List.of("x"), List.copyOf(SafetensorsFile.open(padded).names()));
    assertMessage(
        new SafetensorsFixture()
            .addRawEntry("\"__metadata__\":{\"format\":1}")
            .write(dir.resolve("metadata.safetensors")),
        "__metadata__ 'format'");
    assertMessage(
        new SafetensorsFixture().addRawEntry("\"x\":[1]").write(dir.resolve("entry.safetensors")),
        "tensor 'x': expected an object");
  }

  @Test
  void messagesStayOnOneLineWhateverTheNames() throws IOException {
    Path file =
        new SafetensorsFixture()
            .addRawEntry(
                "\"evil\\nname"
                    + "y".repeat(500)
                    + "\":{\"dtype\":\"F9\",\"shape\":[],\"data_offsets\":[0,0]}")
            .write(dir.resolve("names.safetensors"));
    String message = assertMessage(file, "tensor 'evil\\u000aname");
    assertFalse(message.contains("\n"), message);
    assertTrue(message.length() < 400, message);
  }

  @Test
  void integerTensorsAreNotReadAsFloats() throws IOException {
    Path file =
        new SafetensorsFixture()
            .add("steps", "I32", new long[] {1}, new byte[4])
            .write(dir.resolve("i.safetensors"));
    WeightFileException e =
        assertThrows(WeightFileException.class, () -> SafetensorsFile.open(file).floats("steps"));
    assertTrue(e.getMessage().contains("floating-point"), e.getMessage());
  }

  private static String assertMessage(Path file, String part) {
    WeightFileException e =
        assertThrows(WeightFileException.class, () -> SafetensorsFile.open(file));
    assertTrue(e.getMessage().contains(part), e.getMessage());
    assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
    return e.getMessage();
  }
}
