package fr.espacecommun.address.internal;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import fr.espacecommun.address.AddressSearch;
import fr.espacecommun.address.AddressSearch.AddressSuggestion;
import fr.espacecommun.tenancy.TenantContext;
import fr.espacecommun.testsupport.BanStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Address suggestions from a local stand-in speaking the Base Adresse Nationale's format.
 */
@ExtendWith(OutputCaptureExtension.class)
class BanAddressSearchTests {

	private final BanStub stub = BanStub.start();

	private final BanAddressSearch search = new BanAddressSearch(properties(this.stub.baseUrl()));

	@AfterEach
	void stopStub() {
		this.stub.close();
	}

	@Test
	void searchWhenServiceAnswersThenSuggestionsWithNumberStreetPostcodeCityAndInseeCode() {
		List<AddressSuggestion> suggestions = this.search.search("8 bd du port", 5);

		assertThat(suggestions).containsExactly(
				new AddressSuggestion("8 Boulevard du Port 80000 Amiens", "8", "Boulevard du Port", "80000", "Amiens",
						"80021"),
				new AddressSuggestion("8 bis Boulevard du Port 95000 Cergy", "8 bis", "Boulevard du Port", "95000",
						"Cergy", "95127"),
				new AddressSuggestion("Boulevard du Port 44380 Pornichet", "", "Boulevard du Port", "44380",
						"Pornichet", "44132"),
				new AddressSuggestion("Port-sur-Saône", "", "", "70170", "Port-sur-Saône", "70421"));
		assertThat(this.stub.requests())
			.containsExactly(Map.of("q", "8 bd du port", "limit", "5", "autocomplete", "1"));
	}

	@Test
	void searchWhenSameQueryAgainEvenWithOtherSpacingOrCaseThenServiceAskedOnce() {
		List<AddressSuggestion> first = this.search.search("8 bd du port", 5);
		assertThat(this.search.search("8 bd du port", 5)).isEqualTo(first);
		assertThat(this.search.search("  8 BD du   Port ", 5)).isEqualTo(first);
		assertThat(this.stub.requests()).hasSize(1);

		this.search.search("8 bd du port", 3);
		assertThat(this.stub.requests()).hasSize(2);
	}

	@Test
	void searchWhenSameQueryOnAnotherCommuneThenNotServedFromTheOthersCache() {
		TenantContext.runAs("fresnes", () -> this.search.search("8 bd du port", 5));
		TenantContext.runAs("fresnes", () -> this.search.search("8 bd du port", 5));
		TenantContext.runAs("ccplm", () -> this.search.search("8 bd du port", 5));
		assertThat(this.stub.calls("8 bd du port")).isEqualTo(2);
	}

	@Test
	void searchWhenFewerThanThreeCharactersThenNoSuggestionAndServiceNotAsked() {
		assertThat(this.search.search("ab", 5)).isEmpty();
		assertThat(this.search.search("  a  ", 5)).isEmpty();
		assertThat(this.search.search("--8", 5)).isEmpty();
		assertThat(this.search.search(null, 5)).isEmpty();
		assertThat(this.search.search("8 bd du port", 0)).isEmpty();
		assertThat(this.stub.requests()).isEmpty();
	}

	@Test
	void searchWhenQueryStartsWithPunctuationOrIsTooLongThenSentAsTheServiceAccepts() {
		this.search.search("  , 8 bd du port", 50);
		this.search.search("rue " + "a".repeat(300), 5);
		List<Map<String, String>> requests = this.stub.requests();
		assertThat(requests.get(0)).containsEntry("q", "8 bd du port").containsEntry("limit", "20");
		assertThat(requests.get(1).get("q")).hasSize(200).startsWith("rue a");
	}

	@Test
	void searchWhenServiceTooSlowThenNoSuggestionWithinThreeSecondsAndQueryNotLogged(CapturedOutput output) {
		long start = System.nanoTime();
		List<AddressSuggestion> suggestions = this.search.search("12 rue lente", 5);
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

		assertThat(suggestions).isEmpty();
		assertThat(elapsed).isLessThan(Duration.ofSeconds(3));
		assertThat(output.getOut()).contains("WARN").contains("Address search").doesNotContain("rue lente");
	}

	@Test
	void searchWhenServerErrorThenNoSuggestionNotCachedAndQueryNotLogged(CapturedOutput output) {
		assertThat(this.search.search("3 rue en panne", 5)).isEmpty();
		assertThat(this.search.search("3 rue en panne", 5)).isEmpty();
		assertThat(this.stub.calls("3 rue en panne")).isEqualTo(2);
		assertThat(output.getOut()).contains("WARN", "HTTP 500").doesNotContain("rue en panne");
	}

	@Test
	void searchWhenAnswerIsNotJsonThenNoSuggestion(CapturedOutput output) {
		assertThat(this.search.search("5 rue cassee", 5)).isEmpty();
		assertThat(output.getOut()).contains("WARN", "unreadable answer").doesNotContain("rue cassee");
	}

	@Test
	void searchWhenServiceUnreachableThenNoSuggestionQuickly(CapturedOutput output) {
		URI closed = this.stub.baseUrl();
		this.stub.close();
		BanAddressSearch unreachable = new BanAddressSearch(properties(closed));

		long start = System.nanoTime();
		assertThat(unreachable.search("8 bd du port", 5)).isEmpty();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
		assertThat(output.getOut()).contains("WARN", "unreachable").doesNotContain("bd du port");
	}

	@Test
	void searchWhenServiceAnswersMoreThanAskedThenAtMostTheLimit() {
		List<AddressSuggestion> suggestions = this.search.search("rue de la grange", 5);
		assertThat(suggestions).hasSize(5);
		assertThat(suggestions.get(0)).isEqualTo(new AddressSuggestion("1 Rue de la Grange 94260 Fresnes", "1",
				"Rue de la Grange", "94260", "Fresnes", "94034"));
	}

	@Test
	void searchWhenNothingFoundThenEmptyList() {
		assertThat(this.search.search("zzzz qqqq", 5)).isEmpty();
		assertThat(this.stub.requests()).hasSize(1);
	}

	@Test
	void contextWhenNoAddressPropertiesThenPublicServiceWithShortTimeouts() {
		new ApplicationContextRunner().withUserConfiguration(AddressConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(AddressSearch.class);
			AddressProperties properties = context.getBean(AddressProperties.class);
			assertThat(properties.baseUrl()).isEqualTo(URI.create("https://data.geopf.fr/geocodage"));
			assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(1));
			assertThat(properties.readTimeout()).isEqualTo(Duration.ofMillis(1500));
			assertThat(properties.cacheTtl()).isEqualTo(Duration.ofMinutes(10));
		});
	}

	private static AddressProperties properties(URI baseUrl) {
		return new AddressProperties(baseUrl, Duration.ofSeconds(1), Duration.ofMillis(1500), Duration.ofMinutes(10),
				1000);
	}

}
