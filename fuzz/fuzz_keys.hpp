// Fixed test keys shared by the JWS and JWE harnesses, as private JWKs. They exist so that the
// fuzzer reaches the cryptographic paths: the seed corpora are tokens signed by, or encrypted to,
// exactly these keys (made with tools/jwtcore: `jwtcore sign --key` / `jwtcore encrypt --key` on a
// file holding one of them; see fuzz/README.md). They protect nothing; never use them elsewhere.
// Changing one invalidates the seeds made with it.
#pragma once

#include <string_view>

namespace jwtcore::fuzz::keys {

// Signature keys: one per family, each bound to its alg by the JWK's own "alg".
inline constexpr const char kSigHs256[] =
    "{\"k\":\"OFpRINEtajk62lx3wNT-CGBCLGsKDXjML2mXSzQOCcQ\",\"kty\":\"oct\",\"kid\":\"sig-hs256\",\"alg\":\""
    "HS256\"}";

inline constexpr const char kSigRs256[] =
    "{\"e\":\"AQAB\",\"kty\":\"RSA\",\"n\":\"0ZJ9FyVnYFZoajd3TEuhgEjfDRxToQy9h2gmUHtGPo6BwRUQ-lqO-sd7RK0"
    "rZR9y249Co5WEz8800cYeT4H710BEyKer_hgDNQU_y0QqBSAbmlWqvhzSVArIh6oIqY65z5ttqwUl35jPcfV9h5w"
    "Q1wryxNTgnSNk8wJmr3lhx4OAMl15q3JQFbvtXde6K6xFtJDO-SPHv_bN5IaKMDy9JcgNosYCX13zvk022Z2Sy6_"
    "9eQNyq0CirJ8vydAICusV-NDQU4CxfAFSbi4P5kcFy9pl-w9daE_axBKHaggp6XZIr89wwafTNSCFlTzrn8CHoTw"
    "Qxn6h_2DvzSde99Wx-w\",\"d\":\"BnUOuqRYS5OBMxvTZq8b4ktPtORopT-Y8i-g1cqYLvxBsW44Cc0f6hU0Z9JoHs"
    "nTYA8WQ0ESCKJYFjCWPxmAf32twOFkGMR3pAet4AVd80hHR9mYFOe0ovDg6q381CPSkNWERKIFEtJVoSuQ7kxxbm"
    "OaRSG3ONBEeRv1VJz9iMhAcTsqjkKYgBwGefKGUcbEpq-8W2IPsLY41grFaZM1E0cnCSWI7DGxyZbLjWQNSD61bJ"
    "uTwweddZiIPamzMT5R5pNlMvaNHL17riqrFj1qG-04swuoDOp96epyrJcJG5DrD-5Tnavka8eVldGtXmAwhChE5U"
    "og7lA6N5EiMWwdLQ\",\"p\":\"_uKF2vvZUCyBKbDWNqfcSBOs2nr_pOS_e2AZDkemmSYBME7bk-8U_-rSYIGS9dVPJ"
    "XCDxz6_Zaz6EKJvLQlNJnHu4_fiO7We1CnwtG0FAU8ZBGEaSt3YdicTcNcun1Ls3MekwE_CjsMiISk0Wn24OJcx4"
    "hH6cSiy4-MaRHoqBN8\",\"q\":\"0n0262Ul3bs-kcet-N8x0hygRrR5rPubIKKf_CMhIdIIRFI7vLTx7DI8INowlg2"
    "xlEGfwrl5Ta5YICfuVMhMt4r6V_ic3aTkFOis6fgy-cG-TBqxHuR1sMEbdkkATBmBpYIJdISRmIOw6S6aLyC-oJA"
    "1lYN2osE1jd-paVOA-mU\",\"dp\":\"gfDz8r8Ae-okcx-vJbAQEkLNlZitKeBgakKEo44Ntff1FS6urM1vNET_ual1"
    "RZTYw6qH1BT-OJSl68MT0K70QQxGkLv3_x7JeTpkd2c47QDpLR1f7RkKWLn1JErffuQk0y2IpW5ELsn2ZVd_VD7R"
    "ozAZgzpNJlFsWdeWtaBeOZs\",\"dq\":\"jVIWamsJxlouAzB-hKZNy9T-YxpOyy5Ok9W79kwbtZpPhJd1lhgiiUOdD"
    "S2RC138SR7aRaHDaL1SW5yTroagw2Zi-Gdp4oIPxF4HojrK9tb2jiAppSUcQ2UTrBINSgqh-d5ZvMo4-p4ITDbGv"
    "DeO5TyNTWnrYBC6hRuSoa233eU\",\"qi\":\"l7xgKaH-VamXLfJjHBXWsBYuBoQFfnimbn1-clOt3YwNvwJLiuEAwq"
    "ipCspKqGVKQ8Usu6oiokDS8WqnEXVd9ANzdbJ9itDChy7cukNIbl_cjRhSG87B3DSbHfkG05o-cVGSNtPx-Dvrng"
    "yB5w-ufBlHkRzSDnu3AhfD18GsYu8\",\"kid\":\"sig-rs256\",\"alg\":\"RS256\"}";

inline constexpr const char kSigEs256[] =
    "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"nLCrePa7Q6azcDJcihkZcDVeUkR1695l-VX0011g3YI\",\"y\":\"z2BgVOW"
    "vohMNcf44eOSEkXgZaWW7Ou6BarE0iQTEO-0\",\"d\":\"S3BttMiKNsI35FYYJn2dQHxouj1rfbbSvvTOGjMjErU\","
    "\"kid\":\"sig-es256\",\"alg\":\"ES256\"}";

inline constexpr const char kSigEs384[] =
    "{\"crv\":\"P-384\",\"kty\":\"EC\",\"x\":\"C1oUSYbnzvpJwSotiTdBJDhDl8uORET3IjwRo-MDJPJ5sxTiyjTkpB6w_"
    "6Xl7Oz0\",\"y\":\"pCfyc-Kh-Cc0GmQPnIC9HuX3W5jDzfItKggHxZJwQHvlW-NOl9I1_FGhuNbWIUuQ\",\"d\":\"rI0"
    "fFJcGQGAYtAMYjjPft573wIFALrnS12O-xtSpo-UikhNu1a6-FKCQgLOm1IfF\",\"kid\":\"sig-es384\",\"alg\":\""
    "ES384\"}";

inline constexpr const char kSigEdDsa[] =
    "{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"yWRBXgEYvlbFbO6nruJnMHghPHyjuDodenefGa7pHhA\",\"d\":\"i8yz"
    "WY_KigtvPxc_6cwXsMej8RBL07fEznJDwxo6lm4\",\"kid\":\"sig-eddsa\",\"alg\":\"EdDSA\"}";

inline constexpr const char kSigEs256k[] =
    "{\"crv\":\"secp256k1\",\"kty\":\"EC\",\"x\":\"8sGA2XehhaxnKk5RDixlnvdSArMmBCIffcdFou4ZJjA\",\"y\":\"beZ"
    "noi5bH0JABrV3hUkjpgFiMTfokzK--N7yPj7oek0\",\"d\":\"w8VZ6Hy2M2-Jt0fR_rF7jZNu6x2RIcqyyU10MZr0Q"
    "zA\",\"kid\":\"sig-es256k\",\"alg\":\"ES256K\"}";

// Decryption keys: one per key-management family. The EC, X25519, RSA and PBES2 keys carry no "alg",
// so that every variant of their family (ECDH-ES and ECDH-ES+A*KW; RSA-OAEP, RSA-OAEP-256 and RSA1_5;
// the three PBES2 algs) reaches them.
inline constexpr const char kEncDirA256Gcm[] =
    "{\"k\":\"3mp36q_oroTcL8xo02tvzPG-m13kABC8fwmqtPnRrXg\",\"kty\":\"oct\",\"kid\":\"enc-dir\",\"alg\":\"A2"
    "56GCM\"}";

inline constexpr const char kEncA128Kw[] =
    "{\"k\":\"XLyj5z0J3BUcL4EOG3VUBg\",\"kty\":\"oct\",\"kid\":\"enc-a128kw\",\"alg\":\"A128KW\"}";

inline constexpr const char kEncA256GcmKw[] =
    "{\"k\":\"lDfgPyjg5RR9_8RxTXtABFPizZXTVKAwsA6V4NxniDE\",\"kty\":\"oct\",\"kid\":\"enc-a256gcmkw\",\"al"
    "g\":\"A256GCMKW\"}";

inline constexpr const char kEncP256[] =
    "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"U-yhOkB2Taua54i6ZJ6MOeainIgZbhtlNqLTE4Xe42Q\",\"y\":\"buORxUW"
    "FP1Sru00BkFiu2GvhgqSMOk_Kq8ya6eXoUcs\",\"d\":\"T199gyMXF63lwaZ0VXeRMQxXiPD4hwR9274RHP5926Q\","
    "\"kid\":\"enc-p256\"}";

inline constexpr const char kEncX25519[] =
    "{\"crv\":\"X25519\",\"kty\":\"OKP\",\"x\":\"WHgfA6PsDE6NOEOmigFQ3yDN6X8KlAhH06TB1OzbPxw\",\"d\":\"mRqIF"
    "JEl2Da0uRpXtrxot9jsPenRTk80xWqJQCK2qL4\",\"kid\":\"enc-x25519\"}";

inline constexpr const char kEncRsa2048[] =
    "{\"e\":\"AQAB\",\"kty\":\"RSA\",\"n\":\"r5srAeQiUoEXu-p24deZ9d4cISHoqsb44N3DNXUavUCbm9mW6Yme2kbvCPM"
    "RgPjNnQwSyQ9k25WIbu45aR20B_iWCbh38aA0QOuY_FupB2v9fI4DY3cll5ryTqlva3ZoVLAo2L_ZYuizWMqkK3n"
    "Qf04yfzC8WmvsNIjZKdBSnCQSCX-jB6EBC-UM7V7-WIjlaFHVyGHc8sFt99fP998jJbfsntY0XyyBiWRLHARr3Kj"
    "XMF4Hj53XIbE_4P6V_OfnvbyIzlrjDXb_97BieO7GSZDmx_4XMpwiwjkO4648pkMKZ0rqmGncvCyS5Gwerj18UCO"
    "RAwzqoPTgR4n2EUoEaw\",\"d\":\"MVSzO7hFRg0ayEDg_aeuCgpHt60JafQ0VSMnI_zOMq0UKa9x_BAbjnEP1GFIIQ"
    "WD6WLLYi0PZbo3lgYZHaTo_rZAG-H02-1n0Hb-xqHPNZUKJDPW0tnVNyYhfKSPds5QF75W8zDN1kHNpBtlDAuP3T"
    "tv5xgfSX144PcynlL16gOlwfpfCByTLsDjg0DB-pd4vjZJIrU1TUqYZFJj3h4iWUWZllMTNzg0PGuESPvgp7rEru"
    "bs8OpkMOYEoQ5mhFc-xvs0kgwy-PZch0uMm9qi2ooWVhknzr1u2jAQgKHl3RAxL6s8BAyOVe_-9n6rqliKeyxxAu"
    "dpCOOh-a0yRZ8J8Q\",\"p\":\"84uYMiJRuVKrwxfuMgwBBXY5dskKf3Q0DHAbPIiFt93nkuPRvLUITbshUrcSBLV2w"
    "1TDf75RRajPSRicgN4BMVGiShI4v9BbmSmqth3AZOyeLDT_5ZlZhj9tIp-_cWw3H3fppdTjurTGQUp-viygLHWED"
    "w3hCs4nXhl_Fu0SERs\",\"q\":\"uJYjjXpZoODmqRpGKzCDPV8eKGDVCFGQT_nmjYSqcdE2AXnSMy2IKrP9yFaYNJ0"
    "ObtuBObU0xm7HF4yR5OpQvo25rijzc3K04uRMDGEWYlkQADORum7vyMh56jYs0VFWOufBDSc-UlQRXevceuQZ_M9"
    "I12uviuopOLcBYdMAXvE\",\"dp\":\"wod-0pSdCFTjQxqLNMhnzHAJKDseun0b0c99wdUeUaXagXadIYjMECJnVIVL"
    "zB0RtqWu3gsrKWPT5gPVhg1NkJIu-dEiKPwJHgatB3guI67oDFFtEHxziIqC5oQIy1TvlqAWLVIlcA1SyfXx1H8a"
    "lUhsagXg-dt-kGf3Hl3P738\",\"dq\":\"a6uISXpY1bLaWUFuNLszkpTtLnhtS1DocP5AMcR097clXW8F4bxpdR9Qp"
    "Y99cRM73AZGNrcwdZ8gmufwIitbtgtNh_1zJKCASukIQyBOwkdZQgTSuIEFdYUbODcppV9ggTO2NEnz3GoVR0fRc"
    "A2l6wWuY5n453r3WJHHSJyf1sE\",\"qi\":\"Ha6BDx_9u8qZH77Hrjz80Eb1FwWnj0Qx8U29Cb6F-DvUeq8qJv0A1g"
    "BLCgnCugCQpJhLd2a4SrnzA-2Abu-Xgu-qBfKbvIKl7w0_sragdJdAdq73JAUWMoSQVP-Bes6MZjEV9PD0m6txsZ"
    "4YpTH-H_JLf_nbwxQ4rw3CTRWcjuE\",\"kid\":\"enc-rsa\"}";

inline constexpr const char kEncPbes2[] =
    "{\"k\":\"PiwuBXBQBs_GjtxBHJyKUAlVDGntF4Ek7-q_UU9oa0k\",\"kty\":\"oct\",\"kid\":\"enc-pbes2\"}";

inline constexpr std::string_view kSignatureKeys[] = {kSigHs256, kSigRs256, kSigEs256, kSigEs384, kSigEdDsa, kSigEs256k};
inline constexpr std::string_view kSignatureAlgs[] = {"HS256", "RS256", "ES256", "ES384", "EdDSA", "ES256K"};

inline constexpr std::string_view kDecryptionKeys[] = {kEncDirA256Gcm, kEncA128Kw, kEncA256GcmKw, kEncP256,
                                                       kEncX25519, kEncRsa2048, kEncPbes2};

}  // namespace jwtcore::fuzz::keys
