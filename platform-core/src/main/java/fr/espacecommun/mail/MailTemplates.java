package fr.espacecommun.mail;

import java.util.Locale;
import java.util.Map;

import fr.espacecommun.mail.CommuneMail.MailBody;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * Renders mail bodies from {@code classpath:mail/<name>.txt} and {@code .html} with
 * Thymeleaf, which escapes every value in the HTML body. The mails' sentences written
 * outside the templates (subjects, the digest's summary) are in the mails' own bundle,
 * {@code mail/messages_fr.properties}, which the templates read too ({@code #{…}}).
 */
public class MailTemplates {

	private final MessageSource messages = messages();

	private final SpringTemplateEngine text = engine(TemplateMode.TEXT, ".txt", this.messages);

	private final SpringTemplateEngine html = engine(TemplateMode.HTML, ".html", this.messages);

	/** Both bodies of the named mail, in French. */
	public MailBody render(String name, Map<String, Object> variables) {
		Context context = new Context(Locale.FRENCH, variables);
		return new MailBody(this.text.process(name, context), this.html.process(name, context));
	}

	/** A sentence of the mails' bundle, in French. */
	public String message(String key, Object... arguments) {
		return this.messages.getMessage(key, arguments, Locale.FRENCH);
	}

	private static MessageSource messages() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasename("mail/messages");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		return messages;
	}

	private static SpringTemplateEngine engine(TemplateMode mode, String suffix, MessageSource messages) {
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(MailTemplates.class.getClassLoader());
		resolver.setPrefix("mail/");
		resolver.setSuffix(suffix);
		resolver.setTemplateMode(mode);
		resolver.setCharacterEncoding("UTF-8");
		resolver.setCacheable(true);
		SpringTemplateEngine engine = new SpringTemplateEngine();
		engine.setTemplateResolver(resolver);
		engine.setTemplateEngineMessageSource(messages);
		return engine;
	}

}
