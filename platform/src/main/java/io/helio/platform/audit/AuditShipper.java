package io.helio.platform.audit;

import io.helio.sdk.HelioAdminClient;
import io.helio.sdk.admin.model.AuditRecordBatch;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Ships the outbox's audit events to tenant-admin in batches, oldest first (it blocks: run it on a
 * thread of its own). A batch tenant-admin does not take stays in the outbox and is shipped again
 * next time.
 */
public class AuditShipper {

    private static final Logger log = LoggerFactory.getLogger(AuditShipper.class);
    private static final int BATCH = 1000;
    /** Beyond the admin client's own request timeout, so a shipment is never abandoned half-way. */
    private static final Duration SHIPMENT_TIMEOUT = Duration.ofSeconds(60);

    private final AuditOutbox outbox;
    private final Supplier<HelioAdminClient> admin;

    public AuditShipper(AuditOutbox outbox, Supplier<HelioAdminClient> admin) {
        this.outbox = outbox;
        this.admin = admin;
    }

    /** Ships what is waiting, batch by batch, until tenant-admin refuses or nothing is left. */
    public void shipAll() {
        try {
            Integer shipped;
            do {
                shipped = outbox.shipOldest(
                                BATCH,
                                batch -> Mono.fromRunnable(() -> {
                                            try {
                                                admin.get()
                                                        .audit()
                                                        .recordAuditEvents(new AuditRecordBatch().items(batch));
                                            } catch (Exception e) {
                                                throw new AuditNotTaken(batch.size(), e);
                                            }
                                        })
                                        .subscribeOn(Schedulers.boundedElastic())
                                        .then())
                        .block(SHIPMENT_TIMEOUT);
            } while (shipped != null && shipped == BATCH);
        } catch (RuntimeException e) {
            log.warn("audit events not shipped now; they stay in the outbox and are shipped again", e);
        }
    }

    private static final class AuditNotTaken extends RuntimeException {
        AuditNotTaken(int events, Exception cause) {
            super("tenant-admin did not take " + events + " audit events", cause);
        }
    }
}
