/* dh_session_protocol.h — LocalAttestation's messages over an established session, shared by
 * the app and both enclaves: a request or response sealed with AES-128-GCM under the session's
 * AEK. The IV is the direction and a per-direction sequence number, so that a message cannot
 * be replayed or reflected within the session. The session's own messages are sgx_dh.h's. */
#ifndef LA_DH_SESSION_PROTOCOL_H
#define LA_DH_SESSION_PROTOCOL_H

#include <stdint.h>

#include "sgx_dh.h"

#define LA_DIR_REQUEST  1u    /* initiator → responder */
#define LA_DIR_RESPONSE 2u    /* responder → initiator */
#define LA_MAX_SESSIONS 8

/* Statuses of the sample's ECALLs and OCALLs (0 is success). */
#define LA_SUCCESS              0x00u
#define LA_INVALID_PARAMETER    0xE1u
#define LA_INVALID_SESSION      0xE3u
#define LA_ATTESTATION_ERROR    0xE4u
#define LA_NO_AVAILABLE_SESSION 0xE7u
#define LA_ERROR_TAG_MISMATCH   0xE9u
#define LA_OUT_BUFFER_LENGTH    0xEAu
#define LA_ENCLAVE_TRUST_ERROR  0xEDu
#define LA_ENCRYPT_DECRYPT      0xEEu

#pragma pack(push, 1)
typedef struct _secure_message_t {
    uint32_t session_id;
    uint32_t direction;       /* LA_DIR_* */
    uint64_t sequence;        /* IV = direction (4 bytes) || sequence (8 bytes), little-endian */
    uint8_t tag[16];          /* AES-GCM tag over the payload, with the header as AAD */
    uint32_t payload_size;
    uint8_t payload[];
} secure_message_t;
#pragma pack(pop)

/* The header bytes authenticated with the payload: everything before tag. */
#define LA_MESSAGE_AAD_SIZE 16u

#endif
