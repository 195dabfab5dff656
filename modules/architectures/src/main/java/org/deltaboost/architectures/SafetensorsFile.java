package org.deltaboost.architectures;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A reader of the <a href="https://huggingface.co/docs/safetensors">safetensors</a> format: an
 * 8-byte little-endian unsigned header length {@code N}, {@code N} bytes of UTF-8 JSON mapping
 * each tensor name to {@code {"dtype", "shape", "data_offsets": [begin, end]}} (plus an optional
 * {@code "__metadata__"} map of strings), then the raw little-endian tensor bytes, row-major, with
 * offsets relative to the first byte after the header.
 *
 * <p>Floating-point tensors ({@code F64}, {@code F32}, {@code F16}, {@code BF16}) are read as
 * {@code float[]}. The header is checked when the file is opened (offsets inside the data, byte
 * counts matching dtype × shape); the data is memory-mapped, so files up to 2 GiB of tensor data
 * are read without copying them whole (torchvision's VGG-16 is 528 MiB).
 */
public final class SafetensorsFile {

  /** A larger header is certainly not a safetensors header (the reference reader's limit). */
  private static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;

  private static final Map<String, Integer> DTYPE_BYTES =
      Map.of("F64", 8, "F32", 4, "F16", 2, "BF16", 2, "I64", 8, "I32", 4, "I16", 2, "I8", 1,
          "U8", 1, "BOOL", 1);

  private final Path path;
  private final Map<String, Entry> entries;
  private final ByteBuffer data;

  private record Entry(String dtype, long[] shape, long begin, long end) {}

  private SafetensorsFile(Path path, Map<String, Entry> entries, ByteBuffer data) {
    this.path = path;
    this.entries = entries;
    this.data = data;
  }

  /**
   * Opens a safetensors file and checks its header.
   *
   * @throws WeightFileException when the file is missing, unreadable or malformed; the message
   *     names the file and the field
   */
  public static SafetensorsFile open(Path path) throws WeightFileException {
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size < 8) {
        throw WeightFileException.mismatch(path, "header length", "8 bytes", size + " bytes in the file");
      }
      ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      readFully(channel, lengthBytes, 0);
      long headerLength = lengthBytes.flip().getLong();
      if (headerLength < 2 || headerLength > MAX_HEADER_BYTES || headerLength > size - 8) {
        throw WeightFileException.mismatch(
            path, "header length", "2.." + Math.min(MAX_HEADER_BYTES, size - 8) + " bytes",
            Long.toUnsignedString(headerLength));
      }
      ByteBuffer header = ByteBuffer.allocate((int) headerLength);
      readFully(channel, header, 8);
      long dataLength = size - 8 - headerLength;
      if (dataLength > Integer.MAX_VALUE) {
        throw WeightFileException.mismatch(path, "tensor data", "at most 2 GiB", dataLength + " bytes");
      }
      Map<String, Entry> entries =
          parseHeader(path, new String(header.array(), StandardCharsets.UTF_8), dataLength);
      MappedByteBuffer data = channel.map(FileChannel.MapMode.READ_ONLY, 8 + headerLength, dataLength);
      return new SafetensorsFile(path, entries, data.order(ByteOrder.LITTLE_ENDIAN));
    } catch (NoSuchFileException e) {
      throw new WeightFileException(path + ": no such weight file", e);
    } catch (WeightFileException e) {
      throw e;
    } catch (IOException e) {
      throw new WeightFileException(path + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static void readFully(FileChannel channel, ByteBuffer buffer, long position)
      throws IOException {
    long at = position;
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, at);
      if (n < 0) {
        throw new IOException("unexpected end of file at byte " + at);
      }
      at += n;
    }
  }

  private static Map<String, Entry> parseHeader(Path path, String json, long dataLength)
      throws WeightFileException {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new WeightFileException(path + ": header is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw WeightFileException.mismatch(path, "header", "a JSON object", json.strip());
    }
    Map<String, Entry> entries = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String name = field.getKey();
      if (name.equals("__metadata__")) {
        continue;
      }
      entries.put(name, parseEntry(path, name, field.getValue(), dataLength));
    }
    return Collections.unmodifiableMap(entries);
  }

  private static Entry parseEntry(Path path, String name, JsonNode node, long dataLength)
      throws WeightFileException {
    String where = "tensor '" + name + "'";
    JsonNode dtypeNode = node.get("dtype");
    if (dtypeNode == null || !dtypeNode.isTextual() || !DTYPE_BYTES.containsKey(dtypeNode.asText())) {
      throw WeightFileException.mismatch(
          path, where + " dtype", "one of " + new java.util.TreeSet<>(DTYPE_BYTES.keySet()), dtypeNode);
    }
    String dtype = dtypeNode.asText();
    JsonNode shapeNode = node.get("shape");
    if (shapeNode == null || !shapeNode.isArray()) {
      throw WeightFileException.mismatch(path, where + " shape", "an array of sizes", shapeNode);
    }
    long[] shape = new long[shapeNode.size()];
    long count = 1;
    for (int i = 0; i < shape.length; i++) {
      JsonNode dim = shapeNode.get(i);
      if (!dim.canConvertToLong() || !dim.isIntegralNumber() || dim.asLong() < 0) {
        throw WeightFileException.mismatch(path, where + " shape", "non-negative integers", shapeNode);
      }
      shape[i] = dim.asLong();
      count = Math.multiplyExact(count, shape[i]);
    }
    JsonNode offsets = node.get("data_offsets");
    if (offsets == null || !offsets.isArray() || offsets.size() != 2
        || !offsets.get(0).isIntegralNumber() || !offsets.get(1).isIntegralNumber()) {
      throw WeightFileException.mismatch(path, where + " data_offsets", "[begin, end]", offsets);
    }
    long begin = offsets.get(0).asLong();
    long end = offsets.get(1).asLong();
    if (begin < 0 || end < begin || end > dataLength) {
      throw WeightFileException.mismatch(
          path, where + " data_offsets", "0 <= begin <= end <= " + dataLength, offsets);
    }
    long bytes = count * DTYPE_BYTES.get(dtype);
    if (end - begin != bytes) {
      throw WeightFileException.mismatch(
          path, where + " data_offsets",
          bytes + " bytes for " + dtype + " " + Arrays.toString(shape), (end - begin) + " bytes");
    }
    return new Entry(dtype, shape, begin, end);
  }

  /** Returns the file this was read from. */
  public Path path() {
    return path;
  }

  /** Returns the tensor names, in header order. */
  public Set<String> names() {
    return entries.keySet();
  }

  /** Returns whether the file holds a tensor of that name. */
  public boolean contains(String name) {
    return entries.containsKey(name);
  }

  /**
   * Returns a tensor's shape.
   *
   * @throws WeightFileException when the file holds no tensor of that name
   */
  public long[] shape(String name) throws WeightFileException {
    return entry(name).shape.clone();
  }

  /**
   * Returns a tensor's dtype as the header spells it ({@code "F32"}, {@code "BF16"}, …).
   *
   * @throws WeightFileException when the file holds no tensor of that name
   */
  public String dtype(String name) throws WeightFileException {
    return entry(name).dtype;
  }

  /**
   * Returns a floating-point tensor's values, row-major, as {@code float}s.
   *
   * @throws WeightFileException when the tensor is missing or its dtype is not F64/F32/F16/BF16
   */
  public float[] floats(String name) throws WeightFileException {
    Entry e = entry(name);
    ByteBuffer bytes = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    bytes.position((int) e.begin).limit((int) e.end);
    int n = (int) ((e.end - e.begin) / DTYPE_BYTES.get(e.dtype));
    float[] out = new float[n];
    switch (e.dtype) {
      case "F32" -> bytes.asFloatBuffer().get(out);
      case "F64" -> {
        for (int i = 0; i < n; i++) {
          out[i] = (float) bytes.getDouble();
        }
      }
      case "F16" -> {
        for (int i = 0; i < n; i++) {
          out[i] = halfToFloat(bytes.getShort());
        }
      }
      case "BF16" -> {
        for (int i = 0; i < n; i++) {
          out[i] = Float.intBitsToFloat((bytes.getShort() & 0xffff) << 16);
        }
      }
      default -> throw WeightFileException.mismatch(
          path, "tensor '" + name + "' dtype", "a floating-point dtype (F64, F32, F16, BF16)", e.dtype);
    }
    return out;
  }

  private Entry entry(String name) throws WeightFileException {
    Entry e = entries.get(name);
    if (e == null) {
      throw WeightFileException.mismatch(path, "tensor '" + name + "'", "present", "no such tensor");
    }
    return e;
  }

  /** IEEE 754 binary16 → binary32: sign, 5-bit exponent (bias 15), 10-bit fraction. */
  static float halfToFloat(short bits) {
    int sign = (bits & 0x8000) << 16;
    int exponent = (bits >> 10) & 0x1f;
    int fraction = bits & 0x3ff;
    if (exponent == 0x1f) { // infinity or NaN
      return Float.intBitsToFloat(sign | 0x7f800000 | (fraction << 13));
    }
    if (exponent == 0) { // zero or subnormal: fraction · 2^-24
      float magnitude = fraction * 0x1p-24f;
      return sign == 0 ? magnitude : -magnitude;
    }
    return Float.intBitsToFloat(sign | ((exponent - 15 + 127) << 23) | (fraction << 13));
  }

  @Override
  public String toString() {
    return "SafetensorsFile[" + path + ", " + entries.size() + " tensors]";
  }
}
