/* la_message.c — LocalAttestation's secure messages: AES-128-GCM under the session's AEK with
 * the message header as additional data and an IV of direction || sequence. Enclave code,
 * compiled into both enclaves. */
#include <string.h>

#include "la_message.h"
#include "sgx_tcrypto.h"

static void make_iv(uint32_t direction, uint64_t sequence, uint8_t iv[SGX_AESGCM_IV_SIZE])
{
    for (int i = 0; i < 4; i++)
        iv[i] = (uint8_t)(direction >> (8 * i));
    for (int i = 0; i < 8; i++)
        iv[4 + i] = (uint8_t)(sequence >> (8 * i));
}

uint32_t la_seal(const sgx_key_128bit_t *aek, uint32_t session_id, uint32_t direction, uint64_t sequence,
                 const void *payload, uint32_t payload_size, secure_message_t *msg, size_t size)
{
    if (size < sizeof *msg || size - sizeof *msg < payload_size)
        return LA_OUT_BUFFER_LENGTH;
    msg->session_id = session_id;
    msg->direction = direction;
    msg->sequence = sequence;
    msg->payload_size = payload_size;
    uint8_t iv[SGX_AESGCM_IV_SIZE];
    make_iv(direction, sequence, iv);
    sgx_aes_gcm_128bit_tag_t tag;
    if (sgx_rijndael128GCM_encrypt((const sgx_aes_gcm_128bit_key_t *)aek, payload, payload_size, msg->payload, iv,
                                   sizeof iv, (const uint8_t *)msg, LA_MESSAGE_AAD_SIZE, &tag) != SGX_SUCCESS)
        return LA_ENCRYPT_DECRYPT;
    memcpy(msg->tag, tag, sizeof tag);
    return LA_SUCCESS;
}

uint32_t la_open(const sgx_key_128bit_t *aek, uint32_t direction, uint64_t sequence, const secure_message_t *msg,
                 size_t size, void *out, uint32_t out_size)
{
    if (size < sizeof *msg || msg->payload_size != out_size || size - sizeof *msg < out_size)
        return LA_INVALID_PARAMETER;
    if (msg->direction != direction || msg->sequence != sequence)
        return LA_INVALID_SESSION;
    uint8_t iv[SGX_AESGCM_IV_SIZE];
    make_iv(direction, sequence, iv);
    sgx_aes_gcm_128bit_tag_t tag;
    memcpy(tag, msg->tag, sizeof tag);
    sgx_status_t st = sgx_rijndael128GCM_decrypt((const sgx_aes_gcm_128bit_key_t *)aek, msg->payload, out_size, out, iv,
                                                 sizeof iv, (const uint8_t *)msg, LA_MESSAGE_AAD_SIZE, &tag);
    if (st == SGX_ERROR_MAC_MISMATCH)
        return LA_ERROR_TAG_MISMATCH;
    return st == SGX_SUCCESS ? LA_SUCCESS : LA_ENCRYPT_DECRYPT;
}
