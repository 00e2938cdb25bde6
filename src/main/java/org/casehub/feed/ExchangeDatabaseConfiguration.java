package org.casehub.feed;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.casehub.health.BackgroundHealth;
import org.casehub.health.HealthProperties;
import org.casehub.home.CasehubHome;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.jdbc.DataSourceHealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * The exchange database's own DataSource and JdbcTemplate. Both are no default candidates: the
 * index's DataSource (spring.datasource, Boot's auto-configured one, used by Flyway, the index and
 * every unqualified JdbcTemplate) stays the only one injected by type, and Boot's auto-configuration
 * does not back off because of these.
 */
@Configuration
@ConditionalOnExpression("!'${casehub.exchange.url:}'.isBlank()")
public class ExchangeDatabaseConfiguration {

    public static final String JDBC = "exchangeJdbc";

    @Bean(defaultCandidate = false, destroyMethod = "close")
    public HikariDataSource exchangeDataSource(ExchangeProperties exchange, CasehubHome home) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setPoolName("exchange");
        dataSource.setJdbcUrl(exchange.url());
        dataSource.setUsername(exchange.username());
        dataSource.setPassword(exchange.password());
        dataSource.setMaximumPoolSize(exchange.maxPoolSize());
        if (exchange.initializeSchema()) {
            new ResourceDatabasePopulator(home.resource(exchange.schemaScript())).execute(dataSource);
        }
        return dataSource;
    }

    @Bean(name = JDBC, defaultCandidate = false)
    public JdbcTemplate exchangeJdbc(@Qualifier("exchangeDataSource") DataSource exchangeDataSource) {
        return new JdbcTemplate(exchangeDataSource);
    }

    /** The exchange database in /actuator/health, checked in the background; a source: not in the readiness group. */
    @Bean("exchangeDatabase")
    public BackgroundHealth exchangeDatabase(@Qualifier("exchangeDataSource") DataSource exchangeDataSource,
                                             HealthProperties health) {
        return new BackgroundHealth("the exchange database", new DataSourceHealthIndicator(exchangeDataSource),
                health.period(), health.timeout());
    }

    @Bean
    public PetitionExchangeRepository petitionExchangeRepository(@Qualifier(JDBC) JdbcTemplate exchangeJdbc) {
        return new PetitionExchangeRepository(exchangeJdbc);
    }
}
