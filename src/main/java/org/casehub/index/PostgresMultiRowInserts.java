package org.casehub.index;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * On PostgreSQL the index transaction's batched inserts (cases, source records, persons, processed ids, events,
 * outbox rows, dedup keys: a dozen rows per record) reach the server as multi-row {@code INSERT … VALUES (…), (…)}
 * statements: the driver's {@code reWriteBatchedInserts} folds up to 128 rows of a JDBC batch into one statement, so
 * the server parses, plans and executes one statement instead of one per row. Nothing else changes — the same rows,
 * the same transaction; only the update counts of such a batch become "success, count unknown", which no caller reads.
 * H2 (the embedded default) knows no such setting and is left alone.
 */
@Configuration(proxyBeanMethods = false)
class PostgresMultiRowInserts {

    @Bean
    static BeanPostProcessor postgresMultiRowInsertsOnTheIndex() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                if (bean instanceof HikariDataSource pool && isPostgres(pool.getJdbcUrl())) {
                    pool.addDataSourceProperty("reWriteBatchedInserts", "true");
                }
                return bean;
            }
        };
    }

    static boolean isPostgres(String jdbcUrl) {
        return jdbcUrl != null && jdbcUrl.startsWith("jdbc:postgresql:");
    }
}
