package fr.espacecommun.availability.internal;

import java.net.ConnectException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Whether PostgreSQL answers, as pages need to know at once: a probe takes a connection
 * from the pool every second on its own thread, and a request that failed to reach the
 * database says so too. While it is down, pages answer 503 without waiting for the pool;
 * the first probe that gets a connection again (the pool reconnects by itself) reopens
 * them, without a restart.
 */
class DatabaseAvailability implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(DatabaseAvailability.class);

	private final DataSource dataSource;

	private final Duration probeInterval;

	private volatile boolean available = true;

	private volatile ScheduledExecutorService probe;

	DatabaseAvailability(DataSource dataSource, Duration probeInterval) {
		this.dataSource = dataSource;
		this.probeInterval = probeInterval;
	}

	/** Whether the database answered the last probe (or the last request reaching it). */
	boolean isAvailable() {
		return this.available;
	}

	/**
	 * Takes note of a request's failure: the database is down when the failure is a lost
	 * or refused connection. Returns whether the failure is about reaching the database
	 * at all (down, or every pooled connection busy), which people should see as a 503.
	 */
	boolean failed(Throwable failure) {
		if (isConnectionLost(failure)) {
			markDown(failure);
			return true;
		}
		return isNoConnection(failure);
	}

	/** Probes once: takes a pooled connection and checks it. */
	void probe() {
		try (Connection connection = this.dataSource.getConnection()) {
			if (!connection.isValid(1)) {
				throw new SQLException("connection not valid", "08006");
			}
			if (!this.available) {
				this.available = true;
				logger.warn("Database reachable again: pages served again");
			}
		}
		catch (SQLException | RuntimeException ex) {
			// a pool merely busy (no connection failure behind the timeout) is not an
			// outage
			if (isConnectionLost(ex)) {
				markDown(ex);
			}
		}
	}

	private void markDown(Throwable failure) {
		if (this.available) {
			this.available = false;
			logger.error("Database unreachable: pages answer 503 until it is back ({})", rootMessage(failure));
		}
	}

	/**
	 * A connection refused or broken, or the server shutting down or starting: SQLState
	 * class 08 (connection exception) or 57P01–57P03, a refused socket, or a pooled
	 * connection found closed.
	 */
	static boolean isConnectionLost(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof ConnectException) {
				return true;
			}
			if (cause instanceof SQLException sql && sql.getSQLState() != null) {
				String state = sql.getSQLState();
				if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
					return true;
				}
			}
			// the pool's proxy of a connection the outage broke: a rollback attempted on
			// it replaces the I/O error that said so (Spring Session's own transaction)
			if (cause instanceof SQLException sql && sql.getSQLState() == null
					&& "Connection is closed".equals(sql.getMessage())) {
				return true;
			}
		}
		return false;
	}

	/** No connection could be had from the pool in time. */
	private static boolean isNoConnection(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof SQLTransientConnectionException || cause instanceof CannotGetJdbcConnectionException
					|| cause instanceof CannotCreateTransactionException) {
				return true;
			}
		}
		return false;
	}

	private static String rootMessage(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.toString();
	}

	@Override
	public void start() {
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "database-probe");
			thread.setDaemon(true);
			return thread;
		});
		long millis = this.probeInterval.toMillis();
		executor.scheduleWithFixedDelay(this::probe, millis, millis, TimeUnit.MILLISECONDS);
		this.probe = executor;
	}

	@Override
	public void stop() {
		ScheduledExecutorService executor = this.probe;
		if (executor != null) {
			executor.shutdownNow();
			this.probe = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.probe != null;
	}

}
