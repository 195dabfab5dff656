package org.deltaboost.strategies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ScalarScopeTest {

  @Test
  void withoutAScopeEveryCallMakesANewConstantInTheArraysManager() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.ones(new Shape(2, 2));
      NDArray a = ScalarScope.scalar(x, 0.1);
      NDArray b = ScalarScope.scalar(x, 0.1);
      assertNotSame(a, b);
      assertSame(m, a.getManager());
      assertEquals(new Shape(), a.getShape());
      assertEquals(DataType.FLOAT32, a.getDataType());
      assertEquals(0.1f, a.getFloat());
    }
  }

  @Test
  void aScopeMakesEachConstantOnceAndFreesThemOnClose() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.ones(new Shape(2, 2));
      NDArray wide = m.ones(new Shape(2), DataType.FLOAT64);
      NDArray alpha;
      try (ScalarScope scope = ScalarScope.open(m)) {
        alpha = ScalarScope.scalar(x, 0.1);
        assertSame(alpha, ScalarScope.scalar(x, 0.1));
        assertNotSame(alpha, ScalarScope.scalar(x, 0.2));
        NDArray alpha64 = ScalarScope.scalar(wide, 0.1);
        assertEquals(DataType.FLOAT64, alpha64.getDataType());
        assertEquals(0.1, alpha64.getDouble());
        assertEquals(0.1f, alpha.getFloat());
        assertEquals(3, scope.size());
        // The same numbers as without the scope.
        assertEquals(x.mul(ScalarScope.scalar(x, 0.1)).getFloat(0, 0), x.mul(0.1f).getFloat(0, 0));
      }
      assertTrue(alpha.isReleased());
      assertNotSame(alpha, ScalarScope.scalar(x, 0.1), "after close, no scope");
      assertFalse(x.isReleased());
    }
  }

  @Test
  void scopesNestAndCloseInOrder() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.ones(new Shape(1));
      ScalarScope outer = ScalarScope.open(m);
      NDArray fromOuter = ScalarScope.scalar(x, 2);
      ScalarScope inner = ScalarScope.open(m);
      assertNotSame(fromOuter, ScalarScope.scalar(x, 2));
      IllegalStateException e = assertThrows(IllegalStateException.class, outer::close);
      assertTrue(e.getMessage().contains("after the scopes opened inside it"), e.getMessage());
      inner.close();
      assertSame(fromOuter, ScalarScope.scalar(x, 2));
      outer.close();
      outer.close(); // a second close does nothing
      assertNotSame(fromOuter, ScalarScope.scalar(x, 2));
    }
  }

  @Test
  void aScopeBelongsToItsThread() throws Exception {
    try (NDManager m = NDManager.newBaseManager()) {
      ScalarScope scope = ScalarScope.open(m);
      NDArray x = m.ones(new Shape(1));
      NDArray here = ScalarScope.scalar(x, 5);
      AtomicReference<Object> there = new AtomicReference<>();
      Thread other =
          new Thread(
              () -> {
                there.set(ScalarScope.scalar(x, 5)); // no scope on this thread: a new constant
                try {
                  scope.close();
                } catch (IllegalStateException e) {
                  there.set(e);
                }
              });
      other.start();
      other.join();
      assertTrue(there.get() instanceof IllegalStateException, String.valueOf(there.get()));
      assertSame(here, ScalarScope.scalar(x, 5));
      scope.close(); // on its own thread
    }
  }
}
