// Loading keys named on the command line: --key FILE (a JWK, a JWK Set, PEM or DER; "@FILE"
// insists on a JWK Set; "-" reads stdin) and --secret TEXT|@FILE|- (raw HMAC / AES bytes).
#ifndef JWTCORE_CLI_KEYS_HPP
#define JWTCORE_CLI_KEYS_HPP

#include "cli.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace cli {

// Every key of one --key argument (a JWK Set gives all its usable keys).
std::vector<jwtcore::Key> load_key_file(std::string_view spec);

// All keys of the command's --key and --secret options; a usage error if there are none.
std::vector<jwtcore::Key> load_keys(const Args &args);

// The one key to sign or encrypt with: the only key given, or the one whose kid is `kid`
// (when not empty); then carries `kid` if it had none.
jwtcore::Key pick_key(const std::vector<jwtcore::Key> &keys, const std::string &kid);

// The six content encryptions (JWE "enc").
extern const std::vector<std::string> kAllEncs;

// The key-management algorithms to accept for decryption with `key` when none are named: the
// key's own "alg" ("dir" for a key made for an enc such as A256GCM), else its type's modern
// family (RSA-OAEP*, ECDH-ES*, AES key wrap, dir); never RSA1_5 or PBES2.
std::vector<std::string> decrypt_algs(const jwtcore::Key &key);

// A short description of a key for messages: "EC P-256 public key, kid 'k1'".
std::string describe_key(const jwtcore::Key &key);

}  // namespace cli

#endif  // JWTCORE_CLI_KEYS_HPP
