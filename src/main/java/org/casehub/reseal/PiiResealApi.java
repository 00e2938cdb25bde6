package org.casehub.reseal;

import java.util.NoSuchElementException;

import org.apache.camel.Exchange;
import org.casehub.reseal.ResealJobs.Job;
import org.casehub.security.Callers;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** The re-seal's operator API ({@code routes/api/pii.camel.yaml}): start it, watch it. */
@Component("piiResealApi")
public class PiiResealApi {

    private final PiiResealJob reseal;

    public PiiResealApi(PiiResealJob reseal) {
        this.reseal = reseal;
    }

    /** Starts the re-seal (or goes on with the one left unfinished): 202. */
    public Job start(Exchange exchange) {
        Job job = reseal.start(Callers.current());
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, HttpStatus.ACCEPTED.value());
        exchange.getMessage().setHeader("Location", "/api/pii/reseal");
        return job;
    }

    /** The re-seal running, else the latest. */
    public Job latest() {
        return reseal.latest().orElseThrow(() -> new NoSuchElementException("no re-seal has been started"));
    }
}
