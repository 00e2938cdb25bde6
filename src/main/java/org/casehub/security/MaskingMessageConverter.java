package org.casehub.security;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** Logback {@code %m} with ID numbers and mobile numbers masked by {@link Masking#scrub}. */
public class MaskingMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return Masking.scrub(super.convert(event));
    }
}
