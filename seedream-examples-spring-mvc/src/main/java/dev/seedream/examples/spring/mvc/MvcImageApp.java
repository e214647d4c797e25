package dev.seedream.examples.spring.mvc;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A Spring MVC app on the starter: the blocking client comes from {@code application.properties} alone. */
@SpringBootApplication
public class MvcImageApp {
  public static void main(String[] args) {
    SpringApplication.run(MvcImageApp.class, args);
  }
}
