package org.casehub.feed;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The provincial petition system's exchange database (前置机), table XF_JBXX_EXCHANGE (contracts §3).
 * It is not casehub's own database: a DataSource of its own, apart from the index's.
 *
 * @param url              JDBC URL; blank: the feed is not configured
 * @param username         database user
 * @param password         its password
 * @param batchSize        rows taken per poll, in SJC order; one index transaction per batch
 * @param pollPeriod       pause between polls once no full batch is waiting
 * @param initializeSchema create the table from {@code schemaScript} if it is missing (the embedded default's own H2)
 * @param schemaScript     the contract's DDL, made re-runnable, relative to the home folder
 * @param maxPoolSize      connections to the exchange database
 * @param maxBackoff       longest pause between polls while the exchange database fails (the pause doubles from
 *                         {@code pollPeriod} up to this)
 */
@ConfigurationProperties("casehub.exchange")
public record ExchangeProperties(
        String url,
        String username,
        String password,
        @DefaultValue("100") int batchSize,
        @DefaultValue("PT5S") Duration pollPeriod,
        @DefaultValue("false") boolean initializeSchema,
        @DefaultValue("config/exchange/xf_exchange.sql") String schemaScript,
        @DefaultValue("4") int maxPoolSize,
        @DefaultValue("PT1M") Duration maxBackoff) {

    public boolean configured() {
        return url != null && !url.isBlank();
    }
}
