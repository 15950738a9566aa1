package fr.espacecommun.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.commons.codec.digest.DigestUtils;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV file uploaded by staff, checked from its bytes (never its name): at most
 * {@link #MAX_BYTES}, text without NUL bytes, UTF-8 (with or without BOM), then read by
 * Apache Commons CSV with the header row naming the columns, {@code ;} or {@code ,}
 * separated (the header tells which).
 */
public final class CsvUpload {

	/** The largest file accepted: 2 Mo. */
	public static final int MAX_BYTES = 2 * 1024 * 1024;

	/** The most data rows one file may hold. */
	public static final int MAX_ROWS = 5_000;

	private final char delimiter;

	private final List<CsvColumn> columns;

	private final List<CsvRow> rows;

	private final String sha256;

	private CsvUpload(String sha256, char delimiter, List<CsvColumn> columns, List<CsvRow> rows) {
		this.sha256 = sha256;
		this.delimiter = delimiter;
		this.columns = List.copyOf(columns);
		this.rows = List.copyOf(rows);
	}

	/**
	 * Reads an uploaded file.
	 * @param in the file's bytes
	 * @param size the size the upload announced, checked before reading
	 * @param expected the columns the import knows
	 * @return the header's columns and the data rows
	 * @throws CsvRefusedException if the file is too large, not UTF-8 text, or its header
	 * does not name the expected columns
	 * @throws IOException if the upload cannot be read
	 */
	public static CsvUpload read(InputStream in, long size, List<CsvColumn> expected) throws IOException {
		if (size > MAX_BYTES) {
			throw tooLarge(size);
		}
		return read(in.readNBytes(MAX_BYTES + 1), expected);
	}

	/** Reads a file from its bytes; see {@link #read(InputStream, long, List)}. */
	public static CsvUpload read(byte[] bytes, List<CsvColumn> expected) {
		String text = decode(bytes);
		if (text.isBlank()) {
			throw new CsvRefusedException(Reason.of("csv.error.empty"));
		}
		char delimiter = delimiter(text);
		CSVFormat format = CSVFormat.DEFAULT.builder()
			.setDelimiter(delimiter)
			.setIgnoreEmptyLines(false)
			.setTrim(true)
			.get();
		int[] lineStarts = lineStarts(text);
		List<CsvRecordLine> records = new ArrayList<>();
		try (CSVParser parser = CSVParser.parse(text, format)) {
			try {
				for (CSVRecord record : parser) {
					List<String> values = record.toList();
					if (values.stream().allMatch(String::isBlank)) {
						continue;
					}
					if (records.size() > MAX_ROWS) {
						throw new CsvRefusedException(Reason.of("csv.error.tooManyRows", MAX_ROWS));
					}
					records.add(new CsvRecordLine(line(lineStarts, record.getCharacterPosition()), values));
				}
			}
			catch (UncheckedIOException | IllegalStateException ex) {
				// an opening quote never closed: Commons CSV gives up at the end of the
				// file
				throw new CsvRefusedException(
						Reason.of("csv.error.malformed", lastLineRead(records, lineStarts.length)));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (records.isEmpty()) {
			throw new CsvRefusedException(Reason.of("csv.error.empty"));
		}
		CsvRecordLine header = records.get(0);
		Map<Integer, CsvColumn> byIndex = header(header.values(), expected);
		List<CsvRow> rows = new ArrayList<>();
		for (CsvRecordLine record : records.subList(1, records.size())) {
			rows.add(row(record, byIndex, header.values().size()));
		}
		if (rows.isEmpty()) {
			throw new CsvRefusedException(Reason.of("csv.error.noRows"));
		}
		List<CsvColumn> found = byIndex.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.map(Map.Entry::getValue)
			.toList();
		return new CsvUpload(DigestUtils.sha256Hex(bytes), delimiter, found, rows);
	}

	/** The SHA-256 of the file's bytes, in hex: tells the same file uploaded again. */
	public String sha256() {
		return this.sha256;
	}

	/** The separator the file uses. */
	public char delimiter() {
		return this.delimiter;
	}

	/** The columns the header names, in the file's order. */
	public List<CsvColumn> columns() {
		return this.columns;
	}

	/** The data rows, blank lines left out, in the file's order. */
	public List<CsvRow> rows() {
		return this.rows;
	}

	/** "2,4" (Mo, one decimal, French). */
	static String megabytes(long bytes) {
		return String.format(Locale.FRANCE, "%.1f", bytes / (1024.0 * 1024.0));
	}

	private static CsvRefusedException tooLarge(long size) {
		return new CsvRefusedException(Reason.of("csv.error.tooLarge", megabytes(size), MAX_BYTES / (1024 * 1024)));
	}

	private static String decode(byte[] bytes) {
		if (bytes.length == 0) {
			throw new CsvRefusedException(Reason.of("csv.error.empty"));
		}
		if (bytes.length > MAX_BYTES) {
			throw tooLarge(bytes.length);
		}
		if (startsWith(bytes, 'P', 'K', 3, 4) || startsWith(bytes, 0xD0, 0xCF, 0x11, 0xE0)) {
			// .xlsx and .ods are ZIP files, .xls an OLE2 compound file
			throw new CsvRefusedException(Reason.of("csv.error.spreadsheet"));
		}
		for (byte b : bytes) {
			if (b == 0) {
				throw new CsvRefusedException(Reason.of("csv.error.binary"));
			}
		}
		String text;
		try {
			text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new CsvRefusedException(Reason.of("csv.error.encoding"));
		}
		if (text.startsWith("\uFEFF")) {
			text = text.substring(1);
		}
		boolean control = text.chars()
			.anyMatch((c) -> c != '\t' && c != '\n' && c != '\r' && Character.getType(c) == Character.CONTROL);
		if (control) {
			throw new CsvRefusedException(Reason.of("csv.error.binary"));
		}
		return text;
	}

	private static boolean startsWith(byte[] bytes, int... prefix) {
		if (bytes.length < prefix.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if ((bytes[i] & 0xFF) != prefix[i]) {
				return false;
			}
		}
		return true;
	}

	// the header line says which separator the file uses; Excel in French writes ';'
	private static char delimiter(String text) {
		int end = text.indexOf('\n');
		String header = (end < 0) ? text : text.substring(0, end);
		long semicolons = header.chars().filter((c) -> c == ';').count();
		long commas = header.chars().filter((c) -> c == ',').count();
		return (commas > semicolons) ? ',' : ';';
	}

	private static Map<Integer, CsvColumn> header(List<String> headers, List<CsvColumn> expected) {
		Map<Integer, CsvColumn> byIndex = new LinkedHashMap<>();
		Map<String, Integer> seen = new HashMap<>();
		String names = expected.stream().map(CsvColumn::name).collect(Collectors.joining(", "));
		for (int i = 0; i < headers.size(); i++) {
			String header = headers.get(i);
			if (header.isBlank()) {
				// a separator left at the end of the header line
				continue;
			}
			CsvColumn column = expected.stream()
				.filter((candidate) -> candidate.matches(header))
				.findFirst()
				.orElseThrow(() -> new CsvRefusedException(Reason.of("csv.error.unknownColumn", header, names)));
			if (seen.putIfAbsent(column.id(), i) != null) {
				throw new CsvRefusedException(Reason.of("csv.error.duplicateColumn", header));
			}
			byIndex.put(i, column);
		}
		for (CsvColumn column : expected) {
			if (column.required() && !seen.containsKey(column.id())) {
				throw new CsvRefusedException(Reason.of("csv.error.missingColumn", column.name(), names));
			}
		}
		return byIndex;
	}

	private static CsvRow row(CsvRecordLine record, Map<Integer, CsvColumn> byIndex, int width) {
		List<String> values = record.values();
		boolean extraFilled = values.size() > width
				&& values.subList(width, values.size()).stream().anyMatch((value) -> !value.isBlank());
		Optional<Reason> problem = (values.size() < width || extraFilled)
				? Optional.of(Reason.of("csv.error.columnCount", values.size(), width)) : Optional.empty();
		Map<String, String> byColumn = new LinkedHashMap<>();
		byIndex.forEach((index, column) -> {
			if (index < values.size()) {
				byColumn.put(column.id(), values.get(index).strip());
			}
		});
		return new CsvRow(record.line(), byColumn, problem);
	}

	private static int[] lineStarts(String text) {
		List<Integer> starts = new ArrayList<>();
		starts.add(0);
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) == '\n') {
				starts.add(i + 1);
			}
		}
		return starts.stream().mapToInt(Integer::intValue).toArray();
	}

	// 1-based line of a character position
	private static int line(int[] lineStarts, long position) {
		int index = Arrays.binarySearch(lineStarts, (int) position);
		return (index >= 0) ? index + 1 : -index - 1;
	}

	private static int lastLineRead(List<CsvRecordLine> records, int lines) {
		return records.isEmpty() ? 1 : Math.min(records.get(records.size() - 1).line() + 1, lines);
	}

	private record CsvRecordLine(int line, List<String> values) {
	}

}
