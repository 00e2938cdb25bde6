package org.casehub.index;

import org.apache.camel.LoggingLevel;
import org.apache.camel.model.errorhandler.DefaultErrorHandlerDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The pipeline route's error handler ({@code refErrorHandler: storeErrorHandler} in routes/pipeline.camel.yaml):
 * a batch the index cannot store for a reason that is not one record's (the database down) is tried again after
 * {@code casehub.store.retry-delay}, the pause growing by {@code retry-multiplier} up to {@code max-retry-delay},
 * {@code retries} times, each failure reported to {@code feedActivity}; no source offset, ack or flag moves meanwhile.
 * It is built here from {@link IndexStore.Settings} because the Camel YAML DSL schema, which Kaoto validates route
 * files against, takes the redelivery counts only as literal numbers, not placeholders.
 */
@Configuration(proxyBeanMethods = false)
public class StoreErrorHandlerConfiguration {

    @Bean
    DefaultErrorHandlerDefinition storeErrorHandler(IndexStore.Settings settings) {
        DefaultErrorHandlerDefinition handler = new DefaultErrorHandlerDefinition();
        handler.setOnExceptionOccurredRef("feedActivity");
        handler.maximumRedeliveries(settings.retries())
                .redeliveryDelay(settings.retryDelay())
                .useExponentialBackOff()
                .backOffMultiplier(settings.retryMultiplier())
                .maximumRedeliveryDelay(settings.maxRetryDelay())
                .retryAttemptedLogLevel(LoggingLevel.WARN);
        return handler;
    }
}
