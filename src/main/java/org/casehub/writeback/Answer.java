package org.casehub.writeback;

import java.time.Duration;

/**
 * What a platform made of one result written back.
 *
 * @param retryAfter for {@link Kind#RETRY}: how long the platform asked to wait (null: the relay's own backoff)
 */
record Answer(Kind kind, String detail, Duration retryAfter) {

    enum Kind {
        /** taken now */
        WRITTEN,
        /** taken before (the same result id): done */
        DUPLICATE,
        /** refused for good: parked for an operator, recorded on the case */
        REFUSED,
        /** not now (429, 5xx, unreachable): the same result again later, nothing after it before */
        RETRY
    }

    static Answer written(String detail) {
        return new Answer(Kind.WRITTEN, detail, null);
    }

    static Answer duplicate(String detail) {
        return new Answer(Kind.DUPLICATE, detail, null);
    }

    static Answer refused(String detail) {
        return new Answer(Kind.REFUSED, detail, null);
    }

    static Answer retry(String detail, Duration retryAfter) {
        return new Answer(Kind.RETRY, detail, retryAfter);
    }
}
