package org.deltaboost.harness.mkl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads the written shim back as the dynamic loader would (program headers, then the dynamic table,
 * then a SysV hash lookup of the symbol), with its own parser, and loads it.
 */
class MklVendorShimTest {

  private static final int PT_LOAD = 1;
  private static final int PT_DYNAMIC = 2;
  private static final int PT_GNU_STACK = 0x6474e551;
  private static final int PF_X = 1;
  private static final int PF_W = 2;
  private static final int PF_R = 4;

  /** One program header. */
  private record Segment(
      int type, int flags, long offset, long vaddr, long fileSize, long memSize, long align) {}

  @Test
  void headerSaysElf64LittleEndianX8664SharedObjectWithoutSections() {
    ByteBuffer elf = buffer(MklVendorShim.bytes());
    assertArrayEquals(new byte[] {0x7f, 'E', 'L', 'F'}, slice(elf, 0, 4));
    assertEquals(2, elf.get(4), "EI_CLASS ELFCLASS64");
    assertEquals(1, elf.get(5), "EI_DATA ELFDATA2LSB");
    assertEquals(1, elf.get(6), "EI_VERSION");
    assertEquals(3, elf.getShort(16), "e_type ET_DYN");
    assertEquals(62, elf.getShort(18), "e_machine EM_X86_64");
    assertEquals(1, elf.getInt(20), "e_version");
    assertEquals(64, elf.getShort(52), "e_ehsize");
    assertEquals(56, elf.getShort(54), "e_phentsize");
    assertEquals(0, elf.getShort(60), "e_shnum");
    assertEquals(504, elf.capacity(), "the documented size");
  }

  @Test
  void segmentsMapTheFileAsTheLoaderNeedsIt() {
    byte[] bytes = MklVendorShim.bytes();
    List<Segment> segments = segments(buffer(bytes));
    assertEquals(
        List.of(PT_LOAD, PT_LOAD, PT_DYNAMIC, PT_GNU_STACK),
        segments.stream().map(Segment::type).toList());
    for (Segment s : segments) {
      assertTrue(s.offset() + s.fileSize() <= bytes.length, "segment inside the file: " + s);
      assertEquals(s.fileSize(), s.memSize(), "nothing to zero-fill: " + s);
      if (s.type() == PT_LOAD) {
        assertEquals(
            s.offset() % s.align(), s.vaddr() % s.align(), "p_offset ≡ p_vaddr mod p_align: " + s);
      }
    }
    Segment text = segments.get(0);
    assertEquals(0, text.offset(), "the first load maps the ELF and program headers");
    assertEquals(PF_R | PF_X, text.flags());
    assertEquals(PF_R | PF_W, segments.get(1).flags());
    Segment dynamic = segments.get(2);
    Segment data = segments.get(1);
    assertEquals(data.vaddr(), dynamic.vaddr(), "PT_DYNAMIC lies in the writable load");
    assertEquals(data.offset(), dynamic.offset());
    assertEquals(0, segments.get(3).flags() & PF_X, "non-executable stack");
    assertTrue(data.vaddr() >= text.vaddr() + text.memSize(), "loads do not overlap in memory");
  }

  @Test
  void hashLookupOfTheMklSymbolFindsMovEax1Ret() {
    byte[] bytes = MklVendorShim.bytes();
    ByteBuffer elf = buffer(bytes);
    List<Segment> segments = segments(elf);
    Segment dynamic =
        segments.stream().filter(s -> s.type() == PT_DYNAMIC).findFirst().orElseThrow();
    long hash = -1;
    long symtab = -1;
    long strtab = -1;
    long strsz = -1;
    long syment = -1;
    int entries = 0;
    for (long at = dynamic.offset(); ; at += 16) {
      long tag = elf.getLong((int) at);
      long value = elf.getLong((int) at + 8);
      entries++;
      if (tag == 0) {
        break;
      }
      switch ((int) tag) {
        case 4 -> hash = fileOffset(segments, value);
        case 5 -> strtab = fileOffset(segments, value);
        case 6 -> symtab = fileOffset(segments, value);
        case 10 -> strsz = value;
        case 11 -> syment = value;
        default -> throw new AssertionError("unexpected dynamic tag " + tag);
      }
    }
    assertEquals(dynamic.fileSize(), entries * 16L, "DT_NULL ends the table exactly at its end");
    assertEquals(24, syment, "DT_SYMENT");
    assertTrue(strtab + strsz <= bytes.length, "string table inside the file");

    int nbucket = elf.getInt((int) hash);
    int nchain = elf.getInt((int) hash + 4);
    assertTrue(symtab + (long) nchain * syment <= bytes.length, "symbol table inside the file");
    String name = "mkl_serv_intel_cpu_true";
    int index = elf.getInt((int) hash + 8 + 4 * (int) (sysvHash(name) % nbucket));
    String found = null;
    int symbol = 0;
    while (index != 0) {
      int at = (int) (symtab + index * syment);
      String candidate = string(bytes, (int) strtab, elf.getInt(at), (int) strsz);
      if (candidate.equals(name)) {
        found = candidate;
        symbol = at;
        break;
      }
      index = elf.getInt((int) hash + 8 + 4 * nbucket + 4 * index);
    }
    assertEquals(name, found, "the hash table leads to the symbol");
    assertEquals(0x12, elf.get(symbol + 4), "STB_GLOBAL, STT_FUNC");
    assertEquals(0, elf.get(symbol + 5), "STV_DEFAULT");
    int section = Short.toUnsignedInt(elf.getShort(symbol + 6));
    assertTrue(
        section != 0 && section < 0xff00,
        "defined, not SHN_ABS or another special index: " + section);
    long code = fileOffset(segments, elf.getLong(symbol + 8));
    assertEquals(6, elf.getLong(symbol + 16), "st_size");
    Segment text = segments.get(0);
    assertTrue(
        code >= text.offset() && code + 6 <= text.offset() + text.fileSize(),
        "code in the R+X load");
    assertArrayEquals(
        new byte[] {(byte) 0xb8, 0x01, 0x00, 0x00, 0x00, (byte) 0xc3},
        slice(elf, (int) code, 6),
        "mov eax, 1; ret");
  }

