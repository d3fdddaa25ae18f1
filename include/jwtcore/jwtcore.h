/* libjwtcore — umbrella header. Include this one; it pulls in every public header. */
#ifndef JWTCORE_H
#define JWTCORE_H

#include "jwtcore/version.h"
#include "jwtcore/common.h"
#include "jwtcore/base64url.h"
#include "jwtcore/jwk.h"
#include "jwtcore/verifier.h"
#include "jwtcore/jws.h"
#include "jwtcore/jwe.h"
#include "jwtcore/jwt.h"

#endif /* JWTCORE_H */
