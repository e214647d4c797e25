package dev.seedream.codec.gson;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.seedream.codec.gson", importOptions = ImportOption.DoNotIncludeTests.class)
class CodecDependencyRulesTest {
  @ArchTest
  static final ArchRule codecDependsOnlyOnTheJdkCoreAndGson =
      classes()
          .that()
          .resideInAPackage("dev.seedream.codec.gson..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("java..", "dev.seedream..", "com.google.gson..");
}
