package org.casehub.progress;

/**
 * Told of each report that changed its case, inside the transaction that stored it — so that what follows from it
 * (the write-back to the sources, org.casehub.writeback) is stored exactly when the report is.
 */
public interface ReportWritten {

    void written(ProgressRepository.Report report);
}
