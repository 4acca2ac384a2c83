/* UntrustedEnclaveMessageExchange.h — the app's side of the initiator's OCALLs: which enclave
 * answers them (the responder, set by the app after loading it). */
#ifndef LA_UNTRUSTED_ENCLAVE_MESSAGE_EXCHANGE_H
#define LA_UNTRUSTED_ENCLAVE_MESSAGE_EXCHANGE_H

#include "sgx_eid.h"

extern sgx_enclave_id_t responder_enclave_id;

#endif
