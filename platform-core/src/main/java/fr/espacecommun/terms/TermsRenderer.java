package fr.espacecommun.terms;

/** Renders a tenant's CGU Markdown to HTML that is safe to embed in a page. */
public final class TermsRenderer {

	/** Sanitised HTML for the Markdown text. */
	public String toSafeHtml(String markdown) {
		throw new UnsupportedOperationException("not implemented yet");
	}

}
