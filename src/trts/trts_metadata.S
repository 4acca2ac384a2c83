/* trts_metadata.S — the empty `.note.sgxmeta` note every enclave carries (name "sgx_metadata",
 * type 1, a 0x6000-byte descriptor right after the name); sgx_sign writes the metadata into it. */
    .section .note.sgxmeta, "", @note
    .p2align 0
    .long 13
    .long 0x6000
    .long 1
    .asciz "sgx_metadata"
    .fill 0x6000, 1, 0
    .section .note.GNU-stack, "", @progbits
