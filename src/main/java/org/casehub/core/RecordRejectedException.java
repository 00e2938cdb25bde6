package org.casehub.core;

import java.util.List;

/**
 * A record that a pipeline step cannot use. Its reasons are shown to operators, so they never
 * carry personal data unmasked.
 */
public class RecordRejectedException extends RuntimeException {

    private final String stage;
    private final List<String> reasons;

    public RecordRejectedException(String stage, List<String> reasons) {
        super(stage + ": " + String.join("; ", reasons));
        this.stage = stage;
        this.reasons = List.copyOf(reasons);
    }

    public RecordRejectedException(String stage, String reason) {
        this(stage, List.of(reason));
    }

    public String stage() { return stage; }
    public List<String> reasons() { return reasons; }
}
