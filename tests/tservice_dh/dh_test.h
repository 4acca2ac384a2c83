/* dh_test.h — what the local-attestation test enclave and its host tests agree on: the number
 * of session slots, the status the enclave's peer policy answers with, and the size of the
 * additional properties the responder puts in msg3. */
#ifndef DH_TEST_H
#define DH_TEST_H

#define DH_SLOTS 4
/* The peer is not signed by the expected MRSIGNER (not an sgx_status_t). */
#define DH_POLICY_REJECTED 0x10001
/* A msg3 whose declared properties exceed what arrived by more than this is refused by the
 * enclave's ECALL before the library sees it. */
#define DH_MAX_PROP 65536

#endif
