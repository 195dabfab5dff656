package org.deltaboost.harness.runs;

import java.nio.file.Path;

/**
 * A name that becomes a folder under the runs folder: a {@code --run-id}, a {@code --grid}, a
 * {@code --tuning-id}, or a trial folder built from an experiment's strategy label.
 *
 * <p>Rule: 1 to {@value #MAX_LENGTH} characters, no {@code /} or {@code \}, no NUL or other control
 * character, not {@code .} or {@code ..}; and the folder it resolves to under its root, normalized,
 * must lie inside that root. A name breaking the rule is refused with an {@link
 * IllegalArgumentException} naming what it names, the value and what was expected.
 */
public final class RunName {

  /** The longest name accepted (well under the 255 bytes most file systems allow). */
  public static final int MAX_LENGTH = 200;

  private RunName() {}

  /**
   * Checks {@code name} and returns the folder it names under {@code root}.
   *
   * @param what what the name is, for the message (e.g. {@code --run-id})
   * @param root the folder the result must stay inside
   * @param name the user's name
   * @return {@code root/name}
   * @throws IllegalArgumentException when the name breaks the rule
   */
  public static Path resolve(String what, Path root, String name) {
    check(what, name);
    Path base = root.toAbsolutePath().normalize();
    Path folder = base.resolve(name).normalize();
    if (!folder.startsWith(base) || folder.equals(base)) {
      throw new IllegalArgumentException(
          what
              + " '"
              + printable(name)
              + "' leaves the folder "
              + root
              + "; expected a plain folder name");
    }
    return root.resolve(name);
  }

  /**
   * Checks {@code name} against the rule without resolving it.
   *
   * @throws IllegalArgumentException when it breaks the rule
   */
  public static String check(String what, String name) {
    String problem = problem(name);
    if (problem != null) {
      throw new IllegalArgumentException(
          what + " '" + printable(name) + "' is not a folder name: " + problem);
    }
    return name;
  }

  private static String problem(String name) {
    if (name == null || name.isEmpty()) {
      return "it is empty";
    }
    if (name.length() > MAX_LENGTH) {
      return "it has " + name.length() + " characters, at most " + MAX_LENGTH + " are allowed";
    }
    if (name.equals(".") || name.equals("..")) {
      return "'.' and '..' name no folder of their own";
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '/' || c == '\\') {
        return "it contains a path separator ('" + c + "'); expected one folder name";
      }
      if (Character.isISOControl(c)) {
        return "it contains the control character U+" + String.format("%04X", (int) c);
      }
    }
    return null;
  }

  /** The name with control characters escaped, so a message stays on one line. */
  private static String printable(String name) {
    if (name == null) {
      return "";
    }
    StringBuilder text = new StringBuilder();
    int shown = Math.min(name.length(), MAX_LENGTH + 20);
    for (int i = 0; i < shown; i++) {
      char c = name.charAt(i);
      text.append(
          Character.isISOControl(c) ? String.format("\\u%04X", (int) c) : String.valueOf(c));
    }
    return shown < name.length() ? text + "..." : text.toString();
  }
}
