package org.casehub.embedded;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts an in-process Kafka and opens Spring Boot's embedded Artemis to TCP clients, unless
 * {@code casehub.embedded.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "casehub.embedded", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(EmbeddedBrokerProperties.class)
public class EmbeddedBrokersConfiguration {

    static final String CAMEL_CONTEXT = "camelContext";
    static final String KAFKA_BROKER = "embeddedKafkaBroker";

    /**
     * Camel's routes connect to the brokers when it starts and drain in-flight exchanges when it stops, so the
     * brokers must be up before Camel and go down after it. Depending on a bean gives both: Spring creates the
     * dependency first and destroys it last.
     */
    @Bean
    static BeanFactoryPostProcessor embeddedBrokersBeforeCamel() {
        return beanFactory -> {
            if (!beanFactory.containsBeanDefinition(CAMEL_CONTEXT)) {
                return;
            }
            Set<String> brokers = new LinkedHashSet<>();
            if (beanFactory.containsBeanDefinition(KAFKA_BROKER)) {
                brokers.add(KAFKA_BROKER);
            }
            // Boot names its Artemis server bean "embeddedActiveMq"; look it up by type in case that changes.
            brokers.addAll(List.of(beanFactory.getBeanNamesForType(EmbeddedActiveMQ.class, true, false)));
            if (brokers.isEmpty()) {
                return;
            }
            BeanDefinition camel = beanFactory.getBeanDefinition(CAMEL_CONTEXT);
            Set<String> dependsOn = new LinkedHashSet<>();
            if (camel.getDependsOn() != null) {
                dependsOn.addAll(List.of(camel.getDependsOn()));
            }
            dependsOn.addAll(brokers);
            camel.setDependsOn(dependsOn.toArray(String[]::new));
        };
    }

    /**
     * Artemis only logs a failure to start, for example when the port of its acceptor is taken, and would leave the
     * application running without JMS; fail the start instead.
     */
    @Bean
    static BeanPostProcessor embeddedArtemisMustBeActive() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof EmbeddedActiveMQ artemis && !artemis.getActiveMQServer().isActive()) {
                    try {
                        artemis.stop();
                    } catch (Exception e) {
                        throw new IllegalStateException("Embedded Artemis did not start, nor stop", e);
                    }
                    throw new IllegalStateException(
                            "Embedded Artemis did not start: see the AMQ errors logged above (is its port taken?)");
                }
                return bean;
            }
        };
    }

    @Bean(name = KAFKA_BROKER, initMethod = "start", destroyMethod = "close")
    EmbeddedKafkaBroker embeddedKafkaBroker(EmbeddedBrokerProperties properties) {
        return new EmbeddedKafkaBroker(properties);
    }

    @Bean
    EmbeddedArtemisCustomizer embeddedArtemisCustomizer(EmbeddedBrokerProperties properties,
            ObjectProvider<ArtemisProperties> artemisProperties) {
        ArtemisProperties artemis = artemisProperties.getIfAvailable();
        boolean bootDataDirectorySet = artemis != null && artemis.getEmbedded().getDataDirectory() != null;
        return new EmbeddedArtemisCustomizer(properties, bootDataDirectorySet);
    }
}
