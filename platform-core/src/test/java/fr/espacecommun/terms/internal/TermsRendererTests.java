package fr.espacecommun.terms.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.espacecommun.tenancy.TenantContext;
import fr.espacecommun.terms.TermsRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The five communes' CGU render with their structure; nothing a CGU says can run in a
 * page.
 */
class TermsRendererTests {

	private static final Set<String> ALLOWED_ELEMENTS = Set.of("h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr",
			"blockquote", "pre", "code", "ul", "ol", "li", "em", "strong", "del", "a", "table", "thead", "tbody", "tr",
			"th", "td");

	private static final Map<String, Set<String>> ALLOWED_ATTRIBUTES = Map.of("a", Set.of("href", "rel"), "ol",
			Set.of("start"), "th", Set.of("align"), "td", Set.of("align"));

	private static final Pattern MARKDOWN_HEADING = Pattern.compile("^(#{1,6})\\s+(.+?)\\s*#*\\s*$", Pattern.MULTILINE);

	private static final Pattern RAW_TAG = Pattern.compile("</?([a-zA-Z][a-zA-Z0-9]*)([^>]*)>");

	private static final Pattern RAW_HREF = Pattern.compile("href=\"([^\"]*)\"");

	private static final Pattern SCHEME = Pattern.compile("^([^:/?#]*):");

	private final TermsRenderer renderer = new TermsRenderer();

	@ParameterizedTest
	@ValueSource(strings = { "fresnes", "velizy", "villennes", "ccve", "ccplm" })
	void renderWhenCommuneCguThenEveryHeadingIsAnHtmlHeadingOfItsLevel(String tenantId) throws IOException {
		String markdown = cgu(tenantId);
		Document page = Jsoup.parseBodyFragment(this.renderer.toSafeHtml(tenantId, markdown));

		List<String> expected = new ArrayList<>();
		Matcher heading = MARKDOWN_HEADING.matcher(markdown);
		while (heading.find()) {
			expected.add("h" + heading.group(1).length() + " " + heading.group(2));
		}
		List<String> rendered = page.select("h1, h2, h3, h4, h5, h6")
			.stream()
			.map((element) -> element.tagName() + " " + element.text())
			.toList();
		assertThat(expected).isNotEmpty();
		assertThat(rendered).containsExactlyElementsOf(expected);
		assertThat(page.select("h1")).hasSize(1);
		assertThat(page.select("p")).isNotEmpty();
		String[] lines = markdown.strip().split("\n");
		String lastLine = lines[lines.length - 1].replaceFirst("^- ", "");
		assertThat(page.select("p, li").last().text()).isEqualTo(lastLine);
		assertOnlySafeContent(page);
	}

	@Test
	void renderWhenCguHasMailtoLinkThenLinkKeptWithRelsAndListsKept() throws IOException {
		Document page = Jsoup.parseBodyFragment(this.renderer.toSafeHtml("fresnes", cgu("fresnes")));
		Element mail = page.selectFirst("a[href^=mailto:]");
		assertThat(mail).isNotNull();
		assertThat(mail.attr("href")).isEqualTo("mailto:webmaster@franes4.fr");
		assertThat(mail.attr("rel").split(" ")).contains("noopener", "noreferrer", "nofollow");
		assertThat(page.select("ul > li")).isNotEmpty();
	}

	@Test
	void renderWhenEmphasisListsTableAndWebLinkThenKept() {
		String markdown = """
				Texte en **gras** et en *italique*.

				3. troisième
				4. quatrième

				| Donnée | Durée |
				|:-------|------:|
				| Courriel | 3 ans |

				Voir [le site](https://www.example.fr/cgu).
				""";
		Document page = Jsoup.parseBodyFragment(this.renderer.toSafeHtml(markdown));
		assertThat(page.select("strong").text()).isEqualTo("gras");
		assertThat(page.select("em").text()).isEqualTo("italique");
		assertThat(page.selectFirst("ol").attr("start")).isEqualTo("3");
		assertThat(page.select("table th").eachText()).containsExactly("Donnée", "Durée");
		assertThat(page.select("table td").eachText()).containsExactly("Courriel", "3 ans");
		Element link = page.selectFirst("a");
		assertThat(link.attr("href")).isEqualTo("https://www.example.fr/cgu");
		assertThat(link.attr("rel").split(" ")).contains("noopener", "noreferrer", "nofollow");
		assertOnlySafeContent(page);
	}

	@Test
	void renderWhenRawHtmlThenShownAsTextNotAsMarkup() {
		Document page = Jsoup.parseBodyFragment(this.renderer.toSafeHtml("Un <b>mot</b> et <script>alert(1)</script>"));
		assertThat(page.select("b, script")).isEmpty();
		assertThat(page.text()).contains("<b>mot</b>", "<script>alert(1)</script>");
	}

