package fr.espacecommun.tenant.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Why a file or folder could not be read, in French, for the operator page. */
public final class Unreadable {

	private Unreadable() {
	}

	/**
	 * @param ex what reading threw
	 * @return the reason, without Java's names
	 */
	public static String why(IOException ex) {
		if (ex instanceof AccessDeniedException) {
			return "la plateforme n'a pas le droit de le lire (droits du fichier)";
		}
		if (ex instanceof NoSuchFileException) {
			return "il a disparu pendant la lecture";
		}
		if (ex instanceof NotDirectoryException) {
			return "ce n'est pas un dossier";
		}
		return "erreur du disque ou du système de fichiers";
	}

}
