package org.casehub.security;

import ch.qos.logback.classic.pattern.ExtendedThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Logback {@code %xEx} with ID numbers and mobile numbers masked by {@link Masking#scrub}: exception
 * messages often quote the offending input.
 */
public class MaskingThrowableConverter extends ExtendedThrowableProxyConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return Masking.scrub(super.convert(event));
    }
}
