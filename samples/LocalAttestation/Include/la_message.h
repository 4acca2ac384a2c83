/* la_message.h — sealing and opening LocalAttestation's secure messages (dh_session_protocol.h)
 * under a session's AEK; compiled into both enclaves (la_message.c). Enclave code. */
#ifndef LA_MESSAGE_H
#define LA_MESSAGE_H

#include <stddef.h>

#include "dh_session_protocol.h"

/* Seals payload into msg (capacity size bytes) for the given direction and sequence. */
uint32_t la_seal(const sgx_key_128bit_t *aek, uint32_t session_id, uint32_t direction, uint64_t sequence,
                 const void *payload, uint32_t payload_size, secure_message_t *msg, size_t size);
/* Opens msg (size bytes) sent in the expected direction with the expected sequence into out,
 * which holds exactly out_size bytes of payload. */
uint32_t la_open(const sgx_key_128bit_t *aek, uint32_t direction, uint64_t sequence, const secure_message_t *msg,
                 size_t size, void *out, uint32_t out_size);

#endif
