package fr.espacecommun.onboarding.internal;

import fr.espacecommun.tenant.TenantDefinition;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import org.springframework.dao.DataAccessException;

/**
 * Why a commune's onboarding failed, in French and without Java's names, for the
 * operators' page; the log keeps the stack trace.
 */
final class OnboardingFailure {

	private OnboardingFailure() {
	}

	static String french(RuntimeException ex, TenantDefinition tenant) {
		String cluster = tenant.keycloak().cluster();
		if (ex instanceof RealmNotMovedException) {
			return ex.getMessage();
		}
		if (causedBy(ex, ProcessingException.class)) {
			return "le cluster Keycloak '" + cluster + "' ne répond pas : la création du royaume " + tenant.realm()
					+ " reprendra d'elle-même dès son retour";
		}
		WebApplicationException refused = cause(ex, WebApplicationException.class);
		if (refused != null) {
			return "le cluster Keycloak '" + cluster + "' a refusé la création du royaume " + tenant.realm()
					+ " (réponse " + refused.getResponse().getStatus()
					+ ") : nouvel essai automatique ; le journal de la plateforme dit pourquoi";
		}
		if (causedBy(ex, DataAccessException.class)) {
			return "la base de données n'a pas pu préparer le schéma t_" + tenant.id()
					+ " : nouvel essai automatique ; le journal de la plateforme dit pourquoi";
		}
		return "la création de la commune a échoué : nouvel essai automatique ; le journal de la plateforme "
				+ "(commune " + tenant.id() + ") dit pourquoi";
	}

	private static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
		return cause(ex, type) != null;
	}

	private static <T extends Throwable> T cause(Throwable ex, Class<T> type) {
		for (Throwable current = ex; current != null; current = current.getCause()) {
			if (type.isInstance(current)) {
				return type.cast(current);
			}
			if (current.getCause() == current) {
				break;
			}
		}
		return null;
	}

}
