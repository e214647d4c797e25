package dev.seedream.transport.reactor;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.seedream.transport.reactor");

  @Test
  void dependsOnlyOnTheJdkCoreReactorAndNetty() {
    classes().that().resideInAPackage("dev.seedream.transport.reactor..")
        .should().onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "dev.seedream..", "reactor..", "io.netty..", "org.reactivestreams..")
        .check(MAIN);
  }

  @Test
  void doesNotDependOnTheApacheTransport() {
    noClasses().that().resideInAPackage("dev.seedream.transport.reactor..")
        .should().dependOnClassesThat().resideInAPackage("dev.seedream.transport.apache..")
        .check(MAIN);
  }

  @Test
  void theApiDoesNotExposeTheInternalPackageToTheCore() {
    noClasses().that().resideInAPackage("dev.seedream..")
        .and().resideOutsideOfPackage("dev.seedream.transport.reactor..")
        .should().dependOnClassesThat().resideInAPackage("dev.seedream.transport.reactor..")
        .allowEmptyShould(true)
        .check(MAIN);
  }
}
