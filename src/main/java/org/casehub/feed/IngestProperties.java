package org.casehub.feed;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param maxBody    largest body a webhook of {@code /ingest/**} may send (one source record); larger ones are
 *                   answered 413 without being read further
 * @param maxApiBody largest body of a request to {@code /api/**}, {@code /open311/**} or {@code /actuator/**}: a dry
 *                   run's sample records (at most 1,000) are the largest; likewise answered 413
 */
@ConfigurationProperties("casehub.ingest")
public record IngestProperties(@DefaultValue("64KB") DataSize maxBody, @DefaultValue("4MB") DataSize maxApiBody) {
}
