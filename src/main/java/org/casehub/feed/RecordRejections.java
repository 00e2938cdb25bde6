package org.casehub.feed;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.casehub.core.FeedRecord;
import org.casehub.core.RecordRejectedException;
import org.casehub.security.Masking;
import org.springframework.stereotype.Component;

/**
 * Marks a record that a pipeline step could not use, so that the index quarantines it with its
 * batch. Any failure counts, a bug included: a record is never dropped, and one bad record never
 * holds back its neighbours.
 */
@Component("rejections")
public class RecordRejections {

    public void reject(@Body FeedRecord record, @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception failure) {
        record.reject(failure instanceof RecordRejectedException rejected ? rejected
                : new RecordRejectedException("internal", failure.getClass().getSimpleName() + ": "
                        + Masking.scrub(String.valueOf(failure.getMessage()))));
    }
}
