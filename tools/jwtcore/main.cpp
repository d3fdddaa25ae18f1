// jwtcore: a token debugger, signer and encryptor for the terminal, built on libjwtcore's public
// C API through jwtcore.hpp. Every command reads from arguments, @files or stdin, writes results
// on stdout and one-line messages on stderr, and exits 0 (ok), 1 (not valid) or 2 (usage/input).
#include "cli.hpp"
#include "commands.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <new>

namespace {

struct Command {
  const char *name;
  int (*run)(const cli::Argv &);
  const char *summary;
};

const Command kCommands[] = {
    {"decode", cli::cmd_decode, "show a token's header and claims (no key needed, nothing verified)"},
    {"verify", cli::cmd_verify, "verify a JWT's signature and claims with your keys"},
    {"sign", cli::cmd_sign, "issue a JWT, or sign raw bytes as a JWS"},
    {"encrypt", cli::cmd_encrypt, "encrypt data or a token to a key (JWE)"},
    {"decrypt", cli::cmd_decrypt, "decrypt a JWE with your private key"},
    {"keygen", cli::cmd_keygen, "generate a key, printed as a private JWK"},
    {"pubkey", cli::cmd_pubkey, "print the public JWK (or PEM) of a key"},
    {"thumbprint", cli::cmd_thumbprint, "print a key's RFC 7638 thumbprint"},
    {"convert", cli::cmd_convert, "convert a key between JWK and PEM"},
    {"jwks", cli::cmd_jwks, "build a JWK Set of public keys"},
};

void print_help() {
  std::string text =
      "Usage: jwtcore COMMAND [OPTIONS] [ARGS]\n"
      "       jwtcore COMMAND --help     (each command's options and examples)\n"
      "       jwtcore --version\n\n"
      "A local JWT/JOSE debugger, signer and encryptor: no token or key ever leaves the machine.\n\n"
      "Commands:\n";
  for (const Command &c : kCommands) {
    char line[160];
    std::snprintf(line, sizeof line, "  %-11s %s\n", c.name, c.summary);
    text += line;
  }
  text +=
      "\nInputs: a TOKEN or DATA argument is the value itself, @FILE, or - for standard input.\n"
      "Tokens are capped at 1 MiB, payloads and plaintexts at 8 MiB, key files at 1 MiB.\n"
      "Output: results on standard output, messages on standard error; colour only on a\n"
      "terminal and never when NO_COLOR is set; --json gives machine-readable output.\n"
      "Exit status: 0 success, 1 token not valid (verification or decryption failed),\n"
      "2 usage or input error.\n\n"
      "Examples:\n"
      "  jwtcore keygen EdDSA --kid-thumbprint --out ed.jwk --public-out ed.pub.jwk\n"
      "  jwtcore sign --key ed.jwk --sub alice --exp 15m > token.txt\n"
      "  jwtcore decode @token.txt\n"
      "  jwtcore verify --key ed.pub.jwk --alg EdDSA @token.txt\n";
  cli::out(text);
}

int run(int argc, char **argv) {
  if (argc < 2) {
    print_help();
    return cli::kExitUsage;
  }
  const std::string name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    print_help();
    return cli::kExitOk;
  }
  if (name == "--version" || name == "-V") {
    cli::out_line(std::string("jwtcore ") + JWTCORE_VERSION_STRING + " (libjwtcore " + jwtcore::version_string() +
                  ", ABI " + std::to_string(jwtcore::abi_version()) + ")");
    return cli::kExitOk;
  }
  for (const Command &c : kCommands)
    if (name == c.name) return c.run(cli::Argv(argv + 2, argv + argc));
  throw cli::UsageError("unknown command '" + name + "' (see jwtcore --help)");
}

int finish(int code) {
  // A full disk or a closed pipe must not pass for success.
  if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
    if (errno != EPIPE) std::fprintf(stderr, "jwtcore: cannot write the output: %s\n", std::strerror(errno));
    return code == cli::kExitOk ? cli::kExitUsage : code;
  }
  return code;
}

}  // namespace

int main(int argc, char **argv) {
  const std::string command = argc > 1 && argv[1][0] != '-' ? std::string("jwtcore ") + argv[1] : "jwtcore";
  try {
    return finish(run(argc, argv));
  } catch (const cli::Invalid &e) {
    std::fprintf(stderr, "%s: %s\n", command.c_str(), e.what());
    return finish(cli::kExitInvalid);
  } catch (const cli::UsageError &e) {
    std::fprintf(stderr, "%s: %s\n", command.c_str(), e.what());
    return finish(cli::kExitUsage);
  } catch (const jwtcore::Error &e) {
    std::fprintf(stderr, "%s: %s\n", command.c_str(), e.what());
    return finish(cli::kExitUsage);
  } catch (const std::bad_alloc &) {
    std::fprintf(stderr, "%s: out of memory\n", command.c_str());
    return cli::kExitUsage;
  } catch (const std::exception &e) {
    std::fprintf(stderr, "%s: %s\n", command.c_str(), e.what());
    return cli::kExitUsage;
  }
}
