package org.casehub.core;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Work that may only follow what a transaction wrote once that is committed: waking the relays for new outbox rows,
 * keeping the dedup profiles of the cases written. A transaction rolled back runs nothing; without a transaction the
 * writes are committed already, so the work runs at once. It runs on the committing thread: keep it quick.
 */
public final class AfterCommit {

    private AfterCommit() {
    }

    public static void run(Runnable work) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            work.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                work.run();
            }
        });
    }
}
