// The commands of the jwtcore tool. Each takes the arguments after its name, prints its own
// --help, and returns an exit code or throws UsageError (exit 2) / Invalid (exit 1).
#ifndef JWTCORE_CLI_COMMANDS_HPP
#define JWTCORE_CLI_COMMANDS_HPP

#include <string>
#include <vector>

namespace cli {

using Argv = std::vector<std::string>;

int cmd_decode(const Argv &argv);
int cmd_verify(const Argv &argv);
int cmd_sign(const Argv &argv);
int cmd_encrypt(const Argv &argv);
int cmd_decrypt(const Argv &argv);
int cmd_keygen(const Argv &argv);
int cmd_pubkey(const Argv &argv);
int cmd_thumbprint(const Argv &argv);
int cmd_convert(const Argv &argv);
int cmd_jwks(const Argv &argv);

}  // namespace cli

#endif  // JWTCORE_CLI_COMMANDS_HPP
