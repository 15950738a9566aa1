package fr.espacecommun.csv;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading uploaded CSV files: pure logic over bytes, Commons CSV underneath. */
class CsvUploadTests {

	private static final List<CsvColumn> COLUMNS = List.of(new CsvColumn("lastName", "nom", true, Set.of("nom usuel")),
			new CsvColumn("firstNames", "prenoms", true, Set.of("Prénom(s)")),
			new CsvColumn("email", "courriel", true, Set.of("e-mail")),
			new CsvColumn("serviceKey.enfance", "enfance", false, Set.of()));

	@Test
	void readWhenSemicolonsWithBomAndBlankLinesThenRowsCarryTheirFileLine() {
		CsvUpload file = read(
				"\uFEFFNom usuel;Prénom(s);Courriel;enfance\r\n" + "Lefèvre;Hélène;h@example.org;12345-ABCDEF\r\n"
						+ "\r\n" + ";;;\r\n" + "Martin;\"Jean; Paul\";jp@example.org;\r\n");

		assertThat(file.delimiter()).isEqualTo(';');
		assertThat(file.rows()).extracting(CsvRow::line).containsExactly(2, 5);
		assertThat(file.rows().get(0).value("lastName")).isEqualTo("Lefèvre");
		assertThat(file.rows().get(1).value("firstNames")).isEqualTo("Jean; Paul");
		assertThat(file.rows().get(1).problem()).isEmpty();
	}

	@Test
	void readWhenCommasAndQuotedMultilineValueThenNextRowLineCounted() {
		CsvUpload file = read("courriel,nom,prenoms\n" + "a@example.org,\"Dupont\nde la Rue\",Anne\n"
				+ "b@example.org,Durand,Paul\n");

		assertThat(file.delimiter()).isEqualTo(',');
		assertThat(file.rows()).extracting(CsvRow::line).containsExactly(2, 4);
		assertThat(file.columns()).extracting(CsvColumn::id).containsExactly("email", "lastName", "firstNames");
	}

	@Test
	void readWhenRowHasFewerValuesThenRowProblemNamesCounts() {
		CsvUpload file = read("nom;prenoms;courriel\nDupont;Anne\n");

		assertThat(file.rows().get(0).problem()).contains(Reason.of("csv.error.columnCount", 2, 3));
	}

	@Test
	void readWhenUnknownColumnThenFileRefusedNamingExpectedColumns() {
		assertThatThrownBy(() -> read("nom;prenoms;courriel;telephone\nA;B;c@example.org;01\n"))
			.isInstanceOfSatisfying(CsvRefusedException.class, (ex) -> assertThat(ex.reason())
				.isEqualTo(Reason.of("csv.error.unknownColumn", "telephone", "nom, prenoms, courriel, enfance")));
	}

	@Test
	void readWhenRequiredColumnMissingThenFileRefused() {
		assertThatThrownBy(() -> read("nom;prenoms\nA;B\n")).isInstanceOfSatisfying(CsvRefusedException.class,
				(ex) -> assertThat(ex.reason().key()).isEqualTo("csv.error.missingColumn"));
	}

	@Test
	void readWhenLatin1ThenRefusedAsNotUtf8() {
		byte[] latin1 = "nom;prenoms;courriel\nLefèvre;Hélène;h@example.org\n".getBytes(StandardCharsets.ISO_8859_1);
		assertThatThrownBy(() -> CsvUpload.read(latin1, COLUMNS)).isInstanceOfSatisfying(CsvRefusedException.class,
				(ex) -> assertThat(ex.reason().key()).isEqualTo("csv.error.encoding"));
	}

	@Test
	void readWhenNulBytesThenRefusedAsBinary() {
		byte[] png = { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D };
		assertThatThrownBy(() -> CsvUpload.read(png, COLUMNS)).isInstanceOfSatisfying(CsvRefusedException.class,
				(ex) -> assertThat(ex.reason().key()).isEqualTo("csv.error.binary"));
	}

	@Test
	void readWhenZipSpreadsheetThenRefusedAsSpreadsheet() {
		byte[] xlsx = { 'P', 'K', 3, 4, 20, 0, 6, 0 };
		assertThatThrownBy(() -> CsvUpload.read(xlsx, COLUMNS)).isInstanceOfSatisfying(CsvRefusedException.class,
				(ex) -> assertThat(ex.reason().key()).isEqualTo("csv.error.spreadsheet"));
	}

	@Test
	void readWhenOverTwoMegabytesThenRefusedWithSize() {
		byte[] big = new byte[CsvUpload.MAX_BYTES + 100_000];
		java.util.Arrays.fill(big, (byte) 'a');
		assertThatThrownBy(() -> CsvUpload.read(big, COLUMNS)).isInstanceOfSatisfying(CsvRefusedException.class,
				(ex) -> assertThat(ex.reason()).isEqualTo(Reason.of("csv.error.tooLarge", "2,1", 2)));
	}

	@Test
	void readWhenQuoteNeverClosedThenRefusedAsMalformed() {
		assertThatThrownBy(() -> read("nom;prenoms;courriel\nA;B;a@example.org\n\"C;D;c@example.org\n"))
			.isInstanceOfSatisfying(CsvRefusedException.class,
					(ex) -> assertThat(ex.reason()).isEqualTo(Reason.of("csv.error.malformed", 3)));
	}

	@Test
	void readWhenHeaderOnlyThenRefusedAsWithoutRows() {
		assertThatThrownBy(() -> read("nom;prenoms;courriel\n")).isInstanceOfSatisfying(CsvRefusedException.class,
				(ex) -> assertThat(ex.reason().key()).isEqualTo("csv.error.noRows"));
	}

	private static CsvUpload read(String text) {
		return CsvUpload.read(text.getBytes(StandardCharsets.UTF_8), COLUMNS);
	}

}
