package org.deltaboost.harness.cli;

import java.io.EOFException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;
import java.util.Map;

/**
 * The one line that says why a command failed, other than by a usage error (printed as {@code
 * deltaboost: error: <line>}):
 *
 * <ul>
 *   <li>a file-system error: what could not be done to which path and why, e.g. {@code cannot
 *       create directory /x/runs: permission denied} (the operation is the {@link
 *       java.nio.file.Files} method that failed);
 *   <li>text that is not UTF-8, an end of file, any other I/O error: what it says;
 *   <li>running out of heap or stack: what ran out, its size, and how to give more ({@code
 *       DELTABOOST_JAVA_OPTS=-Xmx…}, {@code -Xss…});
 *   <li>an exception without a message (a bug): its type and where it was thrown;
 *   <li>anything else: its message.
 * </ul>
 *
 * Control characters in a message are escaped ({@code \n}, {@code \u0000}), so it stays one line.
 */
final class FailureMessage {

  /** {@link java.nio.file.Files} methods by what they were doing. */
  private static final Map<String, String> OPERATIONS =
      Map.ofEntries(
          Map.entry("createDirectory", "create directory"),
          Map.entry("createDirectories", "create directory"),
          Map.entry("createFile", "create"),
          Map.entry("createTempFile", "create a file in"),
          Map.entry("createTempDirectory", "create a directory in"),
          Map.entry("newOutputStream", "write"),
          Map.entry("newBufferedWriter", "write"),
          Map.entry("write", "write"),
          Map.entry("writeString", "write"),
          Map.entry("newInputStream", "read"),
          Map.entry("newBufferedReader", "read"),
          Map.entry("readAllBytes", "read"),
          Map.entry("readString", "read"),
          Map.entry("readAllLines", "read"),
          Map.entry("lines", "read"),
          Map.entry("size", "read"),
          Map.entry("newByteChannel", "open"),
          Map.entry("move", "move"),
          Map.entry("copy", "copy"),
          Map.entry("delete", "delete"),
          Map.entry("deleteIfExists", "delete"),
          Map.entry("newDirectoryStream", "list"),
          Map.entry("list", "list"),
          Map.entry("walk", "list"),
          Map.entry("walkFileTree", "list"),
          Map.entry("find", "list"));

  private FailureMessage() {}

  /** Returns the line for a failure. */
  static String of(Throwable failure) {
    Throwable e = failure;
    while (e instanceof UncheckedIOException && e.getCause() != null) {
      e = e.getCause();
    }
    String line;
    if (e instanceof FileSystemException fs) {
      line = fileSystem(fs);
    } else if (e instanceof CharacterCodingException coding) {
      line =
          "cannot "
              + operation(coding, "read")
              + " text: not UTF-8"
              + (coding instanceof MalformedInputException m
                  ? " (malformed input of " + m.getInputLength() + " byte(s))"
                  : "");
    } else if (e instanceof EOFException && e.getMessage() == null) {
      line = "unexpected end of file";
    } else if (e instanceof OutOfMemoryError oom) {
      line = outOfMemory(oom);
    } else if (e instanceof StackOverflowError) {
      line =
          "out of stack space (input nested too deeply?); give threads more, e.g."
              + " DELTABOOST_JAVA_OPTS=-Xss16m";
    } else if (e.getMessage() == null || e.getMessage().isBlank()) {
      StackTraceElement[] trace = e.getStackTrace();
      line =
          "internal error: "
              + e.getClass().getName()
              + (trace.length > 0 ? " at " + trace[0] : "")
              + " (DELTABOOST_JAVA_OPTS=-Ddeltaboost.stacktrace=true prints the stack trace)";
    } else {
      line = e.getMessage();
    }
    return oneLine(line);
  }

  private static String fileSystem(FileSystemException e) {
    String operation = operation(e, "access");
    String reason;
    if (e instanceof AccessDeniedException) {
      reason = "permission denied";
    } else if (e instanceof NoSuchFileException) {
      reason = "no such file or directory";
    } else if (e instanceof NotDirectoryException) {
      reason = "not a directory";
    } else if (e instanceof FileAlreadyExistsException) {
      reason =
          operation.equals("create directory") ? "exists and is not a directory" : "already exists";
    } else if (e instanceof DirectoryNotEmptyException) {
      reason = "directory not empty";
    } else if (e instanceof FileSystemLoopException) {
      reason = "symbolic links form a loop";
    } else if (e.getReason() != null) {
      reason = e.getReason().toLowerCase(Locale.ROOT);
    } else {
      reason = e.getClass().getSimpleName();
    }
    String what = e.getFile() == null ? "a file" : e.getFile();
    if (e.getOtherFile() != null) {
      what += " to " + e.getOtherFile();
    }
    return "cannot " + operation + " " + what + ": " + reason;
  }

  /** The operation of the first {@link java.nio.file.Files} method on the failure's stack. */
  private static String operation(Throwable e, String fallback) {
    for (StackTraceElement frame : e.getStackTrace()) {
      if (frame.getClassName().equals("java.nio.file.Files")) {
        String operation = OPERATIONS.get(frame.getMethodName());
        if (operation != null) {
          return operation;
        }
      }
    }
    return fallback;
  }

  private static String outOfMemory(OutOfMemoryError e) {
    long max = Runtime.getRuntime().maxMemory();
    long suggested = Math.max(2, (long) Math.ceil(2.0 * max / (1L << 30)));
    String heap =
        max < 1L << 30
            ? (max >> 20) + " MiB"
            : String.format(Locale.ROOT, "%.1f GiB", max / (double) (1L << 30));
    return "out of memory ("
        + (e.getMessage() == null ? "Java heap" : e.getMessage())
        + ") with a heap of at most "
        + heap
        + "; give the JVM more, e.g. DELTABOOST_JAVA_OPTS=-Xmx"
        + suggested
        + "g";
  }

  private static String oneLine(String text) {
    StringBuilder line = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append(' ');
                default -> {
                  if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                    line.append(String.format(Locale.ROOT, "\\u%04x", c));
                  } else {
                    line.appendCodePoint(c);
                  }
                }
              }
            });
    return line.toString();
  }
}
