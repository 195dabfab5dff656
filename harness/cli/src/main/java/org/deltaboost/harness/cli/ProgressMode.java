package org.deltaboost.harness.cli;

/** When to draw the in-epoch progress bar. */
enum ProgressMode {
  /** Only when standard output is an interactive terminal. */
  auto,
  /** Always (to standard error). */
  always,
  /** Never; the per-epoch lines still show progress and ETA. */
  never;

  boolean enabled() {
    return this == always || (this == auto && System.console() != null);
  }
}
