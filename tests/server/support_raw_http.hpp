// Raw HTTP/1.1 over a loopback socket, for what HTTPClientSession cannot do
// deterministically: send only a request's head (a Content-Length whose body
// never follows) or a chunked body of exact bytes, then read the answer.
//
// sendRaw() writes `bytes`, then reads one response (status line, headers and
// a Content-Length body, or up to the server's close). If no complete
// response arrives within `timeoutSeconds` (e.g. the server waits for a body
// that never comes), status is -1 and body says why, so a test fails instead
// of hanging.
#pragma once

#include <map>
#include <string>

#include "server_fixture.hpp"

namespace sowflow::server::testing {

HttpResponse sendRaw(unsigned short port, const std::string& bytes, int timeoutSeconds = 10);

// "METHOD path HTTP/1.1" with Host, Connection: close, the given headers and
// a Content-Length (when contentLength >= 0) ending in the blank line.
std::string requestHead(const std::string& method, const std::string& path,
                        const std::map<std::string, std::string>& headers,
                        long long contentLength);

// A chunked body carrying exactly `size` bytes of 'z', in 16 KiB chunks, with
// the terminating zero-length chunk.
std::string chunkedBody(std::size_t size);

}  // namespace sowflow::server::testing
