package org.casehub.publish;

import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.casehub.core.KafkaClientProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Camel's Kafka component — the feeds' consumers — gets {@link KafkaClientProperties} like the hub's own clients. */
@Configuration(proxyBeanMethods = false)
public class KafkaClientsConfiguration {

    @Bean
    ComponentCustomizer kafkaClientSettings(KafkaClientProperties clients) {
        return ComponentCustomizer.builder(KafkaComponent.class)
                .build(kafka -> kafka.getConfiguration().getAdditionalProperties().putAll(clients.properties()));
    }
}