	static List<String> attacks() {
		return List.of("<script>alert(1)</script>", "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
				"<img src=x onerror=alert(1)>", "![logo](https://evil.example/track.gif)", "<p onclick=alert(1)>x</p>",
				"<a href=\"https://ok.example\" onmouseover=\"alert(1)\">x</a>", "[clic](javascript:alert(1))",
				"[clic](JaVaScRiPt:alert(1))", "[clic](  javascript:alert(1))", "[clic](java&#09;script:alert(1))",
				"[clic](&#106;avascript:alert(1))", "[clic](javascript&colon;alert(1))", "[clic](vbscript:msgbox(1))",
				"<javascript:alert(1)>", "[x][1]\n\n[1]: javascript:alert(1)",
				"<div onclick=\"alert(1)\">\n\n**texte**\n\n</div>", "<iframe src=\"https://evil.example\"></iframe>",
				"<svg onload=alert(1)><script>alert(1)</script></svg>",
				"<svg><a xlink:href=\"javascript:alert(1)\">x</a></svg>",
				"<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
				"<p style=\"background:url(javascript:alert(1)); width: expression(alert(1))\">x</p>",
				"<style>body{background:url(javascript:alert(1))}</style>", "<!-- x --><script>alert(1)</script>",
				"[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
				"![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
				"<a href=\"data:text/html,<script>alert(1)</script>\">x</a>",
				"<form action=javascript:alert(1)><button>ok</button></form>", "<object data=\"evil.swf\"></object>",
				"<embed src=\"evil.swf\">", "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
				"<base href=\"javascript:alert(1)//\">", "<link rel=stylesheet href=\"https://evil.example/x.css\">",
				"[x](\u200Bjavascript:alert(1))", "[x](java\u0000script:alert(1))",
				"[x](\uFF4A\uFF41\uFF56\uFF41\uFF53\uFF43\uFF52\uFF49\uFF50\uFF54:alert(1))",
				"<scr\u0000ipt>alert(1)</scr\u0000ipt>", "\u202E<script>alert(1)</script>",
				"| a |\n|---|\n| <img src=x onerror=alert(1)> |", "> <script>alert(1)</script>",
				"`<script>` ```\n<script>alert(1)</script>\n```", "<a href=\"#\" target=\"_top\" id=\"x\">x</a>");
	}

	@ParameterizedTest
	@MethodSource("attacks")
	void renderWhenAttackThenNoExecutableContent(String attack) {
		String html = this.renderer.toSafeHtml("Avant.\n\n" + attack + "\n\nAprès.");
		assertOnlySafeContent(Jsoup.parseBodyFragment(html));
		assertOnlySafeMarkup(html);
		assertThat(html).contains("Avant.", "Après.");
	}

	@Test
	void renderWhenSameTextForOneTenantThenCachedOnceAndAnotherTenantHasItsOwnEntry() {
		String markdown = "# Conditions\n\nTexte.";
		String first = this.renderer.toSafeHtml("fresnes", markdown);
		assertThat(this.renderer.toSafeHtml("fresnes", markdown)).isSameAs(first);
		assertThat(this.renderer.cachedCount()).isEqualTo(1);
		this.renderer.toSafeHtml("ccplm", markdown);
		assertThat(this.renderer.cachedCount()).isEqualTo(2);
		this.renderer.toSafeHtml("fresnes", markdown + "\n\nNouvelle version.");
		assertThat(this.renderer.cachedCount()).isEqualTo(3);
	}

	@Test
	void renderWhenTenantContextSetThenCachedForThatTenantOnly() {
		String markdown = "# Conditions";
		TenantContext.runAs("velizy", () -> this.renderer.toSafeHtml(markdown));
		assertThat(this.renderer.cachedCount()).isEqualTo(1);
		this.renderer.toSafeHtml(markdown);
		assertThat(this.renderer.cachedCount()).isEqualTo(1);
		assertThat(this.renderer.toSafeHtml(markdown)).isEqualTo("<h1>Conditions</h1>\n");
	}

	@Test
	void contextWhenTermsConfigurationThenOneRendererBean() {
		new ApplicationContextRunner().withUserConfiguration(TermsConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(TermsRenderer.class));
	}

	private static void assertOnlySafeContent(Document page) {
		for (Element element : page.body().getAllElements()) {
			if (element == page.body()) {
				continue;
			}
			assertThat(ALLOWED_ELEMENTS).as("element <%s>", element.tagName()).contains(element.tagName());
			for (Attribute attribute : element.attributes()) {
				assertThat(ALLOWED_ATTRIBUTES.getOrDefault(element.tagName(), Set.of()))
					.as("attribute %s on <%s>", attribute.getKey(), element.tagName())
					.contains(attribute.getKey());
			}
			if (element.hasAttr("href")) {
				String href = element.attr("href").strip().toLowerCase(Locale.ROOT);
				Matcher scheme = SCHEME.matcher(href);
				if (scheme.find()) {
					assertThat(scheme.group(1)).as(href).isIn("http", "https", "mailto");
				}
				assertThat(element.attr("rel").split(" ")).contains("noopener", "noreferrer", "nofollow");
			}
		}
	}

	/**
	 * The same check on the raw text, not trusting any parser: every tag is an allowed
	 * one with only allowed attributes; anything else left is text, escaped.
	 */
	private static void assertOnlySafeMarkup(String html) {
		Matcher tag = RAW_TAG.matcher(html);
		while (tag.find()) {
			String name = tag.group(1).toLowerCase(Locale.ROOT);
			assertThat(ALLOWED_ELEMENTS).as(tag.group()).contains(name);
			String attributes = tag.group(2);
			assertThat(attributes).as(tag.group()).matches("(\\s+(href|rel|start|align)=\"[^\"<>]*\")*\\s*/?");
			Matcher href = RAW_HREF.matcher(attributes);
			if (href.find()) {
				assertThat(href.group(1).toLowerCase(Locale.ROOT)).as(tag.group())
					.matches("(https?://|mailto:|#)[^\\s]*");
			}
		}
		assertThat(html).doesNotContainPattern("<\\s*[^a-zA-Z/]").doesNotContain("<!");
	}

	private static String cgu(String tenantId) throws IOException {
		String dir = System.getProperty("espace.tenants.dir", "../tenants");
		return Files.readString(Path.of(dir, "cgu", tenantId + ".md"), StandardCharsets.UTF_8);
	}

}
