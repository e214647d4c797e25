package dev.seedream.micrometer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.seedream.micrometer", importOptions = ImportOption.DoNotIncludeTests.class)
class SeedreamMicrometerDependencyRulesTest {
  @ArchTest
  static final ArchRule dependsOnlyOnTheJdkCoreAndMicrometer =
      classes()
          .that()
          .resideInAPackage("dev.seedream.micrometer..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("java..", "dev.seedream", "dev.seedream.micrometer..", "io.micrometer.observation..",
              "io.micrometer.common..", "io.micrometer.core.instrument..");

  @ArchTest
  static final ArchRule onlyTheBinderNeedsMicrometerCore =
      com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
          .that()
          .doNotHaveSimpleName("SeedreamMeterBinder")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.micrometer.core..");
}
