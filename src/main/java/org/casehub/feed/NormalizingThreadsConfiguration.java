package org.casehub.feed;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The threads that normalise a batch's records side by side (routes/pipeline.camel.yaml's split): one per core, as
 * the work is all CPU (decoding, schemas, mapping, sealing). Order is kept where it matters: the batch is stored
 * after every record of it is normalised, in its records' order, so per-case order and offsets after the commit hold.
 * Spring shuts the pool down with the context.
 */
@Configuration(proxyBeanMethods = false)
public class NormalizingThreadsConfiguration {

    @Bean(destroyMethod = "shutdown")
    ExecutorService normalizingThreads() {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory threads = task -> {
            Thread thread = new Thread(task, "casehub-normalize-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), threads);
    }
}
