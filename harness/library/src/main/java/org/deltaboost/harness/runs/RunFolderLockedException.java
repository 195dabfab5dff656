package org.deltaboost.harness.runs;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A run folder is locked by another live process (or another run in this one): it is not ours to
 * write.
 */
public final class RunFolderLockedException extends IOException {

  private static final long serialVersionUID = 1L;

  private final transient Path folder;
  private final String holder;

  /**
   * @param folder the locked run folder
   * @param holder who holds it, as its lock file says ({@code pid 12 on host since …}), or a
   *     description when the file says nothing yet
   */
  public RunFolderLockedException(Path folder, String holder) {
    super(
        "run folder "
            + folder
            + " is in use by "
            + holder
            + "; wait for it, or choose another folder");
    this.folder = folder;
    this.holder = holder;
  }

  /** Returns the locked folder. */
  public Path folder() {
    return folder;
  }

  /** Returns who holds it. */
  public String holder() {
    return holder;
  }
}
