package org.casehub.publish;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;

import org.apache.activemq.artemis.api.core.ActiveMQConnectionTimedOutException;
import org.apache.activemq.artemis.api.core.ActiveMQDuplicateIdException;
import org.apache.activemq.artemis.api.core.ActiveMQSecurityException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

/**
 * Which failures park one row and which hold the whole channel: a refusal that is the record's own parks it; the
 * transport's failures (broker away, timeouts, a refusal of the whole topic) never do, so order is kept and the rows
 * are sent again.
 */
class RefusalsTest {

    @Test
    void aRecordTooLargeForTheTopicIsItsOwnFaultAnOutageOrATopicWideRefusalIsNot() {
        assertThat(OutboxRelay.isTheRecordsOwn(new RecordTooLargeException("too large"))).isTrue();
        assertThat(OutboxRelay.isTheRecordsOwn(new TimeoutException("Expiring 1 record(s)"))).isFalse();
        assertThat(OutboxRelay.isTheRecordsOwn(new NotLeaderOrFollowerException("not leader"))).isFalse();
        assertThat(OutboxRelay.isTheRecordsOwn(new TopicAuthorizationException("casehub.cases"))).isFalse();
    }

    @Test
    void anAddressThatRefusesTheHubOrDoesNotExistParksTheMessageADuplicateIsDeliveredAnOutageIsThrown() {
        JMSException security = new JMSSecurityException("AMQ229032: User casehub does not have permission='SEND'");
        assertThat(UnitDeliveryRelay.refusal(security)).satisfies(r -> {
            assertThat(r.duplicate()).isFalse();
            assertThat(r.reason()).startsWith("JMSSecurityException: AMQ229032");
        });
        JMSException wrapped = new JMSException("commit failed");
        wrapped.initCause(new ActiveMQSecurityException("AMQ229032: no SEND on casehub.unit.4401"));
        assertThat(UnitDeliveryRelay.refusal(wrapped).reason()).startsWith("ActiveMQSecurityException");
        assertThat(UnitDeliveryRelay.refusal(new InvalidDestinationException("Address casehub.unit.x does not exist")))
                .isNotNull();

        JMSException duplicate = new JMSException("duplicate");
        duplicate.initCause(new ActiveMQDuplicateIdException());
        assertThat(UnitDeliveryRelay.refusal(duplicate).duplicate()).isTrue();

        JMSException outage = new JMSException("connection lost");
        outage.initCause(new ActiveMQConnectionTimedOutException("timed out"));
        assertThat(UnitDeliveryRelay.refusal(outage)).isNull();
    }
}
