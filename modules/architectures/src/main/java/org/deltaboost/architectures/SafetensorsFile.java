package org.deltaboost.architectures;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A reader of the <a href="https://huggingface.co/docs/safetensors">safetensors</a> format: an
 * 8-byte little-endian unsigned header length {@code N}, {@code N} bytes of UTF-8 JSON mapping each
 * tensor name to {@code {"dtype", "shape", "data_offsets": [begin, end]}} (plus an optional {@code
 * "__metadata__"} map of strings), then the raw little-endian tensor bytes, row-major, with offsets
 * relative to the first byte after the header.
 *
 * <p>The header is checked when the file is opened, and a file that breaks any rule is refused with
 * a {@link WeightFileException} naming the file and the tensor:
 *
 * <ul>
 *   <li>{@code N} is read as unsigned and must lie in {@code 2..min(100 MiB, file size − 8)}; the
 *       tensor data after it is at most 2 GiB.
 *   <li>The JSON is parsed strictly: one object, no duplicate keys, nothing but whitespace after
 *       it; {@code __metadata__}, when present, maps strings to strings.
 *   <li>Each tensor's dtype is one the format defines, its shape an array of integers ≥ 0 whose
 *       product, and that product times the dtype's size, fit in a signed 64-bit integer.
 *   <li>{@code data_offsets} are two integers, read without wrapping, with {@code 0 ≤ begin ≤ end ≤
 *       data length} and {@code end − begin = count × dtype size}.
 *   <li>No two tensors' byte ranges overlap (gaps between them are allowed).
 * </ul>
 *
 * <p>Floating-point tensors ({@code F64}, {@code F32}, {@code F16}, {@code BF16}) are read as
 * {@code float[]}. The data is memory-mapped, so files up to 2 GiB of tensor data are read without
 * copying them whole (torchvision's VGG-16 is 528 MiB).
 */
public final class SafetensorsFile {

  /** A larger header is certainly not a safetensors header (the reference reader's limit). */
  private static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;

  /** The longest name or value quoted in a message. */
  private static final int MAX_SHOWN = 80;

  /** Duplicate keys and anything but whitespace after the object are errors. */
  private static final ObjectMapper STRICT_JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private static final Map<String, Integer> DTYPE_BYTES =
      Map.of(
          "F64", 8, "F32", 4, "F16", 2, "BF16", 2, "I64", 8, "I32", 4, "I16", 2, "I8", 1, "U8", 1,
          "BOOL", 1);

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
        throw WeightFileException.mismatch(
            path, "header length", "8 bytes", size + " bytes in the file");
      }
      ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      readFully(channel, lengthBytes, 0);
      long headerLength = lengthBytes.flip().getLong();
      if (headerLength < 2 || headerLength > MAX_HEADER_BYTES || headerLength > size - 8) {
        throw WeightFileException.mismatch(
            path,
            "header length",
            "2.." + Math.min(MAX_HEADER_BYTES, size - 8) + " bytes",
            Long.toUnsignedString(headerLength));
      }
      ByteBuffer header = ByteBuffer.allocate((int) headerLength);
      readFully(channel, header, 8);
      long dataLength = size - 8 - headerLength;
      if (dataLength > Integer.MAX_VALUE) {
        throw WeightFileException.mismatch(
            path, "tensor data", "at most 2 GiB", dataLength + " bytes");
      }
      Map<String, Entry> entries =
          parseHeader(path, new String(header.array(), StandardCharsets.UTF_8), dataLength);
      MappedByteBuffer data =
          channel.map(FileChannel.MapMode.READ_ONLY, 8 + headerLength, dataLength);
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
      root = STRICT_JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new WeightFileException(
          path + ": header is not valid JSON: " + oneLine(e.getOriginalMessage()), e);
    }
    if (root == null || !root.isObject()) {
      throw WeightFileException.mismatch(path, "header", "a JSON object", shown(json.strip()));
    }
    Map<String, Entry> entries = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String name = field.getKey();
      if (name.equals("__metadata__")) {
        checkMetadata(path, field.getValue());
        continue;
      }
      entries.put(name, parseEntry(path, name, field.getValue(), dataLength));
    }
    checkNoOverlap(path, entries);
    return Collections.unmodifiableMap(entries);
  }

  private static void checkMetadata(Path path, JsonNode metadata) throws WeightFileException {
    if (!metadata.isObject()) {
      throw WeightFileException.mismatch(
          path, "__metadata__", "an object of strings", shown(metadata.toString()));
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = metadata.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!field.getValue().isTextual()) {
        throw WeightFileException.mismatch(
            path,
            "__metadata__ " + shown(field.getKey()),
            "a string",
            shown(field.getValue().toString()));
      }
    }
  }

  private static Entry parseEntry(Path path, String name, JsonNode node, long dataLength)
      throws WeightFileException {
    String where = "tensor " + shown(name);
    if (!node.isObject()) {
      throw WeightFileException.mismatch(
          path, where, "an object {dtype, shape, data_offsets}", shown(node.toString()));
    }
    JsonNode dtypeNode = node.get("dtype");
    if (dtypeNode == null
        || !dtypeNode.isTextual()
        || !DTYPE_BYTES.containsKey(dtypeNode.asText())) {
      throw WeightFileException.mismatch(
          path,
          where + " dtype",
          "one of " + new TreeSet<>(DTYPE_BYTES.keySet()),
          dtypeNode == null ? "none" : shown(dtypeNode.toString()));
    }
    String dtype = dtypeNode.asText();
    JsonNode shapeNode = node.get("shape");
    if (shapeNode == null || !shapeNode.isArray()) {
      throw WeightFileException.mismatch(
          path,
          where + " shape",
          "an array of sizes",
          shapeNode == null ? "none" : shown(shapeNode.toString()));
    }
    long[] shape = new long[shapeNode.size()];
    for (int i = 0; i < shape.length; i++) {
      JsonNode dim = shapeNode.get(i);
      if (!dim.isIntegralNumber() || !dim.canConvertToLong() || dim.asLong() < 0) {
        throw WeightFileException.mismatch(
            path,
            where + " shape",
            "integers in 0.." + Long.MAX_VALUE,
            shown(shapeNode.toString()));
      }
      shape[i] = dim.asLong();
    }
    long bytes;
    try {
      long count = 1;
      for (long d : shape) {
        count = Math.multiplyExact(count, d);
      }
      bytes = Math.multiplyExact(count, DTYPE_BYTES.get(dtype));
    } catch (ArithmeticException e) {
      throw WeightFileException.mismatch(
          path,
          where + " shape",
          "at most " + Long.MAX_VALUE + " bytes of " + dtype,
          shown(Arrays.toString(shape)) + " (its byte count overflows 64 bits)");
    }
    JsonNode offsets = node.get("data_offsets");
    String range = "[begin, end] with 0 <= begin <= end <= " + dataLength;
    if (offsets == null
        || !offsets.isArray()
        || offsets.size() != 2
        || !isOffset(offsets.get(0))
        || !isOffset(offsets.get(1))) {
      throw WeightFileException.mismatch(
          path,
          where + " data_offsets",
          range,
          offsets == null ? "none" : shown(offsets.toString()));
    }
    long begin = offsets.get(0).asLong();
    long end = offsets.get(1).asLong();
    if (end < begin || end > dataLength) {
      throw WeightFileException.mismatch(
          path, where + " data_offsets", range, shown(offsets.toString()));
    }
    if (end - begin != bytes) {
      throw WeightFileException.mismatch(
          path,
          where + " data_offsets",
          bytes + " bytes for " + dtype + " " + Arrays.toString(shape),
          (end - begin) + " bytes");
    }
    return new Entry(dtype, shape, begin, end);
  }

  /** An unsigned integer that fits a signed long: larger ones lie beyond any data section. */
  private static boolean isOffset(JsonNode node) {
    return node.isIntegralNumber() && node.canConvertToLong() && node.asLong() >= 0;
  }

  private static void checkNoOverlap(Path path, Map<String, Entry> entries)
      throws WeightFileException {
    List<Map.Entry<String, Entry>> byBegin = new ArrayList<>(entries.entrySet());
    byBegin.sort(
        Comparator.comparingLong((Map.Entry<String, Entry> e) -> e.getValue().begin)
            .thenComparingLong(e -> e.getValue().end));
    for (int i = 1; i < byBegin.size(); i++) {
      Map.Entry<String, Entry> previous = byBegin.get(i - 1);
      Map.Entry<String, Entry> next = byBegin.get(i);
      if (next.getValue().begin < previous.getValue().end) {
        throw WeightFileException.mismatch(
            path,
            "tensor " + shown(next.getKey()) + " data_offsets",
            "bytes no other tensor uses",
            "["
                + next.getValue().begin
                + ", "
                + next.getValue().end
                + "] overlapping tensor "
                + shown(previous.getKey())
                + " at ["
                + previous.getValue().begin
                + ", "
                + previous.getValue().end
                + "]");
      }
    }
  }

  /** A name or JSON value for a one-line message: quoted, control characters escaped, cut short. */
  static String shown(String text) {
    StringBuilder b = new StringBuilder("'");
    int limit = Math.min(text.length(), MAX_SHOWN);
    for (int i = 0; i < limit; i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    if (text.length() > limit) {
      b.append("…(").append(text.length()).append(" chars)");
    }
    return b.append('\'').toString();
  }

  private static String oneLine(String message) {
    String s = shown(message == null ? "" : message);
    return s.substring(1, s.length() - 1);
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
      default ->
          throw WeightFileException.mismatch(
              path,
              "tensor " + shown(name) + " dtype",
              "a floating-point dtype (F64, F32, F16, BF16)",
              e.dtype);
    }
    return out;
  }

  private Entry entry(String name) throws WeightFileException {
    Entry e = entries.get(name);
    if (e == null) {
      throw WeightFileException.mismatch(
          path, "tensor " + shown(name), "present", "no such tensor");
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
