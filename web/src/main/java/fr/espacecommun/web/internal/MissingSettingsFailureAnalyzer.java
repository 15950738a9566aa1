package fr.espacecommun.web.internal;

import fr.espacecommun.web.internal.RequiredSettings.MissingSettingsException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A production start without a required setting: what is missing, and what to set. */
public class MissingSettingsFailureAnalyzer extends AbstractFailureAnalyzer<MissingSettingsException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MissingSettingsException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Donnez ce réglage (variable d'environnement ou application.yaml) : README, « En production ». "
						+ "Les serveurs intégrés (PostgreSQL, Keycloak, courriels) ne démarrent qu'avec la "
						+ "commande de lancement locale du README, jamais depuis le jar.",
				cause);
	}

}
