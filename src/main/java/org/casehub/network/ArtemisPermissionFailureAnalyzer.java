package org.casehub.network;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a missing Artemis permission at start-up into Spring Boot's short "APPLICATION FAILED TO START" report. */
public class ArtemisPermissionFailureAnalyzer extends AbstractFailureAnalyzer<ArtemisPermissionMissing> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ArtemisPermissionMissing cause) {
        return new FailureAnalysis("The Artemis user '" + cause.user() + "' lacks the permission " + cause.permission()
                + " on the address " + cause.address() + ".",
                "Grant the hub's role the permissions createAddress, createDurableQueue and send on casehub.unit.#"
                        + " (and manage on activemq.management) in the broker's broker.xml security-settings, as README's"
                        + " production section shows, then start the hub again.", cause);
    }
}
