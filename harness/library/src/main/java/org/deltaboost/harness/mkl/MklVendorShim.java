package org.deltaboost.harness.mkl;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes the <em>MKL vendor shim</em>: a 504-byte Linux x86-64 shared object whose only content is
 * the function {@code int mkl_serv_intel_cpu_true(void) { return 1; }}, built here byte by byte so
 * that deltaboost needs no C compiler and ships no binary.
 *
 * <p><b>Why.</b> The libtorch that DJL loads ({@code libtorch_cpu.so} from the {@code
 * pytorch-native-cpu} jar, PyTorch 2.7.1) contains Intel oneMKL statically (2024.0 Update 2, says
 * its {@code MKL_VERBOSE=1} banner). MKL picks its sgemm kernels by asking {@code
 * mkl_serv_intel_cpu_true()} whether the CPU vendor is Intel; on an AMD CPU the answer is 0 and MKL
 * takes a generic code path even where the CPU has AVX2 / AVX-512. {@code libtorch_cpu.so} exports
 * that function in its dynamic symbol table and calls it through the PLT, so a library loaded
 * before it ({@code LD_PRELOAD}) that defines the same symbol wins the lookup: MKL then dispatches
 * on the CPU's instruction sets alone and runs its AVX2 / AVX-512 kernels (on a Zen 4: {@code
 * mkl_blas_avx512_sgemm_kernel_0}). The results are the same up to floating-point rounding (other
 * kernels sum in another order). The launcher {@code ./deltaboost} applies it on AMD CPUs with AVX2
 * (docs/performance.md).
 *
 * <p><b>Layout</b> (ELF64, little-endian, {@code ET_DYN}, {@code EM_X86_64}; no section headers:
 * the dynamic loader reads only program headers and the dynamic table). Offsets in hex; every
 * address equals its file offset except in the second {@code PT_LOAD}, which maps the same first
 * file page again at {@code offset + 0x1000}, so the writable {@code .dynamic} needs no padding to
 * a page of its own ({@code p_offset ≡ p_vaddr mod 0x1000}).
 *
 * <pre>
 * offset size  content
 * 0x000   64   ELF header: 7f 'E' 'L' 'F', ELFCLASS64, ELFDATA2LSB, EV_CURRENT, ELFOSABI_SYSV;
 *              e_type 3 (ET_DYN), e_machine 62 (x86-64), e_version 1, e_entry 0, e_phoff 0x40,
 *              e_shoff 0, e_flags 0, e_ehsize 64, e_phentsize 56, e_phnum 4,
 *              e_shentsize 0, e_shnum 0, e_shstrndx 0
 * 0x040  224   4 program headers (56 bytes each):
 *                PT_LOAD       R+X  offset 0x000 vaddr 0x0000 size 0x198 align 0x1000  (0x000..text)
 *                PT_LOAD       R+W  offset 0x198 vaddr 0x1198 size 0x060 align 0x1000  (.dynamic)
 *                PT_DYNAMIC    R+W  offset 0x198 vaddr 0x1198 size 0x060 align 8
 *                PT_GNU_STACK  R+W  all zero, align 16 (no X: glibc 2.41+ refuses executable stacks)
 * 0x120   20   DT_HASH (SysV), 32-bit words: nbucket 1, nchain 2, bucket[0] = 1, chain[0] = 0,
 *              chain[1] = 0 (every name hashes to bucket 0, which holds symbol 1)
 * 0x134    4   zero (aligns the symbol table to 8)
 * 0x138   48   DT_SYMTAB, 2 entries of 24 bytes (st_name u32, st_info u8, st_other u8,
 *              st_shndx u16, st_value u64, st_size u64):
 *                [0] all zero (the mandatory null symbol)
 *                [1] st_name 1, st_info 0x12 (STB_GLOBAL, STT_FUNC), st_other 0 (STV_DEFAULT),
 *                    st_shndx 1 (a defined, non-special index: SHN_ABS values would not be
 *                    relocated by the load address), st_value 0x190, st_size 6
 * 0x168   25   DT_STRTAB: "\0mkl_serv_intel_cpu_true\0"
 * 0x181   15   zero (aligns the code to 16)
 * 0x190    6   the code: b8 01 00 00 00 (mov eax, 1), c3 (ret)
 * 0x196    2   zero (aligns the dynamic table to 8)
 * 0x198   96   .dynamic, 6 entries (d_tag u64, d_val u64): DT_HASH 0x120, DT_STRTAB 0x168,
 *              DT_SYMTAB 0x138, DT_STRSZ 25, DT_SYMENT 24, DT_NULL 0
 * 0x1f8        end of file (504 bytes)
 * </pre>
 *
 * <p>The code is position-independent and references nothing, so the object needs no relocations,
 * no {@code DT_NEEDED} and no symbol versions.
 */
