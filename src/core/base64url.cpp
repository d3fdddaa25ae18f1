#include "base64url.hpp"

#include <array>

#include "crypto/encoding.hpp"

namespace jwtcore::base64url {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr uint8_t kInvalid = 0xff;

constexpr std::array<uint8_t, 256> make_table() {
  std::array<uint8_t, 256> t{};
  for (auto &v : t) v = kInvalid;
  for (uint8_t i = 0; i < 64; ++i) t[static_cast<uint8_t>(kAlphabet[i])] = i;
  return t;
}
constexpr std::array<uint8_t, 256> kTable = make_table();

// The same table pre-shifted for each position of a 4-character group, so a group decodes
// with four loads and three ORs into the 24 bits it stands for. An invalid character sets
// bits 24..31, which no valid group has. (A byte-table loop with shifts cost ~8 instructions
// per character under callgrind; this one ~5, and the token's parts are decoded on every
// verification.)
constexpr uint32_t kBadGroup = 0xff000000u;

constexpr std::array<uint32_t, 256> make_shifted(unsigned shift) {
  std::array<uint32_t, 256> t{};
  for (size_t c = 0; c < 256; ++c) t[c] = kTable[c] == kInvalid ? kBadGroup : uint32_t(kTable[c]) << shift;
  return t;
}
constexpr std::array<uint32_t, 256> kShift18 = make_shifted(18), kShift12 = make_shifted(12), kShift6 = make_shifted(6),
                                    kShift0 = make_shifted(0);

Status bad_char(size_t pos, char c) {
  std::string msg = "base64url: invalid character ";
  if (c == '=') {
    msg += "'=' (padding is not allowed)";
  } else if (static_cast<unsigned char>(c) >= 0x21 && static_cast<unsigned char>(c) < 0x7f) {
    msg += '\'';
    msg += c;
    msg += '\'';
  } else {
    msg += "(byte " + std::to_string(static_cast<unsigned char>(c)) + ")";
  }
  msg += " at offset " + std::to_string(pos);
  return error(JWTCORE_E_BASE64, std::move(msg));
}

}  // namespace

void encode_to(bytes_view in, char *out) noexcept {
  const uint8_t *p = in.data();
  size_t n = in.size();
  size_t i = 0;
  for (; i + 3 <= n; i += 3) {
    uint32_t v = (uint32_t(p[i]) << 16) | (uint32_t(p[i + 1]) << 8) | p[i + 2];
    *out++ = kAlphabet[(v >> 18) & 63];
    *out++ = kAlphabet[(v >> 12) & 63];
    *out++ = kAlphabet[(v >> 6) & 63];
    *out++ = kAlphabet[v & 63];
  }
  if (n - i == 1) {
    uint32_t v = uint32_t(p[i]) << 16;
    *out++ = kAlphabet[(v >> 18) & 63];
    *out++ = kAlphabet[(v >> 12) & 63];
  } else if (n - i == 2) {
    uint32_t v = (uint32_t(p[i]) << 16) | (uint32_t(p[i + 1]) << 8);
    *out++ = kAlphabet[(v >> 18) & 63];
    *out++ = kAlphabet[(v >> 12) & 63];
    *out++ = kAlphabet[(v >> 6) & 63];
  }
}

std::string encode(bytes_view in) {
  std::string out;
  append(out, in);
  return out;
}

void append(std::string &out, bytes_view in) {
  size_t old = out.size();
  out.resize(old + encoded_size(in.size()));
  encode_to(in, out.data() + old);
}

Status decode_to(std::string_view in, uint8_t *out, size_t *written) {
  *written = 0;
  const size_t n = in.size();
  if (n % 4 == 1) {
    return error(JWTCORE_E_BASE64,
                 "base64url: length " + std::to_string(n) + " is impossible (length % 4 == 1)");
  }
  const auto *s = reinterpret_cast<const unsigned char *>(in.data());
  size_t i = 0;
  uint8_t *o = out;
  for (; i + 4 <= n; i += 4, o += 3) {
    const uint32_t v = kShift18[s[i]] | kShift12[s[i + 1]] | kShift6[s[i + 2]] | kShift0[s[i + 3]];
    if (v & kBadGroup) {
      for (size_t k = i; k < i + 4; ++k)
        if (kTable[s[k]] == kInvalid) return bad_char(k, in[k]);
    }
    o[0] = uint8_t(v >> 16);
    o[1] = uint8_t(v >> 8);
    o[2] = uint8_t(v);
  }
  const size_t rest = n - i;
  if (rest != 0) {
    uint32_t v = 0;
    for (size_t k = 0; k < rest; ++k) {
      uint8_t d = kTable[s[i + k]];
      if (d == kInvalid) return bad_char(i + k, in[i + k]);
      v |= uint32_t(d) << (18 - 6 * k);
    }
    // RFC 4648 §3.5: the unused low bits of the last character must be zero (canonical form).
    const uint32_t unused_mask = rest == 2 ? 0xffffu : 0xffu;
    if (v & unused_mask) {
      return error(JWTCORE_E_BASE64, "base64url: non-zero trailing bits in the last character at offset " +
                                         std::to_string(n - 1) + " (non-canonical encoding)");
    }
    *o++ = uint8_t(v >> 16);
    if (rest == 3) *o++ = uint8_t(v >> 8);
  }
  *written = static_cast<size_t>(o - out);
  return Status::ok();
}

Status decode(std::string_view in, Bytes &out) {
  const size_t old = out.size();
  out.resize(old + decoded_size(in.size()));
  size_t written = 0;
  Status st = decode_to(in, out.data() + old, &written);
  out.resize(st ? old + written : old);
  return st;
}

Status decode_secret(std::string_view in, SecretBytes &out, std::string_view what) {
  out.assign(decoded_size(in.size()), 0);
  size_t written = 0;
  if (!crypto::ct_base64url_decode(in, out.data(), out.size(), &written)) {
    out.clear();
    return error(JWTCORE_E_BASE64, "member '" + std::string(what) +
                                       "' is not strict base64url (alphabet, no padding, canonical)");
  }
  out.resize(written);
  return Status::ok();
}

}  // namespace jwtcore::base64url
