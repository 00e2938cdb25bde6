package org.casehub.feed;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param maxBody    largest body a webhook of {@code /ingest/**} may send (one source record); larger ones are
 *                   answered 413 without being read further
 * @param maxApiBody largest body of a request to {@code /api/**}, {@code /open311/**} or {@code /actuator/**}: a dry
 *                   run's sample records (at most 1,000) are the largest; likewise answered 413
 * @param retryAfter the Retry-After of a push answered 503 because the index could not store it now (the database
 *                   down): its sender is not kept waiting through the store's retries, and sends it again
 */
@ConfigurationProperties("casehub.ingest")
public record IngestProperties(@DefaultValue("64KB") DataSize maxBody, @DefaultValue("4MB") DataSize maxApiBody,
                               @DefaultValue("30s") Duration retryAfter) {
}
