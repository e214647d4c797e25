package dev.seedream.spring.boot.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a Spring test class: the test's context gets the testkit's fake Runbase, started on a free
 * loopback port, and the Seedream clients point at it with its key, a fast poll policy (20 ms) and no
 * rate budget. The fake is a bean ({@code FakeRunbase}: inject it to inject failures or read its
 * journal) and stops with the context. Needs {@code seedream-testkit} on the test classpath.
 *
 * <pre>{@code
 * @SpringBootTest
 * @AutoConfigureSeedreamFake
 * class GenerationTest {
 *   @Autowired SeedreamClient client;
 *   @Autowired FakeRunbase fake;
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface AutoConfigureSeedreamFake {}
