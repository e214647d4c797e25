package dev.seedream.transport.apache;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.seedream.transport.apache", importOptions = ImportOption.DoNotIncludeTests.class)
class TransportDependencyRulesTest {
  @ArchTest
  static final ArchRule dependsOnlyOnTheJdkCoreAndHttpClient =
      classes()
          .that()
          .resideInAPackage("dev.seedream.transport.apache..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("java..", "javax.net.ssl..", "dev.seedream..", "org.apache.hc..", "com.google.gson..");

  @ArchTest
  static final ArchRule dependsOnNoOtherTransport =
      noClasses()
          .that()
          .resideInAPackage("dev.seedream.transport.apache..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.seedream.transport.reactor..", "reactor..", "io.netty..");

  @ArchTest
  static final ArchRule usesTheCoreOnlyThroughItsApiAndPorts =
      noClasses()
          .that()
          .resideInAPackage("dev.seedream.transport.apache..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.seedream.internal..", "dev.seedream.codec..");
}
