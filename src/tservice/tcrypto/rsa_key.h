/* rsa_key.h — the RSA key handles of sgx_create_rsa_pub1_key/priv1_key/priv2_key (rsa_key.c),
 * used by the OAEP functions (rsa_oaep.c); enclave code, tcrypto only. Values are kept
 * big-endian without leading zeros, as BearSSL takes them. */
#ifndef VSGX_TCRYPTO_RSA_KEY_H
#define VSGX_TCRYPTO_RSA_KEY_H

#include "tcrypto_internal.h"

#define TC_RSA_MAX 512                  /* BearSSL's largest modulus: 4096 bits */
#define TC_RSA_FACTOR_MAX 260           /* and factor: 2080 bits */

struct tc_rsa_key {
    uint32_t tag;                       /* TC_TAG_RSA_PUB or TC_TAG_RSA_PRIV */
    int crt;                            /* private: 1 with p, q, dp, dq, iq (type 2), 0 with d (type 1) */
    size_t nlen, elen, dlen;
    uint8_t n[TC_RSA_MAX], e[TC_RSA_MAX], d[TC_RSA_MAX];
    uint8_t p[TC_RSA_FACTOR_MAX], q[TC_RSA_FACTOR_MAX], dp[TC_RSA_FACTOR_MAX], dq[TC_RSA_FACTOR_MAX],
        iq[TC_RSA_FACTOR_MAX];
    br_rsa_private_key sk;              /* type 2: points into the arrays above */
};

/* The key behind a handle if it has this tag, else NULL (the handle must not be NULL). */
struct tc_rsa_key *tc_rsa_get(const void *h, uint32_t tag);

#endif
