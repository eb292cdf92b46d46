package io.helio.admin.error;

import io.helio.errors.RequestCorrelation;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request its id (see {@link RequestCorrelation}) and, for the admin API's
 * {@code /tenants/{tenantId}/...}, its tenant; both go into the logging context (MDC) for the
 * request's thread, so that every line it logs carries them.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestIds extends OncePerRequestFilter {

    private static final Pattern TENANT_PATH = Pattern.compile("^/tenants/([A-Za-z0-9_-]{1,64})(/.*)?$");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = RequestCorrelation.idOf(request.getHeader(RequestCorrelation.HEADER), request.getRequestId());
        request.setAttribute(RequestCorrelation.ID_ATTRIBUTE, id);
        response.setHeader(RequestCorrelation.HEADER, id);
        Matcher tenant = TENANT_PATH.matcher(request.getRequestURI());
        try (MDC.MDCCloseable requestId = MDC.putCloseable("requestId", id)) {
            if (tenant.matches()) {
                request.setAttribute(RequestCorrelation.TENANT_ATTRIBUTE, tenant.group(1));
                try (MDC.MDCCloseable tenantId = MDC.putCloseable("tenant", tenant.group(1))) {
                    chain.doFilter(request, response);
                }
            } else {
                chain.doFilter(request, response);
            }
        }
    }

    static RequestCorrelation of(HttpServletRequest request) {
        Object id = request.getAttribute(RequestCorrelation.ID_ATTRIBUTE);
        Object tenant = request.getAttribute(RequestCorrelation.TENANT_ATTRIBUTE);
        return new RequestCorrelation(
                id == null ? request.getRequestId() : id.toString(), tenant == null ? null : tenant.toString());
    }
}
