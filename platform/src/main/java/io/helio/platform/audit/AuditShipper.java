package io.helio.platform.audit;

import io.helio.sdk.HelioAdminClient;
import io.helio.sdk.admin.model.AuditRecord;
import io.helio.sdk.admin.model.AuditRecordBatch;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the platform's audit events and ships them to tenant-admin in batches, from a thread of its
 * own (the admin client blocks). A batch tenant-admin did not take stays at the head of the queue and
 * is shipped again; only when the queue is full are new events lost, and each loss is logged.
 */
public class AuditShipper implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AuditShipper.class);
    private static final int BATCH = 1000;

    private final Supplier<HelioAdminClient> admin;
    private final int capacity;
    private final ScheduledExecutorService shipping;
    private final Deque<AuditRecord> pending = new ArrayDeque<>();
    private long lost;

    public AuditShipper(Supplier<HelioAdminClient> admin, AuditProperties properties) {
        this.admin = admin;
        this.capacity = properties.capacity();
        this.shipping = Executors.newSingleThreadScheduledExecutor(task -> new Thread(task, "audit-shipper"));
        long period = properties.shipEvery().toMillis();
        shipping.scheduleWithFixedDelay(this::shipAll, period, period, TimeUnit.MILLISECONDS);
    }

    public void offer(AuditRecord event) {
        synchronized (pending) {
            if (pending.size() < capacity) {
                pending.addLast(event);
                return;
            }
            lost++;
        }
        log.error("audit queue full ({} events waiting for tenant-admin); lost {}, {} so far", capacity, event, lost);
    }

    /** Ships what is waiting, batch by batch, until tenant-admin refuses or nothing is left. */
    void shipAll() {
        List<AuditRecord> batch = take();
        while (!batch.isEmpty()) {
            try {
                admin.get().audit().recordAuditEvents(new AuditRecordBatch().items(batch));
            } catch (Exception e) {
                putBack(batch);
                log.warn("tenant-admin did not take {} audit events; they are kept and shipped again", batch.size(), e);
                return;
            }
            batch = take();
        }
    }

    private List<AuditRecord> take() {
        synchronized (pending) {
            List<AuditRecord> batch = new ArrayList<>(Math.min(BATCH, pending.size()));
            while (batch.size() < BATCH && !pending.isEmpty()) {
                batch.add(pending.pollFirst());
            }
            return batch;
        }
    }

    private void putBack(List<AuditRecord> batch) {
        synchronized (pending) {
            for (int i = batch.size() - 1; i >= 0; i--) {
                pending.addFirst(batch.get(i));
            }
        }
    }

    /** Ships what is left before the platform stops. */
    @Override
    public void close() throws InterruptedException {
        shipping.shutdown();
        shipping.awaitTermination(10, TimeUnit.SECONDS);
        shipAll();
    }
}
