package dev.seedream.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** What the command's classes may depend on. */
class ArchitectureTest {
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.seedream.cli");

  @Test
  void dependsOnTheJdkTheSdkPicocliAndGsonOnly() {
    classes().that().doNotHaveSimpleName("Signals").should().onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "dev.seedream..", "picocli..", "com.google.gson..")
        .check(CLASSES);
  }

  @Test
  void onlySignalsUsesSunMiscAndNothingElseOfTheJdkInternals() {
    classes().that().haveSimpleName("Signals").should().onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "dev.seedream.cli..", "sun.misc..")
        .check(CLASSES);
  }
}
