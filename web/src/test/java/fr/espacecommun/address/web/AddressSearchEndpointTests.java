package fr.espacecommun.address.web;

import fr.espacecommun.testsupport.BanStub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code GET /adresse/recherche} on a commune's host, against a local Base Adresse
 * Nationale stub.
 */
@SpringBootTest
@AutoConfigureMockMvc
class AddressSearchEndpointTests {

	private static final BanStub stub = BanStub.start();

	@DynamicPropertySource
	static void addressService(DynamicPropertyRegistry registry) {
		registry.add("espace.address.base-url", () -> stub.baseUrl().toString());
	}

	@AfterAll
	static void stopStub() {
		stub.close();
	}

	@Autowired
	private MockMvc mvc;

	@Test
	void searchWhenCommuneHostThenSuggestionsAsJsonWithEveryField() throws Exception {
		this.mvc.perform(get("/adresse/recherche").param("q", "8 bd du port").with(host("fresnes.localhost")))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("application/json"))
			.andExpect(header().string("Cache-Control", "no-store"))
			.andExpect(jsonPath("$", hasSize(4)))
			.andExpect(jsonPath("$[0].label").value("8 Boulevard du Port 80000 Amiens"))
			.andExpect(jsonPath("$[0].houseNumber").value("8"))
			.andExpect(jsonPath("$[0].street").value("Boulevard du Port"))
			.andExpect(jsonPath("$[0].postcode").value("80000"))
			.andExpect(jsonPath("$[0].city").value("Amiens"))
			.andExpect(jsonPath("$[0].cityCode").value("80021"))
			.andExpect(jsonPath("$[2].houseNumber").value(""));
		assertThat(stub.requests()).anySatisfy((request) -> assertThat(request).containsEntry("q", "8 bd du port")
			.containsEntry("limit", "8")
			.containsEntry("autocomplete", "1"));
	}

	@Test
	void searchWhenServiceAnswersManyThenAtMostEight() throws Exception {
		this.mvc.perform(get("/adresse/recherche").param("q", "rue de la grange").with(host("ccplm.localhost")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$", hasSize(8)))
			.andExpect(jsonPath("$[7].label").value("8 Rue de la Grange 94260 Fresnes"));
	}

	@Test
	void searchWhenPlatformHostThenNotFoundAndServiceNotAsked() throws Exception {
		long before = stub.calls("9 bd du port");
		this.mvc.perform(get("/adresse/recherche").param("q", "9 bd du port").with(host("localhost")))
			.andExpect(status().isNotFound());
		assertThat(stub.calls("9 bd du port")).isEqualTo(before);
	}

	@Test
	void searchWhenUnknownHostThenNotFound() throws Exception {
		this.mvc.perform(get("/adresse/recherche").param("q", "8 bd du port").with(host("inconnue.localhost")))
			.andExpect(status().isNotFound());
	}

	@Test
	void searchWhenQueryLongerThanTwoHundredCharactersThenOnlyTheFirstTwoHundredAsked() throws Exception {
		String query = "12 rue du port " + "x".repeat(400);
		this.mvc.perform(get("/adresse/recherche").param("q", query).with(host("villennes.localhost")))
			.andExpect(status().isOk());
		assertThat(stub.calls(query.substring(0, 200))).isEqualTo(1);
	}

	@Test
	void searchWhenQueryTooShortOrMissingThenEmptyListWithoutAskingTheService() throws Exception {
		int before = stub.requests().size();
		this.mvc.perform(get("/adresse/recherche").param("q", "ru").with(host("ccve.localhost")))
			.andExpect(status().isOk())
			.andExpect(content().json("[]"));
		this.mvc.perform(get("/adresse/recherche").with(host("ccve.localhost")))
			.andExpect(status().isOk())
			.andExpect(content().json("[]"));
		assertThat(stub.requests()).hasSize(before);
	}

	@Test
	void searchWhenServiceFailsThenEmptyListSoManualEntryStaysPossible() throws Exception {
		this.mvc.perform(get("/adresse/recherche").param("q", "4 rue en panne").with(host("velizy.localhost")))
			.andExpect(status().isOk())
			.andExpect(content().json("[]"));
	}

	private static RequestPostProcessor host(String name) {
		return (request) -> {
			request.setServerName(name);
			request.setServerPort(8080);
			return request;
		};
	}

}
