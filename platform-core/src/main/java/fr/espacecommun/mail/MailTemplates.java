package fr.espacecommun.mail;

import java.util.Locale;
import java.util.Map;

import fr.espacecommun.mail.CommuneMail.MailBody;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders mail bodies from {@code classpath:mail/<name>.txt} and {@code .html} with
 * Thymeleaf, which escapes every value in the HTML body.
 */
public class MailTemplates {

	private final SpringTemplateEngine text = engine(TemplateMode.TEXT, ".txt");

	private final SpringTemplateEngine html = engine(TemplateMode.HTML, ".html");

	/** Both bodies of the named mail, in French. */
	public MailBody render(String name, Map<String, Object> variables) {
		Context context = new Context(Locale.FRENCH, variables);
		return new MailBody(this.text.process(name, context), this.html.process(name, context));
	}

	private static SpringTemplateEngine engine(TemplateMode mode, String suffix) {
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(MailTemplates.class.getClassLoader());
		resolver.setPrefix("mail/");
		resolver.setSuffix(suffix);
		resolver.setTemplateMode(mode);
		resolver.setCharacterEncoding("UTF-8");
		resolver.setCacheable(true);
		SpringTemplateEngine engine = new SpringTemplateEngine();
		engine.setTemplateResolver(resolver);
		return engine;
	}

}
