package org.casehub.support;

import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A unit test's index: an in-memory H2 database of its own, migrated as the hub migrates its embedded one (the
 * common migrations, then H2's own, as {@code spring.flyway.locations} names them for the vendor).
 */
public final class MemoryIndex {

    private MemoryIndex() {
    }

    /** A fresh database named after the test's concern (and a random part), kept until the JVM ends. */
    public static DriverManagerDataSource migrated(String name) {
        DriverManagerDataSource db = new DriverManagerDataSource("jdbc:h2:mem:" + name + "-" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(db).locations("classpath:db/migration/common", "classpath:db/migration/h2").load()
                .migrate();
        return db;
    }
}
