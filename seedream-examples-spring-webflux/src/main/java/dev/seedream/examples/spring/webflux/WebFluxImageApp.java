package dev.seedream.examples.spring.webflux;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A WebFlux app on the starter: the reactive client comes from {@code application.properties} alone. */
@SpringBootApplication
public class WebFluxImageApp {
  public static void main(String[] args) {
    SpringApplication.run(WebFluxImageApp.class, args);
  }
}
