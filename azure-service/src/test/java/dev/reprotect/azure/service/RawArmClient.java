package dev.reprotect.azure.service;

import dev.reprotect.azure.arm.ArmJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * A test's raw view of the service: requests exactly as written, without the checks of {@code
 * HttpAzureBackend}. {@link #rawExchange} writes the request line byte for byte over a socket, for
 * paths that {@link URI} refuses to carry (a backslash, a space, raw non-ASCII bytes).
 */
final class RawArmClient {
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final int port;

  RawArmClient(int port) {
    this.port = port;
  }

  HttpClient http() {
    return http;
  }

  HttpRequest.Builder request(String rawPathAndQuery) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + rawPathAndQuery))
        .timeout(Duration.ofSeconds(30));
  }

  /** A request with {@code Authorization: Bearer <token>} unless the token is null. */
  HttpResponse<String> send(String method, String path, String token, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        request(path)
            .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), BodyHandlers.ofString());
  }

  static String errorCode(HttpResponse<String> response) {
    return ArmJson.parse(response.body()).path("error").path("code").asText();
  }

  /** An answer read off the wire: its status, Content-Type (or null) and body. */
  record RawResponse(int status, String contentType, String body) {}

  /**
   * Writes {@code method rawTarget HTTP/1.1} as ISO-8859-1 bytes, one header, the body, and reads
   * the answer until the server closes the connection.
   */
  RawResponse rawExchange(String method, String rawTarget, String authorization, byte[] body)
      throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      StringBuilder head =
          new StringBuilder()
              .append(method)
              .append(' ')
              .append(rawTarget)
              .append(" HTTP/1.1\r\n")
              .append("Host: 127.0.0.1:")
              .append(port)
              .append("\r\n")
              .append("Connection: close\r\n")
              .append("Content-Length: ")
              .append(body.length)
              .append("\r\n");
      if (authorization != null) {
        head.append("Authorization: ").append(authorization).append("\r\n");
      }
      head.append("\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      return parse(socket.getInputStream().readAllBytes());
    }
  }

  private static RawResponse parse(byte[] bytes) throws IOException {
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) {
      throw new IOException("no complete answer: " + text);
    }
    String[] lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    String contentType = null;
    boolean chunked = false;
    for (int i = 1; i < lines.length; i++) {
      String[] header = lines[i].split(":", 2);
      String name = header[0].trim().toLowerCase(Locale.ROOT);
      if (name.equals("content-type")) {
        contentType = header[1].trim();
      } else if (name.equals("transfer-encoding")) {
        chunked = header[1].trim().equalsIgnoreCase("chunked");
      }
    }
    byte[] body = java.util.Arrays.copyOfRange(bytes, end + 4, bytes.length);
    if (chunked) {
      body = dechunk(body);
    }
    return new RawResponse(status, contentType, new String(body, StandardCharsets.UTF_8));
  }

  private static byte[] dechunk(byte[] chunked) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    InputStream in = new java.io.ByteArrayInputStream(chunked);
    while (true) {
      StringBuilder size = new StringBuilder();
      int c;
      while ((c = in.read()) != '\n') {
        if (c < 0) {
          throw new IOException("a truncated chunk");
        }
        if (c != '\r') {
          size.append((char) c);
        }
      }
      int length = Integer.parseInt(size.toString().split(";")[0].trim(), 16);
      if (length == 0) {
        return out.toByteArray();
      }
      out.write(in.readNBytes(length));
      in.readNBytes(2);
    }
  }
}
