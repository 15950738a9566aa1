package fr.espacecommun;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * The smallest application around platform-core's persistence, for tests naming it in
 * {@code @SpringBootTest(classes = ...)}. Not a {@code @SpringBootConfiguration}, so the
 * web module's tests, which see this class through the test jar, still find only their
 * own application.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
@ComponentScan({ "fr.espacecommun.tenancy", "fr.espacecommun.audit" })
public class PlatformTestApplication {

}
