// SHA-256 as lower-case hex, through OpenSSL's libcrypto directly: the hash
// chain seals every event and replay re-hashes every stored one, and upload
// decisions hash the deliverable bytes.
// Thread-safety: reentrant.
#pragma once

#include <string>
#include <string_view>

namespace sowflow::engine::detail {

std::string sha256HexOf(std::string_view bytes);
// The same 64 hex characters into `hex` (no terminator), for a comparison
// that needs no string.
void sha256HexInto(std::string_view bytes, char* hex);

}  // namespace sowflow::engine::detail
