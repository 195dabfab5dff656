package org.deltaboost.strategies;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/**
 * The targets built in Java (float32, float64) against the engine formula {@code onehot·positive +
 * (1 − onehot)·negative} they replace: equal bit for bit, for every label type the loss accepts.
 */
class OneHotTargetsTest {

  private static final int[] CLASSES = {3, 0, 9, 9, 1, 5, 0, 7};

  @Test
  void javaTargetsEqualTheEngineFormulaBitForBit() {
    double[][] targetPairs = {{0, 10}, {-1, 1}, {0.1, 0.9}, {-0.3, 1e-7}};
    DataType[] labelTypes = {
      DataType.FLOAT32, DataType.FLOAT64, DataType.INT32, DataType.INT64, DataType.UINT8
    };
    try (NDManager m = NDManager.newBaseManager()) {
      for (DataType labelType : labelTypes) {
        for (Shape shape : new Shape[] {new Shape(CLASSES.length), new Shape(CLASSES.length, 1)}) {
          NDArray labels = m.create(CLASSES).toType(labelType, false).reshape(shape);
          for (double[] pair : targetPairs) {
            for (DataType targetType : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
              NDArray java = OneHotTargets.encode(labels, 10, targetType, pair[0], pair[1]);
              NDArray engine =
                  OneHotTargets.encodeOnEngine(labels, CLASSES, 10, targetType, pair[0], pair[1]);
              String what =
                  labelType + " " + shape + " -> " + targetType + " " + pair[0] + "," + pair[1];
              assertEquals(engine.getShape(), java.getShape(), what);
              assertEquals(engine.getDataType(), java.getDataType(), what);
              assertArrayEquals(
                  engine.toType(DataType.FLOAT64, false).toDoubleArray(),
                  java.toType(DataType.FLOAT64, false).toDoubleArray(),
                  0.0,
                  what);
            }
          }
        }
      }
    }
  }

  @Test
  void otherFloatingTypesUseTheEngineFormula() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray targets =
          OneHotTargets.encode(m.create(new float[] {2, 0}), 3, DataType.FLOAT16, -1, 1);
      assertEquals(DataType.FLOAT16, targets.getDataType());
      assertArrayEquals(
          new float[] {-1, -1, 1, 1, -1, -1},
          targets.toType(DataType.FLOAT32, false).toFloatArray(),
          0f);
    }
  }

  @Test
  void targetsFromJavaClassesEqualThoseFromALabelArray() {
    try (NDManager m = NDManager.newBaseManager()) {
      for (double[] pair : new double[][] {{0, 10}, {-1, 5}, {0.1, 0.9}}) {
        NDArray fromArray =
            OneHotTargets.encode(m.create(CLASSES), 10, DataType.FLOAT32, pair[0], pair[1]);
        NDArray fromClasses = OneHotTargets.fromClasses(m, CLASSES, 10, pair[0], pair[1]);
        assertEquals(fromArray.getShape(), fromClasses.getShape());
        assertEquals(DataType.FLOAT32, fromClasses.getDataType());
        assertArrayEquals(fromArray.toFloatArray(), fromClasses.toFloatArray(), 0f);
      }
    }
  }

  @Test
  void javaClassesOutOfRangeOrMissingAreRefusedByName() {
    try (NDManager m = NDManager.newBaseManager()) {
      IllegalArgumentException high =
          assertThrows(
              IllegalArgumentException.class,
              () -> OneHotTargets.fromClasses(m, new int[] {1, 10}, 10, 0, 1));
      assertEquals("label 10 is outside [0, 10) for 10 classes", high.getMessage());
      IllegalArgumentException low =
          assertThrows(
              IllegalArgumentException.class,
              () -> OneHotTargets.fromClasses(m, new int[] {-2}, 10, 0, 1));
      assertEquals("label -2 is outside [0, 10) for 10 classes", low.getMessage());
      assertThrows(
          IllegalArgumentException.class, () -> OneHotTargets.fromClasses(m, new int[0], 10, 0, 1));
      assertThrows(
          IllegalArgumentException.class,
          () -> OneHotTargets.fromClasses(m, new int[] {0}, 0, 0, 1));
    }
  }
}
