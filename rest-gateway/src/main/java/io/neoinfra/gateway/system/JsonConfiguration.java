package io.neoinfra.gateway.system;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.PropertyNamingStrategies;

/**
 * JSON is snake_case everywhere (the wire format of the API and of the events); absent values are left out rather than
 * sent as null.
 */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

  @Bean
  JsonMapperBuilderCustomizer snakeCase() {
    return builder -> builder
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL));
  }

  /**
   * Responses are written by Jackson 3 only. Jackson 2 is on the classpath for libraries (the schema validator), and
   * its converter, asked {@code canWrite} for every response, failed to build a serializer for our records and so
   * built it again on each request: a tenth of the CPU of a read under load (measured with JFR).
   */
  @Bean
  WebMvcConfigurer jacksonThreeOnly() {
    return new WebMvcConfigurer() {
      @Override
      @SuppressWarnings({"deprecation", "removal"})
      public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
        builder.configureMessageConvertersList(converters -> converters.removeIf(
            c -> c instanceof org.springframework.http.converter.json.AbstractJackson2HttpMessageConverter));
      }
    };
  }
}
