package org.deltaboost.data.image;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of native memory that decoders may hold at once, over all threads: a reservation that
 * would pass the limit is refused, and the caller decodes on the heap instead, where the JVM's
 * maximum heap bounds it and running out is reported as such. Native memory is outside that bound,
 * so without this a dataset of huge images on many decoding threads could exhaust the machine.
 */
final class NativeMemoryBudget {
  private final long limit;
  private final AtomicLong held = new AtomicLong();

  /**
   * @param limit the most bytes held at once
   */
  NativeMemoryBudget(long limit) {
    this.limit = limit;
  }

  /**
   * @param bytes what a decode is about to allocate
   * @return whether they were reserved; if so, {@link #release} them when freed
   */
  boolean tryReserve(long bytes) {
    while (true) {
      long now = held.get();
      if (bytes > limit - now) {
        return false;
      }
      if (held.compareAndSet(now, now + bytes)) {
        return true;
      }
    }
  }

  /**
   * @param bytes bytes reserved by {@link #tryReserve}, now freed
   */
  void release(long bytes) {
    held.addAndGet(-bytes);
  }

  /**
   * @return the bytes reserved now
   */
  long held() {
    return held.get();
  }
}
