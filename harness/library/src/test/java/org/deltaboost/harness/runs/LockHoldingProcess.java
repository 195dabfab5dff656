package org.deltaboost.harness.runs;

import java.nio.file.Path;

/**
 * A second process for {@link RunFolderLockTest}: locks the folder given as its argument, says
 * {@code locked} on standard output, and holds the lock until it is killed.
 */
public final class LockHoldingProcess {

  private LockHoldingProcess() {}

  public static void main(String[] args) throws Exception {
    RunFolderLock lock = RunFolderLock.acquire(Path.of(args[0]));
    System.out.println("locked " + lock.folder());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
