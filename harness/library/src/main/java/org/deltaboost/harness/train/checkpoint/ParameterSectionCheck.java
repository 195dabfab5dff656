package org.deltaboost.harness.train.checkpoint;

import ai.djl.MalformedModelException;
import ai.djl.nn.Block;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.deltaboost.harness.train.optim.EncodedArrayHeader;

/**
 * Checks the parameter section of a checkpoint against the network it is to be loaded into, before
 * DJL's decoder reads it: the network, initialized for the run's input shape, writes its own
 * parameters ({@link Block#saveParameters}) into this stream, which compares them with the
 * checkpoint's bytes as they come.
 *
 * <p>Rule: every byte outside the arrays' data (block versions, block metadata such as input
 * shapes, parameter markers and names) must equal the network's; each array's header ({@link
 * EncodedArrayHeader}) must declare the network's data type, shape, layout and data length (its
 * name and byte order may differ); its data is skipped, and must be in the file. DJL writes each
 * array in one {@code write} call, which is how the arrays are told from the metadata. A section
 * that passes makes DJL allocate exactly what the network itself holds, however its lengths were
 * forged.
 */
final class ParameterSectionCheck extends OutputStream {

  /** A difference between the checkpoint and the network; the message says which and where. */
  static final class MismatchException extends IOException {
    private static final long serialVersionUID = 1L;

    MismatchException(String message) {
      super(message);
    }
  }

  private final DataInputStream checkpoint;
  private final List<String> names;
  private int arrays;

  /**
   * Creates the check.
   *
   * @param checkpoint the checkpoint, positioned at its parameter section
   * @param names the network's parameter names in the order it writes them ({@link
   *     Block#getParameters})
   */
  ParameterSectionCheck(DataInputStream checkpoint, List<String> names) {
    this.checkpoint = checkpoint;
    this.names = names;
  }

  /** Runs the check: {@code block}, initialized, writes its parameters through it. */
  void check(Block block) throws IOException {
    try (DataOutputStream out = new DataOutputStream(this)) {
      block.saveParameters(out);
    }
  }

  @Override
  public void write(int b) throws IOException {
    if (checkpoint.readUnsignedByte() != (b & 0xFF)) {
      throw new MismatchException(
          "its layers differ from the network's ("
              + (arrays < names.size()
                  ? "block data before parameter '" + names.get(arrays) + "'"
                  : "block data after the last parameter")
              + ")");
    }
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    if (!EncodedArrayHeader.startsAnArray(bytes, offset, length)) {
      for (int i = 0; i < length; i++) {
        write(bytes[offset + i]);
      }
      return;
    }
    String name = arrays < names.size() ? names.get(arrays) : "#" + (arrays + 1);
    arrays++;
    EncodedArrayHeader expected = EncodedArrayHeader.of(bytes, offset, length);
    EncodedArrayHeader stored;
    try {
      stored = EncodedArrayHeader.read(checkpoint);
    } catch (MalformedModelException e) {
      throw new MismatchException("parameter '" + name + "': " + e.getMessage());
    }
    String mismatch = stored.mismatch(expected);
    if (mismatch != null) {
      throw new MismatchException("parameter '" + name + "' " + mismatch);
    }
    checkpoint.skipNBytes(stored.length());
  }
}
