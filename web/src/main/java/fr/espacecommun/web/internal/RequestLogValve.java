package fr.espacecommun.web.internal;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import fr.espacecommun.tenancy.TenantContext;
import fr.espacecommun.tenant.TenantDefinition;
import jakarta.servlet.ServletException;
import org.apache.catalina.AccessLog;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One line per request, written by Tomcat once the answer is complete: its real status (a
 * 500 or a 400 decided after the filters, an error page's status, a malformed request
 * Tomcat refused itself), tagged with the host's commune. The query string is left out
 * (it may hold personal data) and the secrets of the path are masked
 * ({@link LoggedPaths}).
 */
class RequestLogValve extends ValveBase implements AccessLog {

	private static final Logger logger = LoggerFactory.getLogger(RequestLogValve.class);

	private boolean requestAttributesEnabled;

	RequestLogValve() {
		super(true);
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		getNext().invoke(request, response);
	}

	@Override
	public void log(Request request, Response response, long time) {
		if (!logger.isInfoEnabled()) {
			return;
		}
		String previous = MDC.get(TenantContext.MDC_KEY);
		if (request.getAttribute(TenantFilter.TENANT_ATTRIBUTE) instanceof TenantDefinition tenant) {
			MDC.put(TenantContext.MDC_KEY, tenant.id());
		}
		try {
			logger.info("{} {} {} {} ms", request.getMethod(), LoggedPaths.mask(request.getRequestURI()),
					response.getStatus(), TimeUnit.NANOSECONDS.toMillis(time));
		}
		finally {
			if (previous != null) {
				MDC.put(TenantContext.MDC_KEY, previous);
			}
			else {
				MDC.remove(TenantContext.MDC_KEY);
			}
		}
	}

	@Override
	public void setRequestAttributesEnabled(boolean requestAttributesEnabled) {
		this.requestAttributesEnabled = requestAttributesEnabled;
	}

	@Override
	public boolean getRequestAttributesEnabled() {
		return this.requestAttributesEnabled;
	}

}