public final class MklVendorShim {

  /** The MKL function the shim defines. */
  public static final String SYMBOL = "mkl_serv_intel_cpu_true";

  /** The file name the launcher gives the shim ({@code harness/target/native/}). */
  public static final String FILE_NAME = "libdeltaboost-mkl-vendor-shim.so";

  /** {@code mov eax, 1; ret}: the function's whole body. */
  private static final byte[] CODE = {(byte) 0xb8, 0x01, 0x00, 0x00, 0x00, (byte) 0xc3};

  private static final byte[] STRTAB = ("\0" + SYMBOL + "\0").getBytes(StandardCharsets.US_ASCII);

  private static final int PAGE = 0x1000;
  private static final int EHDR_SIZE = 64;
  private static final int PHDR_SIZE = 56;
  private static final int PHDR_COUNT = 4;
  private static final int SYM_SIZE = 24;
  private static final int DYN_SIZE = 16;
  private static final int DYN_COUNT = 6;

  private static final int HASH_OFFSET = EHDR_SIZE + PHDR_COUNT * PHDR_SIZE;
  private static final int HASH_SIZE = 5 * Integer.BYTES;
  private static final int SYMTAB_OFFSET = align(HASH_OFFSET + HASH_SIZE, 8);
  private static final int STRTAB_OFFSET = SYMTAB_OFFSET + 2 * SYM_SIZE;
  private static final int TEXT_OFFSET = align(STRTAB_OFFSET + STRTAB.length, 16);
  private static final int DYNAMIC_OFFSET = align(TEXT_OFFSET + CODE.length, 8);
  private static final int DYNAMIC_SIZE = DYN_COUNT * DYN_SIZE;
  private static final int DYNAMIC_VADDR = DYNAMIC_OFFSET + PAGE;
  private static final int FILE_SIZE = DYNAMIC_OFFSET + DYNAMIC_SIZE;

  private static final int PT_LOAD = 1;
  private static final int PT_DYNAMIC = 2;
  private static final int PT_GNU_STACK = 0x6474e551;
  private static final int PF_X = 1;
  private static final int PF_W = 2;
  private static final int PF_R = 4;
  private static final long DT_NULL = 0;
  private static final long DT_HASH = 4;
  private static final long DT_STRTAB = 5;
  private static final long DT_SYMTAB = 6;
  private static final long DT_STRSZ = 10;
  private static final long DT_SYMENT = 11;

  private MklVendorShim() {}

