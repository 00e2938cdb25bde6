package org.casehub.index;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.Test;

/** The index's pool folds batched inserts into multi-row statements on PostgreSQL, and leaves H2 as it is. */
class PostgresMultiRowInsertsTest {

    @Test
    void aPostgresPoolRewritesBatchedInsertsAnH2PoolIsLeftAlone() {
        HikariDataSource postgres = pool("jdbc:postgresql://127.0.0.1:5432/casehub");
        HikariDataSource h2 = pool("jdbc:h2:file:./data/casehub;QUERY_CACHE_SIZE=64");

        assertThat(postgres.getDataSourceProperties()).containsEntry("reWriteBatchedInserts", "true");
        assertThat(h2.getDataSourceProperties()).isEmpty();
    }

    private static HikariDataSource pool(String url) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        PostgresMultiRowInserts.postgresMultiRowInsertsOnTheIndex().postProcessBeforeInitialization(pool, "dataSource");
        return pool;
    }
}
