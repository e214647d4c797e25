package dev.seedream.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** What the testkit's classes may depend on. */
class ArchitectureTest {
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.seedream.testkit");

  @Test
  void dependsOnTheJdkCoreWireMockGsonAndJUnitOnly() {
    // com.sun.management: the contract suite's heap test reads HotSpot's per-thread allocation counters
    classes().should().onlyDependOnClassesThat().resideInAnyPackage(
            "java..", "com.sun.management..", "dev.seedream", "dev.seedream.validation", "dev.seedream.spi", "dev.seedream.testkit..",
            "com.github.tomakehurst.wiremock..", "wiremock..", "com.google.gson..", "org.junit..")
        .check(CLASSES);
  }

  @Test
  void onlyTheExtensionItsAnnotationAndTheContractSuiteUseJUnit() {
    noClasses().that().resideOutsideOfPackage("dev.seedream.testkit.contract")
        .and().doNotHaveSimpleName("FakeRunbaseExtension").and().doNotHaveSimpleName("FakeRunbaseExtension$Builder")
        .and().doNotHaveSimpleName("WithFakeRunbase")
        .should().dependOnClassesThat().resideInAPackage("org.junit..")
        .check(CLASSES);
  }

  @Test
  void thePublicApiDoesNotExposeWireMockOrGson() {
    noClasses().that().resideInAPackage("dev.seedream.testkit")
        .should().dependOnClassesThat().resideInAnyPackage("com.github.tomakehurst.wiremock..", "wiremock..", "com.google.gson..")
        .check(CLASSES);
  }

  @Test
  void theFakeNeverUsesTheSdkPortsOrCodec() {
    noClasses().that().resideOutsideOfPackage("dev.seedream.testkit.contract")
        .should().dependOnClassesThat().resideInAnyPackage("dev.seedream.spi..", "dev.seedream.internal..")
        .check(CLASSES);
  }

  @Test
  void theContractSuiteUsesOnlyThePublicApiOfTheClients() {
    noClasses().that().resideInAPackage("dev.seedream.testkit.contract")
        .should().dependOnClassesThat().resideInAnyPackage("dev.seedream.internal..", "dev.seedream.testkit.internal..")
        .check(CLASSES);
  }
}
