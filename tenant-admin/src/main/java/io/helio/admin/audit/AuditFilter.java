package io.helio.admin.audit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Records every authenticated write request with its answer. It sits in the security chain after
 * authentication and before authorization, so requests refused for want of a scope are recorded
 * too; requests without a valid token have no actor and are not.
 */
public class AuditFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(AuditFilter.class);
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Pattern TENANT_PATH = Pattern.compile("^/tenants/([^/]+)");
    private static final String SHIPPED_EVENTS = "/audit-events";
    private static final String TENANT_ATTRIBUTE = AuditFilter.class.getName() + ".tenant";

    private final AuditLog audit;
    private final Clock clock;

    public AuditFilter(AuditLog audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    /** Names the tenant a request concerns when its path does not (a tenant being created). */
    public static void concernsTenant(String tenantId) {
        RequestContextHolder.currentRequestAttributes()
                .setAttribute(TENANT_ATTRIBUTE, tenantId, RequestAttributes.SCOPE_REQUEST);
    }

    /** Reads are not audited, nor the platform shipping its own events. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return READS.contains(request.getMethod()) || request.getRequestURI().equals(SHIPPED_EVENTS);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        int status = HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
        try {
            chain.doFilter(request, response);
            status = response.getStatus();
        } finally {
            if (caller != null && caller.isAuthenticated()) {
                record(request, caller.getName(), status);
            }
        }
    }

    private void record(HttpServletRequest request, String actor, int status) {
        String path = request.getRequestURI();
        Object template = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        AuditEvent event = new AuditEvent(
                AuditEvent.ADMIN,
                tenantOf(request, path),
                actor,
                request.getMethod() + " " + (template == null ? path : template),
                path,
                status,
                clock.instant());
        try {
            audit.append(event);
        } catch (RuntimeException e) {
            // the write itself is done; losing its record is logged, not turned into a failed answer
            log.error("cannot record audit event {}", event, e);
        }
    }

    private static @Nullable String tenantOf(HttpServletRequest request, String path) {
        Object named = request.getAttribute(TENANT_ATTRIBUTE);
        if (named != null) {
            return named.toString();
        }
        Matcher tenant = TENANT_PATH.matcher(path);
        return tenant.find() ? tenant.group(1) : null;
    }
}
