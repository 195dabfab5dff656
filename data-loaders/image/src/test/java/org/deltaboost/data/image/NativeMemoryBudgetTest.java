package org.deltaboost.data.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class NativeMemoryBudgetTest {
  @Test
  void reservationsPastTheLimitAreRefusedUntilReleased() {
    NativeMemoryBudget budget = new NativeMemoryBudget(100);
    assertTrue(budget.tryReserve(60));
    assertTrue(budget.tryReserve(40));
    assertFalse(budget.tryReserve(1));
    budget.release(40);
    assertFalse(budget.tryReserve(41));
    assertTrue(budget.tryReserve(40));
    assertEquals(100, budget.held());
    assertFalse(new NativeMemoryBudget(Long.MAX_VALUE - 1).tryReserve(Long.MAX_VALUE));
  }

  @Test
  void manyThreadsNeverHoldMoreThanTheLimit() throws InterruptedException {
    NativeMemoryBudget budget = new NativeMemoryBudget(1000);
    AtomicLong highest = new AtomicLong();
    ExecutorService threads = Executors.newFixedThreadPool(4);
    for (int t = 0; t < 4; t++) {
      threads.execute(
          () -> {
            for (int i = 0; i < 20_000; i++) {
              if (budget.tryReserve(300)) {
                highest.accumulateAndGet(budget.held(), Math::max);
                budget.release(300);
              }
            }
          });
    }
    threads.shutdown();
    assertTrue(threads.awaitTermination(1, TimeUnit.MINUTES));
    assertTrue(highest.get() <= 1000, "held " + highest.get());
    assertEquals(0, budget.held());
  }
}
