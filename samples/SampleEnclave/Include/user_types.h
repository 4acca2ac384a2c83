/* user_types.h — the foreign types and shared constants of SampleEnclave. Enclave.edl includes
 * this header, so both the enclave and the application see it: buffer_t and array_t are the
 * foreign types behind the isptr/isary demos, and the SAMPLE_* values are what each side expects
 * the other to send, so a demo can check every value exactly. */
#ifndef SAMPLE_USER_TYPES_H
#define SAMPLE_USER_TYPES_H

#include <stddef.h>
#include <stdint.h>

/* A foreign pointer type: EDL sees an identifier, [isptr] says it is a pointer. */
typedef void *buffer_t;
/* A foreign array type: EDL sees an identifier, [isary] says it is an array. */
typedef int array_t[10];

/* Edger8rSyntax/Types: the values the application passes in. */
#define SAMPLE_CHAR_VALUE ((char)0x5a)
#define SAMPLE_INT_VALUE 0x13572468
#define SAMPLE_FLOAT_VALUE 1234.5f
#define SAMPLE_DOUBLE_VALUE 98765.4321
#define SAMPLE_SIZE_T_VALUE ((size_t)0x1122334455667788ULL)
#define SAMPLE_WCHAR_VALUE ((wchar_t)0x263a)
#define SAMPLE_STRUCT_TAG 7u
#define SAMPLE_STRUCT_VALUE 0x0123456789abcdefULL
#define SAMPLE_UNION_IN 0xaaaabbbbccccddddULL
#define SAMPLE_UNION_OUT 0x1111222233334444ULL

/* Edger8rSyntax/Pointers and Arrays: the value the enclave or the host writes back. */
#define SAMPLE_REPLY_VALUE 1234
#define SAMPLE_ARRAY_LEN 4

/* The checksum both sides compute over a buffer (32-bit FNV-1a). */
static inline uint32_t sample_checksum(const void *buf, size_t len)
{
    const unsigned char *p = (const unsigned char *)buf;
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ p[i]) * 16777619u;
    return h;
}

/* Edger8rSyntax/Functions: what the private ECALL returns when it is allowed to run. */
#define SAMPLE_PRIVATE_MAGIC 0x5ec12e7

/* TrustedLibrary/Thread: four counter threads, each adding LOOPS_PER_THREAD under a mutex; one
 * producer and four consumers sharing ITEMS_PER_CONSUMER items each over a bounded queue. */
#define COUNTER_THREADS 4
#define LOOPS_PER_THREAD 50000
#define CONSUMER_THREADS 4
#define ITEMS_PER_CONSUMER 500
#define QUEUE_CAPACITY 8

#endif
