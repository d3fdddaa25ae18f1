// libjwtcore from C++ through the header-only wrapper <jwtcore/jwtcore.hpp>: issue a JWT,
// verify it, and encrypt and decrypt a payload. Failures throw jwtcore::Error.
//
// Build against an installed libjwtcore:
//   c++ -std=c++17 example.cpp $(pkg-config --cflags --libs libjwtcore) -o example
#include <jwtcore/jwtcore.hpp>

#include <iostream>
#include <string>

namespace {

void issue_and_verify() {
  const jwtcore::Key signing = jwtcore::Key::generate("EdDSA").with_kid("signing-1");
  const std::string token = jwtcore::JwtBuilder()
                                .set_string("sub", "alice")
                                .set_string("iss", "https://issuer.example")
                                .set_audience("demo-api")
                                .set_issued_now()
                                .set_expires_in(600)
                                .sign(signing, "EdDSA");
  std::cout << "issued:    " << token << "\n";

  // The verifier names what it accepts: the algorithm, the (public) key, issuer and audience.
  jwtcore::Verifier verifier;
  verifier.allow_alg("EdDSA")
      .add_key(signing.public_key())
      .add_issuer("https://issuer.example")
      .add_audience("demo-api");
  const jwtcore::Claims claims = verifier.verify_jwt(token);
  std::cout << "verified:  sub = " << claims.get_string("sub") << ", exp = " << claims.get_int64("exp") << "\n";

  std::string tampered = token;
  tampered[tampered.size() - 2] = tampered[tampered.size() - 2] == 'A' ? 'B' : 'A';
  try {
    verifier.verify_jwt(tampered);
    throw std::runtime_error("a tampered token verified");
  } catch (const jwtcore::Error &e) {
    std::cout << "tampered:  rejected, code " << e.code() << " (" << e.message() << ")\n";
  }
}

void encrypt_and_decrypt() {
  const std::string message = "the payload only the key holder may read";
  const jwtcore::Key recipient = jwtcore::Key::generate("X25519").with_kid("enc-1");
  const std::string jwe = jwtcore::encrypt_jwe(message, recipient.public_key(), "ECDH-ES+A256KW", "A256GCM");
  std::cout << "encrypted: " << jwe.substr(0, 60) << "... (" << jwe.size() << " bytes)\n";

  jwtcore::Verifier policy;
  policy.allow_alg("ECDH-ES+A256KW").allow_enc("A256GCM").add_decryption_key(recipient);
  const jwtcore::JweDecrypted result = policy.decrypt_jwe(jwe);
  if (result.plaintext.view() != message) throw std::runtime_error("the decrypted payload differs");
  std::cout << "decrypted: " << result.plaintext.view() << " (" << result.alg << ", " << result.enc << ")\n";
}

}  // namespace

int main() {
  try {
    std::cout << "libjwtcore " << jwtcore::version_string() << ", C++ example\n";
    issue_and_verify();
    encrypt_and_decrypt();
    std::cout << "ok\n";
    return 0;
  } catch (const std::exception &e) {
    std::cerr << "example failed: " << e.what() << "\n";
    return 1;
  }
}
