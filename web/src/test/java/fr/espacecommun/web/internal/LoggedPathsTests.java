package fr.espacecommun.web.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the logs show of a request address: its secrets masked, the rest readable. */
class LoggedPathsTests {

	private static final String TOKEN = "q3v9X_kP-2mRtY8wLzN4bC7dF1gH5jK0sA6eU3iO9pQ";

	@Test
	void activationLinkThenTokenMaskedWhateverFollows() {
		assertThat(LoggedPaths.mask("/activation/" + TOKEN)).isEqualTo("/activation/***");
		assertThat(LoggedPaths.mask("/activation/abc/identifiants")).isEqualTo("/activation/***/identifiants");
		assertThat(LoggedPaths.mask("/activation/" + TOKEN + ";jsessionid=1"))
			.isEqualTo("/activation/***;jsessionid=1");
		assertThat(LoggedPaths.mask("/activation/nouveau-lien")).isEqualTo("/activation/nouveau-lien");
	}

	@Test
	void longOpaqueSegmentAnywhereThenMaskedButWordsAndUuidsStay() {
		assertThat(LoggedPaths.mask("/autre/" + TOKEN + "/suite")).isEqualTo("/autre/***/suite");
		assertThat(LoggedPaths.mask("/admin/usagers/3f2b8c1e-4d5a-4b6c-9e7f-0a1b2c3d4e5f/effacement"))
			.isEqualTo("/admin/usagers/3f2b8c1e-4d5a-4b6c-9e7f-0a1b2c3d4e5f/effacement");
		assertThat(LoggedPaths.mask("/inscription/coordonnees-et-adresse-postale-du-foyer"))
			.isEqualTo("/inscription/coordonnees-et-adresse-postale-du-foyer");
	}

	@Test
	void queryThenOAuthAndTokenValuesMaskedOthersKept() {
		assertThat(LoggedPaths.mask("/login/oauth2/code/fresnes?state=abc&session_state=def&iss=x&code=ghi"))
			.isEqualTo("/login/oauth2/code/fresnes?state=***&session_state=***&iss=x&code=***");
		assertThat(LoggedPaths.mask("/x?resetToken=1&page=2")).isEqualTo("/x?resetToken=***&page=2");
		assertThat(LoggedPaths.mask(null)).isEqualTo("-");
	}

}