  /** The shared object's bytes, as laid out in the class documentation. */
  public static byte[] bytes() {
    ByteBuffer elf = ByteBuffer.allocate(FILE_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    // ELF header.
    elf.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0}).put(new byte[8]);
    elf.putShort((short) 3).putShort((short) 62).putInt(1);
    elf.putLong(0).putLong(EHDR_SIZE).putLong(0).putInt(0);
    elf.putShort((short) EHDR_SIZE).putShort((short) PHDR_SIZE).putShort((short) PHDR_COUNT);
    elf.putShort((short) 0).putShort((short) 0).putShort((short) 0);
    // Program headers.
    programHeader(elf, PT_LOAD, PF_R | PF_X, 0, 0, DYNAMIC_OFFSET, PAGE);
    programHeader(elf, PT_LOAD, PF_R | PF_W, DYNAMIC_OFFSET, DYNAMIC_VADDR, DYNAMIC_SIZE, PAGE);
    programHeader(elf, PT_DYNAMIC, PF_R | PF_W, DYNAMIC_OFFSET, DYNAMIC_VADDR, DYNAMIC_SIZE, 8);
    programHeader(elf, PT_GNU_STACK, PF_R | PF_W, 0, 0, 0, 16);
    // SysV hash table: one bucket, holding symbol 1; both chains end at once.
    elf.position(HASH_OFFSET);
    elf.putInt(1).putInt(2).putInt(1).putInt(0).putInt(0);
    // Symbol table: the null symbol (left zero), then ours.
    elf.position(SYMTAB_OFFSET + SYM_SIZE);
    elf.putInt(1).put((byte) 0x12).put((byte) 0).putShort((short) 1);
    elf.putLong(TEXT_OFFSET).putLong(CODE.length);
    elf.position(STRTAB_OFFSET);
    elf.put(STRTAB);
    elf.position(TEXT_OFFSET);
    elf.put(CODE);
    elf.position(DYNAMIC_OFFSET);
    elf.putLong(DT_HASH).putLong(HASH_OFFSET);
    elf.putLong(DT_STRTAB).putLong(STRTAB_OFFSET);
    elf.putLong(DT_SYMTAB).putLong(SYMTAB_OFFSET);
    elf.putLong(DT_STRSZ).putLong(STRTAB.length);
    elf.putLong(DT_SYMENT).putLong(SYM_SIZE);
    elf.putLong(DT_NULL).putLong(0);
    return elf.array();
  }

  /**
   * Writes the shim to {@code target} atomically (a temporary file in the same folder, renamed over
   * it), readable by everyone; creates missing parent folders. Returns {@code target}.
   *
   * @throws IOException naming {@code target} and what stood in the way
   */
  public static Path write(Path target) throws IOException {
    Path absolute = target.toAbsolutePath();
    if (Files.isDirectory(absolute)) {
      throw new IOException("cannot write the MKL vendor shim to " + target + ": it is a folder");
    }
    Path folder = absolute.getParent();
    Path temporary = null;
    try {
      Files.createDirectories(folder);
      temporary = Files.createTempFile(folder, "." + absolute.getFileName(), ".tmp");
      Files.write(temporary, bytes());
      if (Files.getFileStore(temporary).supportsFileAttributeView("posix")) {
        Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
      }
      Files.move(
          temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      temporary = null;
      return target;
    } catch (IOException e) {
      throw new IOException("cannot write the MKL vendor shim to " + target + ": " + reason(e), e);
    } finally {
      if (temporary != null) {
        Files.deleteIfExists(temporary);
      }
    }
  }

  private static void programHeader(
      ByteBuffer elf, int type, int flags, long offset, long vaddr, long size, long align) {
    elf.putInt(type).putInt(flags).putLong(offset).putLong(vaddr).putLong(vaddr);
    elf.putLong(size).putLong(size).putLong(align);
  }

  /** NIO's messages are often the bare path; say what the path is and what went wrong. */
  private static String reason(IOException e) {
    String file = e instanceof FileSystemException f && f.getFile() != null ? f.getFile() : "";
    if (e instanceof AccessDeniedException) {
      return "permission denied: " + file;
    }
    if (e instanceof FileAlreadyExistsException || e instanceof NotDirectoryException) {
      return "not a folder: " + file;
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason() + (file.isEmpty() ? "" : ": " + file);
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  private static int align(int value, int alignment) {
    return (value + alignment - 1) / alignment * alignment;
  }
}
