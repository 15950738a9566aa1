package fr.espacecommun.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTP/1.1 over a bare socket, for what the JDK's client will not send: a request line
 * the client would refuse ({@code GET /%zz}), or a request from another local address
 * ({@code 127.0.0.2}, standing for a reverse proxy on the same machine).
 */
public final class RawHttp {

	private RawHttp() {
	}

	/**
	 * Sends a request and reads the whole answer (the connection is closed after it).
	 * @param from the local address to connect from ({@code 127.0.0.1},
	 * {@code 127.0.0.2})
	 * @param port the platform's port
	 * @param requestLine {@code GET /path HTTP/1.1}
	 * @param headers header lines ({@code Host: fresnes.localhost}), without
	 * {@code Connection}
	 * @param body the body, empty for none ({@code Content-Length} is added)
	 */
	public static Answer send(String from, int port, String requestLine, List<String> headers, String body)
			throws IOException {
		byte[] content = body.getBytes(StandardCharsets.UTF_8);
		StringBuilder request = new StringBuilder(requestLine).append("\r\n");
		headers.forEach((header) -> request.append(header).append("\r\n"));
		if (content.length > 0) {
			request.append("Content-Length: ").append(content.length).append("\r\n");
		}
		request.append("Connection: close\r\n\r\n");
		try (Socket socket = new Socket()) {
			socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
			socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 5000);
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
			out.write(content);
			out.flush();
			return Answer.parse(socket.getInputStream().readAllBytes());
		}
	}

	/** A GET from 127.0.0.1. */
	public static Answer get(int port, String requestTarget, String host) throws IOException {
		return send("127.0.0.1", port, "GET " + requestTarget + " HTTP/1.1",
				List.of("Host: " + host, "Accept: text/html"), "");
	}

	/**
	 * An answer.
	 *
	 * @param status its status code
	 * @param headers its header lines, {@code name: value}, in order
	 * @param body its body, decoded as UTF-8 (chunks joined)
	 */
	public record Answer(int status, List<String> headers, String body) {

		/** Every value of a header, in order. */
		public List<String> all(String name) {
			String prefix = name.toLowerCase(Locale.ROOT) + ":";
			return this.headers.stream()
				.filter((line) -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
				.map((line) -> line.substring(prefix.length()).strip())
				.toList();
		}

		/** The first value of a header. */
		public Optional<String> header(String name) {
			return all(name).stream().findFirst();
		}

		static Answer parse(byte[] raw) throws IOException {
			int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
			if (end < 0) {
				throw new IOException("No complete answer: " + new String(raw, StandardCharsets.ISO_8859_1));
			}
			String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
			int status = Integer.parseInt(lines[0].split(" ")[1]);
			List<String> headers = new ArrayList<>(List.of(lines).subList(1, lines.length));
			byte[] body = Arrays.copyOfRange(raw, end + 4, raw.length);
			Answer answer = new Answer(status, headers, "");
			if (answer.header("Transfer-Encoding").filter("chunked"::equalsIgnoreCase).isPresent()) {
				body = unchunk(body);
			}
			return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
		}

		private static byte[] unchunk(byte[] chunked) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			int position = 0;
			byte[] crlf = "\r\n".getBytes(StandardCharsets.ISO_8859_1);
			while (position < chunked.length) {
				int lineEnd = indexOf(chunked, crlf, position);
				String size = new String(chunked, position, lineEnd - position, StandardCharsets.ISO_8859_1);
				int length = Integer.parseInt(size.split(";")[0].strip(), 16);
				if (length == 0) {
					break;
				}
				out.write(chunked, lineEnd + 2, length);
				position = lineEnd + 2 + length + 2;
			}
			return out.toByteArray();
		}

		private static int indexOf(byte[] data, byte[] pattern, int from) {
			for (int i = from; i <= data.length - pattern.length; i++) {
				boolean match = true;
				for (int j = 0; j < pattern.length && match; j++) {
					match = data[i + j] == pattern[j];
				}
				if (match) {
					return i;
				}
			}
			return -1;
		}

	}

}
