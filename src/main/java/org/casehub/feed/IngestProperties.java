package org.casehub.feed;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param maxBody largest body a webhook of {@code /ingest/**} may send (one source record); larger ones are
 *                answered 413 without being read further
 */
@ConfigurationProperties("casehub.ingest")
public record IngestProperties(@DefaultValue("64KB") DataSize maxBody) {
}
