package dev.seedream.testkit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One HTTP/1.1 GET over a plain socket, read as the bytes came: for what the JDK's client hides
 * (the framing of a body, headers exactly as sent, a body that ends early).
 */
final class RawHttp {
  private static final int MAX_HEAD = 64 * 1024;

  /** How the body was delimited on the wire. */
  enum Framing { CONTENT_LENGTH, CHUNKED, END_OF_CONNECTION }

  /**
   * The answer: status, header lines as sent, the body read, whether it ended before its declared
   * length, and the bytes asked for that came after it on the connection.
   */
  record Response(int status, List<String> headerLines, Framing framing, byte[] body, boolean endedEarly, byte[] after) {
    List<String> headers(String name) {
      String prefix = name.toLowerCase(Locale.ROOT) + ":";
      return headerLines.stream()
          .filter(line -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
          .map(line -> line.substring(prefix.length()).trim())
          .collect(Collectors.toList());
    }

    Optional<String> header(String name) {
      return headers(name).stream().findFirst();
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private RawHttp() {}

  /** GETs the URL on a kept-alive connection (no {@code Connection: close}), then closes it. */
  static Response get(String url) {
    return get(url, 0);
  }

  /** GETs the URL, then reads {@code afterBytes} more bytes from the connection (blocking up to 10 s), then closes it. */
  static Response get(String url, int afterBytes) {
    URI uri = URI.create(url);
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
      out.write(("GET " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort() + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = new BufferedInputStream(socket.getInputStream());
      List<String> lines = head(in);
      int status = Integer.parseInt(lines.get(0).split(" ")[1]);
      List<String> headers = lines.subList(1, lines.size());
      Response probe = new Response(status, headers, Framing.END_OF_CONNECTION, new byte[0], false, new byte[0]);
      if (probe.header("Transfer-Encoding").filter("chunked"::equalsIgnoreCase).isPresent()) {
        byte[] body = chunks(in);
        return new Response(status, headers, Framing.CHUNKED, body, false, in.readNBytes(afterBytes));
      }
      Optional<String> length = probe.header("Content-Length");
      if (length.isPresent()) {
        int n = Integer.parseInt(length.get());
        byte[] body = in.readNBytes(n);
        return new Response(status, headers, Framing.CONTENT_LENGTH, body, body.length < n, in.readNBytes(afterBytes));
      }
      return new Response(status, headers, Framing.END_OF_CONNECTION, in.readAllBytes(), false, new byte[0]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> head(InputStream in) throws IOException {
    List<String> lines = new ArrayList<>();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int read = 0;
    while (true) {
      int b = in.read();
      if (b < 0 || ++read > MAX_HEAD) {
        throw new IOException("the head of the answer ended early or is over " + MAX_HEAD + " bytes: " + lines);
      }
      if (b == '\n') {
        String text = line.toString(StandardCharsets.ISO_8859_1);
        text = text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
        if (text.isEmpty()) {
          return lines;
        }
        lines.add(text);
        line.reset();
      } else {
        line.write(b);
      }
    }
  }

  private static byte[] chunks(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      StringBuilder size = new StringBuilder();
      for (int b = in.read(); b != '\n'; b = in.read()) {
        if (b < 0) {
          throw new IOException("the chunked body ended early");
        }
        if (b != '\r') {
          size.append((char) b);
        }
      }
      int n = Integer.parseInt(size.toString().split(";")[0].trim(), 16);
      if (n == 0) {
        head(in); // trailers, up to the empty line
        return body.toByteArray();
      }
      byte[] chunk = in.readNBytes(n);
      if (chunk.length < n) {
        throw new IOException("a chunk ended early");
      }
      body.write(chunk);
      in.readNBytes(2); // CRLF after the chunk
    }
  }
}
