package fr.espacecommun.terms;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import fr.espacecommun.tenancy.TenantContext;
import org.apache.commons.codec.digest.DigestUtils;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/** Renders a tenant's CGU Markdown to HTML that is safe to embed in a page. */
public final class TermsRenderer {

	/**
	 * What a CGU may contain once rendered: text structure, emphasis, tables and links to
	 * the web or a mailbox. Nothing that runs (script, event handlers, javascript: or
	 * data: URLs), nothing that styles or frames (style, iframe, svg), and no images,
	 * since an image URL would let a CGU text track who reads it.
	 */
	private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
		.allowElements("h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "blockquote", "pre", "code", "ul", "ol",
				"li", "em", "strong", "del", "a", "table", "thead", "tbody", "tr", "th", "td")
		.allowAttributes("href")
		// a URL that the Markdown renderer refused comes out empty: drop it, not link to
		// the page itself
		.matching((element, attribute, value) -> value.isBlank() ? null : value)
		.onElements("a")
		.allowUrlProtocols("http", "https", "mailto")
		.requireRelsOnLinks("noopener", "noreferrer", "nofollow")
		.allowAttributes("start")
		.matching(Pattern.compile("[0-9]{1,6}"))
		.onElements("ol")
		.allowAttributes("align")
		.matching(true, "left", "center", "right")
		.onElements("th", "td")
		.toFactory();

	private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());

	private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();

	/**
	 * Raw HTML in the Markdown is shown as text rather than passed on: Markdown is the
	 * only formatting a CGU author has, and the sanitiser behind it is a second wall, not
	 * the first.
	 */
	private static final HtmlRenderer RENDERER = HtmlRenderer.builder()
		.extensions(EXTENSIONS)
		.escapeHtml(true)
		.sanitizeUrls(true)
		.build();

	private final Cache<RenderKey, String> cache;

	/** A renderer with its own bounded cache of rendered texts. */
	public TermsRenderer() {
		this(500, Duration.ofHours(12));
	}

	/**
	 * A renderer whose cache holds at most this many rendered texts, each for this long
	 * after its last use.
	 */
	public TermsRenderer(long maximumSize, Duration expireAfterAccess) {
		this.cache = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterAccess(expireAfterAccess).build();
	}

	/**
	 * Sanitised HTML for the Markdown text; cached for the current tenant when one is set
	 * (see {@link #toSafeHtml(String, String)}).
	 */
	public String toSafeHtml(String markdown) {
		Optional<String> tenantId = TenantContext.getTenantId();
		return tenantId.isPresent() ? toSafeHtml(tenantId.get(), markdown) : render(markdown);
	}

	/**
	 * Sanitised HTML for a tenant's Markdown text, cached under the tenant and the text's
	 * SHA-256, so a new CGU version is rendered afresh and no tenant ever reads another's
	 * entry.
	 */
	public String toSafeHtml(String tenantId, String markdown) {
		return this.cache.get(new RenderKey(tenantId, DigestUtils.sha256Hex((markdown != null) ? markdown : "")),
				(key) -> render(markdown));
	}

	/** How many rendered texts the cache holds (for tests and metrics). */
	public long cachedCount() {
		this.cache.cleanUp();
		return this.cache.estimatedSize();
	}

	static String render(String markdown) {
		String html = RENDERER.render(PARSER.parse((markdown != null) ? markdown : ""));
		return POLICY.sanitize(html);
	}

	private record RenderKey(String tenantId, String sha256) {
	}

}