  @Test
  void writesAtomicallyWorldReadableAndReplacesAnOlderFile(@TempDir Path dir) throws IOException {
    Path target = dir.resolve("native").resolve(MklVendorShim.FILE_NAME);
    MklVendorShim.write(target);
    Files.writeString(target, "an older, different file");
    assertEquals(target, MklVendorShim.write(target));
    assertArrayEquals(MklVendorShim.bytes(), Files.readAllBytes(target));
    try (Stream<Path> files = Files.list(target.getParent())) {
      assertEquals(List.of(target), files.toList(), "no temporary file left");
    }
    assertTrue(Files.getPosixFilePermissions(target).contains(PosixFilePermission.OTHERS_READ));
  }

  @Test
  void theDynamicLoaderAcceptsIt(@TempDir Path dir) throws IOException {
    assumeTrue(
        System.getProperty("os.name").equals("Linux")
            && System.getProperty("os.arch").equals("amd64"),
        "an x86-64 ELF object loads on Linux x86-64 only");
    Path shim = MklVendorShim.write(dir.resolve(MklVendorShim.FILE_NAME));
    System.load(shim.toAbsolutePath().toString());
  }

  private static List<Segment> segments(ByteBuffer elf) {
    long phoff = elf.getLong(32);
    int phentsize = elf.getShort(54);
    int phnum = elf.getShort(56);
    List<Segment> segments = new ArrayList<>();
    for (int i = 0; i < phnum; i++) {
      int at = (int) phoff + i * phentsize;
      segments.add(
          new Segment(
              elf.getInt(at),
              elf.getInt(at + 4),
              elf.getLong(at + 8),
              elf.getLong(at + 16),
              elf.getLong(at + 32),
              elf.getLong(at + 40),
              elf.getLong(at + 48)));
    }
    return segments;
  }

  /** Where a virtual address lies in the file, through the PT_LOAD that maps it. */
  private static long fileOffset(List<Segment> segments, long address) {
    for (Segment s : segments) {
      if (s.type() == PT_LOAD && address >= s.vaddr() && address < s.vaddr() + s.fileSize()) {
        return address - s.vaddr() + s.offset();
      }
    }
    throw new AssertionError(
        "address 0x" + Long.toHexString(address) + " is not mapped from the file");
  }

  /** The System V ABI's ELF hash function. */
  private static long sysvHash(String name) {
    long h = 0;
    for (byte c : name.getBytes(StandardCharsets.US_ASCII)) {
      h = (h << 4) + (c & 0xff);
      long g = h & 0xf0000000L;
      if (g != 0) {
        h ^= g >>> 24;
      }
      h &= ~g;
    }
    return h;
  }

  private static String string(byte[] bytes, int table, int index, int tableSize) {
    int end = table + index;
    while (bytes[end] != 0) {
      end++;
      assertTrue(end < table + tableSize, "string runs past the string table");
    }
    return new String(bytes, table + index, end - table - index, StandardCharsets.US_ASCII);
  }

  private static ByteBuffer buffer(byte[] bytes) {
    return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static byte[] slice(ByteBuffer elf, int offset, int length) {
    byte[] out = new byte[length];
    elf.get(offset, out);
    return out;
  }
}
