// Secrets for owner tokens, session ids, CSRF tokens and acceptance links.
//
// randomToken() returns 256 bits from the kernel's CSPRNG (getrandom(2)),
// encoded as 43 characters of unpadded base64url; it throws if the kernel
// cannot supply them (never falls back to a weak generator). Tokens are only
// ever stored as sha256Hex(token). looksLikeToken() rejects anything that is
// not 43 base64url characters before a store lookup is made.
// constantTimeEquals() compares secrets without an early exit.
// Thread-safety: reentrant.
#pragma once

#include <string>
#include <string_view>

namespace sowflow::server {

inline constexpr std::size_t kTokenLength = 43;  // 256 bits in base64url

std::string randomToken();
bool looksLikeToken(std::string_view text);
std::string sha256Hex(std::string_view bytes);
bool constantTimeEquals(std::string_view a, std::string_view b);

}  // namespace sowflow::server
