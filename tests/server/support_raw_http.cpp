#include "support_raw_http.hpp"

#include <cstdio>

#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/NumberParser.h>
#include <Poco/String.h>

namespace sowflow::server::testing {

namespace {

// Parses "HTTP/1.1 413 Reason\r\nName: value\r\n...\r\n\r\n".
void parseHead(const std::string& head, HttpResponse& out) {
  const auto lineEnd = head.find("\r\n");
  const std::string statusLine = head.substr(0, lineEnd);
  const auto space = statusLine.find(' ');
  out.status = space == std::string::npos ? -1 : std::atoi(statusLine.c_str() + space + 1);
  std::size_t at = lineEnd + 2;
  while (at < head.size()) {
    const auto end = head.find("\r\n", at);
    const std::string line = head.substr(at, end - at);
    at = end == std::string::npos ? head.size() : end + 2;
    const auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    out.headers.add(line.substr(0, colon), Poco::trim(line.substr(colon + 1)));
  }
}

}  // namespace

HttpResponse sendRaw(unsigned short port, const std::string& bytes, int timeoutSeconds) {
  HttpResponse response;
  std::string received;
  try {
    Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", port));
    socket.setReceiveTimeout(Poco::Timespan(timeoutSeconds, 0));
    socket.setSendTimeout(Poco::Timespan(timeoutSeconds, 0));
    std::size_t sent = 0;
    while (sent < bytes.size()) {
      const int n = socket.sendBytes(bytes.data() + sent, static_cast<int>(bytes.size() - sent));
      if (n <= 0) break;
      sent += static_cast<std::size_t>(n);
    }
    char block[8192];
    std::size_t headEnd = std::string::npos;
    long long wanted = -1;  // body bytes after the head, when Content-Length is known
    for (;;) {
      if (headEnd == std::string::npos) {
        headEnd = received.find("\r\n\r\n");
        if (headEnd != std::string::npos) {
          parseHead(received.substr(0, headEnd), response);
          Poco::Int64 length = 0;
          if (Poco::NumberParser::tryParse64(response.headers.get("Content-Length", ""), length)) {
            wanted = length;
          }
        }
      }
      if (headEnd != std::string::npos && wanted >= 0 &&
          static_cast<long long>(received.size() - headEnd - 4) >= wanted) {
        break;
      }
      const int n = socket.receiveBytes(block, sizeof block);
      if (n <= 0) break;  // the server closed the connection
      received.append(block, static_cast<std::size_t>(n));
    }
    if (headEnd == std::string::npos) {
      response.status = -1;
      response.body = "no complete response head; got: " + received.substr(0, 200);
      return response;
    }
    response.body = received.substr(headEnd + 4);
  } catch (const Poco::TimeoutException& e) {
    response.status = -1;
    response.body = "timed out waiting for the response (" + e.displayText() + "); got: " +
                    received.substr(0, 200);
  } catch (const Poco::Exception& e) {
    response.status = -1;
    response.body = e.displayText() + "; got: " + received.substr(0, 200);
  }
  return response;
}

std::string requestHead(const std::string& method, const std::string& path,
                        const std::map<std::string, std::string>& headers,
                        long long contentLength) {
  std::string head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  for (const auto& [name, value] : headers) head += name + ": " + value + "\r\n";
  if (contentLength >= 0) head += "Content-Length: " + std::to_string(contentLength) + "\r\n";
  return head + "\r\n";
}

std::string chunkedBody(std::size_t size) {
  std::string out;
  const std::size_t chunk = 16 * 1024;
  for (std::size_t done = 0; done < size;) {
    const std::size_t n = std::min(chunk, size - done);
    char length[32];
    std::snprintf(length, sizeof length, "%zx\r\n", n);
    out += length;
    out.append(n, 'z');
    out += "\r\n";
    done += n;
  }
  return out + "0\r\n\r\n";
}

}  // namespace sowflow::server::testing
