package dev.seedream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** seedream-core depends on the JDK only. */
class CoreDependencyRulesTest {
  private static final JavaClasses CORE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
      .importPackages("dev.seedream");

  @Test
  void coreClassesDependOnlyOnJavaAndThemselves() {
    assertThat(CORE.contain(GenerationRequest.class)).isTrue();
    assertThat(CORE.contain("dev.seedream.validation.RequestValidatorRulesTest")).as("tests are left out").isFalse();
    noClasses()
        .should().dependOnClassesThat().resideOutsideOfPackages("java..", "dev.seedream..")
        .because("seedream-core has no dependency but the JDK")
        .check(CORE);
  }

  @Test
  void coreUsesOnlyTheJavaBaseModuleApi() {
    noClasses()
        .should().dependOnClassesThat().resideInAnyPackage("java.awt..", "java.sql..", "java.rmi..", "java.beans..",
            "java.util.logging..", "java.net.http..")
        .because("the jar should need java.base only")
        .check(CORE);
  }
}
