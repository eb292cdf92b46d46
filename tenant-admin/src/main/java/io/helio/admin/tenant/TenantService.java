package io.helio.admin.tenant;

import io.helio.admin.error.AdminError;
import io.helio.admin.provisioning.TimeSeriesProvisioner;
import io.helio.errors.ApiException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.transaction.support.TransactionTemplate;

/** Creates tenants together with what they need to exist: their row and their time-series database. */
public class TenantService {

    private final TenantRepository tenants;
    private final TimeSeriesProvisioner provisioner;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public TenantService(
            TenantRepository tenants,
            TimeSeriesProvisioner provisioner,
            TransactionTemplate transactions,
            Clock clock) {
        this.tenants = tenants;
        this.provisioner = provisioner;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Provisions inside the transaction that inserts the row, so a tenant whose database could not be
     * created is never committed (creating an InfluxDB database twice is harmless).
     */
    public Tenant create(String name) {
        Tenant tenant = new Tenant(
                TenantId.generate(),
                name,
                TenantStatus.ACTIVE,
                Quotas.DEFAULT,
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        return transactions.execute(status -> {
            tenants.insert(tenant);
            provisioner.provision(tenant.id(), tenant.quotas().rawRetentionDays());
            return tenant;
        });
    }

    public Tenant get(TenantId id) {
        return tenants.find(id)
                .orElseThrow(() -> new ApiException(AdminError.TENANT_NOT_FOUND, "no tenant '" + id + "'"));
    }

    /** Suspends or resumes the tenant; the platform follows within its tenant status cache time. */
    public Tenant setStatus(TenantId id, TenantStatus status) {
        get(id);
        tenants.updateStatus(id, status);
        return get(id);
    }

    /** Sets the quotas; the raw retention applies to the tenant's time series at once. */
    public Tenant setQuotas(TenantId id, Quotas quotas) {
        Tenant current = get(id);
        transactions.executeWithoutResult(status -> {
            tenants.updateQuotas(id, quotas);
            if (current.quotas().rawRetentionDays() != quotas.rawRetentionDays()) {
                provisioner.retain(id, quotas.rawRetentionDays());
            }
        });
        return get(id);
    }

    /**
     * Deletes the tenant and everything of it that tenant-admin keeps, after dropping its time
     * series: a tenant whose database could not be dropped stays, so the delete can be retried.
     */
    public void delete(TenantId id, String confirmation) {
        get(id);
        if (!id.value().equals(confirmation)) {
            throw new ApiException(AdminError.CONFIRMATION_REQUIRED, "confirm must repeat the tenant id '" + id + "'");
        }
        provisioner.deprovision(id);
        transactions.executeWithoutResult(status -> tenants.delete(id));
    }

    public List<Tenant> list() {
        return tenants.findAll();
    }
}
