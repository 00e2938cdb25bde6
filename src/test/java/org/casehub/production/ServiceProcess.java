package org.casehub.production;

/** A broker of the suite running as its own process, which a fault stops and starts again. */
abstract class ServiceProcess implements AutoCloseable {

    protected ChildProcess process;

    /** Starts (or starts again, on the same data) and waits until it takes connections. */
    abstract void start();

    /** Stops it as its service would (SIGTERM: a controlled shutdown). */
    void stop() {
        process.stop();
    }

    /** The process started (its descendants included in {@link ProcessCpu#ofTree}). */
    long pid() {
        return process.pid();
    }

    String log() {
        return Logs.read(process.log());
    }

    @Override
    public void close() {
        if (process != null && process.alive()) {
            process.kill();
        }
    }
}
