package org.deltaboost.harness.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering rules of docs/architecture.md, checked on the compiled main classes of every module
 * of the build (each module's {@code target/classes}, found from the repository root): the module
 * graph is one-way, the library never reaches into the CLI, training does not need the ONNX module,
 * and the harness's packages have no cycles.
 */
class LayeringTest {
  private static JavaClasses all;

  @BeforeAll
  static void importMainClasses() throws IOException {
    Path root = Path.of("").toAbsolutePath();
    while (!Files.exists(root.resolve("mvnw"))) {
      root = root.getParent();
    }
    List<Path> classFolders;
    try (Stream<Path> folders = Files.walk(root, 4)) {
      classFolders =
          folders
              .filter(p -> p.endsWith(Path.of("target", "classes")))
              .filter(p -> Files.isDirectory(p.resolve("org/deltaboost")))
              .toList();
    }
    if (classFolders.size() < 14) {
      throw new AssertionError("expected every module's target/classes, found " + classFolders);
    }
    all =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPaths(classFolders);
  }

  @Test
  void strategiesDependOnNoOtherModuleOfOurs() {
    noClasses()
        .that()
        .resideInAPackage("org.deltaboost.strategies..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.deltaboost.architectures..",
            "org.deltaboost.data..",
            "org.deltaboost.onnx..",
            "org.deltaboost.reports..",
            "org.deltaboost.harness..")
        .check(all);
  }

  @Test
  void dataLoadersKnowNothingOfModelsTrainingOrReports() {
    noClasses()
        .that()
        .resideInAPackage("org.deltaboost.data..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.deltaboost.strategies..",
            "org.deltaboost.architectures..",
            "org.deltaboost.onnx..",
            "org.deltaboost.reports..",
            "org.deltaboost.harness..")
        .check(all);
  }

  @Test
  void architecturesAndOnnxDoNotReachIntoTheHarnessOrReports() {
    noClasses()
        .that()
        .resideInAnyPackage("org.deltaboost.architectures..", "org.deltaboost.onnx..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.deltaboost.harness..", "org.deltaboost.reports..")
        .check(all);
  }

  @Test
  void reportsReadRunRecordsWithoutTheHarnessOrAnEngine() {
    noClasses()
        .that()
        .resideInAPackage("org.deltaboost.reports..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.deltaboost.harness..", "ai.djl..", "ai.onnxruntime..")
        .check(all);
  }

  @Test
  void theLibraryNeverReachesIntoTheCli() {
    noClasses()
        .that()
        .resideInAPackage("org.deltaboost.harness..")
        .and()
        .resideOutsideOfPackage("org.deltaboost.harness.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.deltaboost.harness.cli..", "picocli..")
        .check(all);
  }

  @Test
  void onlyTheCliUsesPicocli() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.deltaboost.harness.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("picocli..")
        .check(all);
  }

  @Test
  void evaluationAndRunRecordsNeedNoOtherModuleOfOurs() {
    noClasses()
        .that()
        .resideInAnyPackage("org.deltaboost.evaluation..", "org.deltaboost.records..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.deltaboost.strategies..",
            "org.deltaboost.architectures..",
            "org.deltaboost.data..",
            "org.deltaboost.onnx..",
            "org.deltaboost.reports..",
            "org.deltaboost.harness..")
        .check(all);
  }

  @Test
  void theHarnessLibraryTrainsWithoutTheOnnxModule() {
    noClasses()
        .that()
        .resideInAPackage("org.deltaboost.harness..")
        .and()
        .resideOutsideOfPackage("org.deltaboost.harness.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.deltaboost.onnx..", "ai.onnxruntime..")
        .check(all);
  }

  @Test
  void onlyArchitecturesAndTheExporterKnowPixelNetsBlock() {
    noClasses()
        .that()
        .resideOutsideOfPackages("org.deltaboost.architectures..", "org.deltaboost.onnx..")
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("org.deltaboost.architectures.PixelNetBlock")
        .check(all);
  }

  @Test
  void theHarnessPackagesHaveNoCycles() {
    slices().matching("org.deltaboost.harness.(**)").should().beFreeOfCycles().check(all);
  }

  @Test
  void theModulesHaveNoCycles() {
    slices().matching("org.deltaboost.(*)..").should().beFreeOfCycles().check(all);
  }

  @Test
  void noGrabBagClassNames() {
    noClasses()
        .that()
        .resideInAPackage("org.deltaboost..")
        .should()
        .haveSimpleNameEndingWith("Util")
        .orShould()
        .haveSimpleNameEndingWith("Utils")
        .orShould()
        .haveSimpleNameEndingWith("Helper")
        .orShould()
        .haveSimpleNameEndingWith("Helpers")
        .orShould()
        .haveSimpleNameEndingWith("Manager")
        .check(all);
  }
}
