package org.casehub.security;

import java.time.Instant;
import java.time.ZoneOffset;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.flyway.FlywayConnectionDetails;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.CronTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Deletes audit rows past the retention, on the schedule of {@code casehub.access.audit.purge-cron}. The
 * application role may not delete audit rows, so the purge connects as the role Flyway migrates as (the
 * owner, {@code spring.flyway.user}/{@code password}/{@code url}), without a pool: one connection a day.
 * Where Flyway uses the application's own connection (H2, the embedded default), so does the purge.
 */
@Component
public class AuditPurge implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(AuditPurge.class);

    /** Rows deleted per statement, so that a long-pending purge does not hold one huge transaction. */
    private static final int BATCH = 1000;

    private final AuditRetention retention;
    private final AccessProperties.Audit schedule;
    private final JdbcTemplate owner;

    AuditPurge(AccessProperties properties, DataSource dataSource, ObjectProvider<FlywayConnectionDetails> flyway) {
        this.schedule = properties.audit();
        this.retention = new AuditRetention(schedule.retention(), schedule.purgeZone());
        this.owner = new JdbcTemplate(ownerDataSource(dataSource, flyway.getIfAvailable()));
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addCronTask(new CronTask(this::purgeOnSchedule, new CronTrigger(schedule.purgeCron(), schedule.purgeZone())));
    }

    /** Deletes the rows older than the retention; returns how many. */
    public int purge() {
        Instant cutoff = retention.cutoff(Instant.now());
        int total = 0;
        int deleted;
        do {
            deleted = AuditTrail.deleteBefore(owner, cutoff.atOffset(ZoneOffset.UTC), BATCH);
            total += deleted;
        } while (deleted == BATCH);
        log.info("audit trail: purged {} row(s) older than {} (retention {})", total, cutoff, retention.period());
        return total;
    }

    private void purgeOnSchedule() {
        try {
            purge();
        } catch (DataAccessException e) {
            log.error("audit trail: the purge failed and runs again at the next '{}': {}", schedule.purgeCron(),
                    e.getMessage(), e);
        }
    }

    /** The connection Flyway's migrations use, as Spring Boot builds it. */
    private static DataSource ownerDataSource(DataSource application, FlywayConnectionDetails flyway) {
        if (flyway == null) {
            return application;
        }
        DataSourceBuilder<?> builder;
        if (flyway.getJdbcUrl() != null) {
            builder = DataSourceBuilder.create().type(SimpleDriverDataSource.class).url(flyway.getJdbcUrl());
        } else if (flyway.getUsername() != null) {
            builder = DataSourceBuilder.derivedFrom(application).type(SimpleDriverDataSource.class);
        } else {
            return application;
        }
        builder.username(flyway.getUsername()).password(flyway.getPassword());
        if (StringUtils.hasText(flyway.getDriverClassName())) {
            builder.driverClassName(flyway.getDriverClassName());
        }
        return builder.build();
    }
}
