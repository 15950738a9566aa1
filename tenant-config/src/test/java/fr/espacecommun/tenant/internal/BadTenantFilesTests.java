package fr.espacecommun.tenant.internal;

import java.nio.file.Path;
import java.util.List;

import fr.espacecommun.tenant.PlatformFacts;
import fr.espacecommun.tenant.TenantConfigError;
import fr.espacecommun.tenant.internal.TenantFileReader.ParsedFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each file of {@code src/test/resources/bad/} breaks exactly one rule; the line and
 * column below were checked by hand against the file.
 */
public class BadTenantFilesTests {

	public static final Path BAD = Path.of("src/test/resources/bad");

	@ParameterizedTest(name = "{0} -> {1} at {2}:{3}")
	@CsvSource(textBlock = """
			syntax,             yaml.syntax,                  2, 14
			dupkey,             yaml.duplicate-key,           4,  1
			empty,              yaml.empty,                   1,  1
			norequired,         schema.required,              1,  1
			nologoalt,          schema.required,              7,  3
			unknownkey,         schema.additionalProperties, 10,  3
			unknownstep,        schema.enum,                 29, 11
			colorformat,        schema.pattern,               7, 17
			wrongtype,          schema.type,                 19, 14
			filename,           id.file-name,                 1,  5
			dupstep,            steps.duplicate,             33, 11
			nocgustep,          steps.cgu-missing,           25,  3
			stepmissing,        fields.step-missing,         37,  3
			noconsent,          consent.missing,             25, 11
			nocaptcha,          captcha.missing,             33, 11
			nokeys,             service-keys.missing,        33, 11
			onetype,            account-types.too-few,       25, 11
			shortpassword,      password.min-length,         19, 14
			passwordcounts,     password.counts,             19, 14
			maxlength,          password.max-length,         20, 14
			usernameemail,      username.email-required,     23, 15
			activationemail,    activation.email-required,   41,  9
			nodeadline,         activation.deadline-missing, 41,  3
			badregex,           service-keys.pattern,        43, 14
			badexample,         service-keys.example,        44, 14
			captchatarget,      captcha.target,              42, 11
			cgumissing,         terms.file-missing,          17,  9
			cguoutside,         terms.file-outside,          17,  9
			logomissing,        branding.logo-missing,        8,  9
			contrast,           branding.contrast,            7, 17
			platform,           id.reserved,                  1,  5
			typefieldlabel,     account-types.field-label,   45,  7
			typefieldstep,      account-types.step-missing,  44,  7
			fieldunused,        fields.unused,               37,  3
			fieldrequirement,   schema.additionalProperties, 39, 12
			cguempty,           terms.file-empty,            17,  9
			unknowncluster,     keycloak.cluster-unknown,    43, 12
			platformhost,       hosts.platform,               5,  5
			iphost,             hosts.ip-literal,             5,  5
			hugenumber,         schema.maximum,              19, 14
			longdeadline,       schema.maximum,              42, 34
			markupname,         text.markup,                  2,  7
			crlfsender,         text.control,                14, 17
			misspeltkey,        schema.additionalProperties, 18,  3
			websitemarkup,      text.markup,                 13, 12
			bidiname,           text.control,                 3, 13
			lookahead,          service-keys.pattern,        43, 14
			longpattern,        service-keys.pattern,        43, 14
			longexample,        service-keys.example,        44, 14
			negativenumber,     schema.minimum,              42, 22
			bignumber,          schema.maximum,              42, 22
			floatnumber,        schema.type,                 19, 14
			longname,           schema.maxLength,             2,  7
			tabindent,          yaml.syntax,                 11,  1
			unknownvalue,       schema.enum,                 23, 15
			undefinedalias,     yaml.syntax,                  9, 12
			""")
	void badFileWhenReadThenOneErrorAtTheOffendingValue(String name, String rule, int line, int column) {
		Path file = BAD.resolve(name + ".yaml");
		ParsedFile parsed = TenantFileReader.read(file, BAD, PlatformFacts.LOCAL);
		assertThat(parsed.accepted()).isFalse();
		assertThat(parsed.errors()).singleElement().satisfies((error) -> {
			assertThat(error.file()).isEqualTo(file);
			assertThat(error.rule()).isEqualTo(rule);
			assertThat(error.line()).as("line").isEqualTo(line);
			assertThat(error.column()).as("column").isEqualTo(column);
			assertThat(error.message()).isNotBlank();
		});
	}

	@Test
	void misspeltClusterWhenReadThenTheClosestOneSuggested() {
		TenantConfigError error = TenantFileReader
			.read(BAD.resolve("unknowncluster.yaml"), BAD,
					new PlatformFacts(java.util.Set.of("default", "auth2"), PlatformFacts.LOCAL.platformHosts()))
			.errors()
			.get(0);
		assertThat(error.message()).contains("'defualt'")
			.contains("clusters connus : auth2, default")
			.endsWith("vouliez-vous dire 'default' ?");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					misspeltkey | /terms : la clé 'scrollToAcept' n'existe pas à cet endroit ; vouliez-vous dire 'scrollToAccept' ?
					unknownkey  | /branding : la clé 'colour' n'existe pas à cet endroit (clés possibles : primaryColor, logo, logoAlt)
					""")
	void unknownKeyWhenReadThenTheClosestKnownKeyOrTheKnownKeysNamed(String name, String message) {
		TenantConfigError error = TenantFileReader.read(BAD.resolve(name + ".yaml"), BAD, PlatformFacts.LOCAL)
			.errors()
			.get(0);
		assertThat(error.message()).isEqualTo(message);
	}

	@Test
	void templateWhenUnbrokenThenAccepted() {
		// Every bad file is this template with one change: it must itself be valid.
		ParsedFile parsed = TenantFileReader.read(Path.of("src/test/resources/good/good.yaml"), BAD,
				PlatformFacts.LOCAL);
		assertThat(parsed.errors()).isEmpty();
		assertThat(parsed.tenant().id()).isEqualTo("good");
	}

	@Test
	void schemaErrorWhenReportedThenNamesTheValue() {
		List<TenantConfigError> errors = TenantFileReader
			.read(BAD.resolve("unknownstep.yaml"), BAD, PlatformFacts.LOCAL)
			.errors();
		assertThat(errors.get(0).message()).startsWith("/steps/2/type : ")
			.contains("'contacts'")
			.endsWith("vouliez-vous dire 'contact' ?");
		assertThat(errors.get(0)).hasToString("unknownstep.yaml:29:11: [schema.enum] " + errors.get(0).message());
	}

}
