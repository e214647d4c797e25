package dev.seedream.spring.boot;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.seedream.spring.boot", importOptions = ImportOption.DoNotIncludeTests.class)
class StarterDependencyRulesTest {
  /** Optional classes stay in the classes loaded only when they are present. */
  @ArchTest
  static final ArchRule micrometerOnlyInObservability =
      noClasses().that().doNotHaveSimpleName("Observability").and().doNotHaveSimpleName("Gauges")
          .should().dependOnClassesThat().resideInAnyPackage("io.micrometer..", "dev.seedream.micrometer..");

  @ArchTest
  static final ArchRule springWebOnlyInBootReactorResources =
      noClasses().that().doNotHaveSimpleName("BootReactorResources")
          .should().dependOnClassesThat().resideInAnyPackage("org.springframework.http..", "reactor.netty..");

  /**
   * Beans present whatever the transport name no transport type: Spring introspects their methods, and a
   * Reactor type there failed every app with the Apache transport alone (seedream-examples-spring-mvc runs one).
   */
  @ArchTest
  static final ArchRule sharedBeansNameNoTransport =
      noClasses().that().haveSimpleName("ClientSettings").or().haveSimpleName("SeedreamProperties")
          .or().haveSimpleName("SeedreamAutoConfiguration")
          .should().dependOnClassesThat().resideInAnyPackage("dev.seedream.transport..");

  @ArchTest
  static final ArchRule noInternalsOfOtherModules =
      noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.seedream.internal..",
          "dev.seedream.transport.reactor.internal..", "dev.seedream.transport.apache.internal..");
}
