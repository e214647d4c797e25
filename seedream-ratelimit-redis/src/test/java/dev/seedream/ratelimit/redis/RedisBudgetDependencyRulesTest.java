package dev.seedream.ratelimit.redis;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.seedream.ratelimit.redis", importOptions = ImportOption.DoNotIncludeTests.class)
class RedisBudgetDependencyRulesTest {
  @ArchTest
  static final ArchRule dependsOnlyOnTheJdkCoreAndLettuce =
      classes()
          .that()
          .resideInAPackage("dev.seedream.ratelimit.redis..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("java..", "dev.seedream", "dev.seedream.spi..", "dev.seedream.ratelimit.redis..", "io.lettuce.core..", "io.netty.util.concurrent..");
}
