/* malloc.c — tlibc: the malloc family (malloc, calloc, realloc, free, aligned_alloc,
 * posix_memalign, memalign) over the enclave heap of heap.c. Allocations are 16-byte aligned;
 * exhaustion returns NULL with errno ENOMEM; freeing a pointer twice or one the heap did not
 * hand out aborts. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "heap.h"

static void *payload(heap_chunk_t *c)
{
    return (char *)c + HEAP_HEADER;
}

static void *no_memory(void)
{
    errno = ENOMEM;
    return NULL;
}

void *malloc(size_t n)
{
    size_t size = tlibc_heap_request_size(n);
    if (!size || !tlibc_heap_ready())
        return no_memory();
    tlibc_heap_lock();
    heap_chunk_t *c = tlibc_heap_take(size);
    if (c)
        tlibc_heap_account(tlibc_heap_chunk_size(c), 0);
    tlibc_heap_unlock();
    return c ? payload(c) : no_memory();
}

void *calloc(size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        return no_memory();
    void *p = malloc(count * size);
    return p ? memset(p, 0, count * size) : NULL;
}

void free(void *p)
{
    if (!p)
        return;
    tlibc_heap_lock();
    heap_chunk_t *c = tlibc_heap_chunk_of(p);
    tlibc_heap_account(0, tlibc_heap_chunk_size(c));
    tlibc_heap_release(c);
    tlibc_heap_unlock();
}

void *realloc(void *p, size_t n)
{
    if (!p)
        return malloc(n);
    if (n == 0) {
        free(p);
        return NULL;
    }
    size_t size = tlibc_heap_request_size(n);
    if (!size)
        return no_memory();
    tlibc_heap_lock();
    heap_chunk_t *c = tlibc_heap_chunk_of(p);
    size_t have = tlibc_heap_chunk_size(c);
    if (size <= have || tlibc_heap_grow(c, size)) {
        tlibc_heap_trim(c, size);
        tlibc_heap_account(tlibc_heap_chunk_size(c), have);
        tlibc_heap_unlock();
        return p;
    }
    tlibc_heap_unlock();
    void *q = malloc(n);
    if (!q)
        return NULL;          /* the old block stays valid, as C requires */
    memcpy(q, p, have - HEAP_HEADER);
    free(p);
    return q;
}

void *memalign(size_t alignment, size_t n)
{
    if (alignment == 0 || (alignment & (alignment - 1))) {
        errno = EINVAL;
        return NULL;
    }
    if (alignment <= HEAP_ALIGN)
        return malloc(n);
    if (alignment > SIZE_MAX / 4 || n > SIZE_MAX / 4)
        return no_memory();
    /* Room for the block, a whole alignment step and a leading free chunk. */
    char *p = malloc(n + alignment + HEAP_MIN_CHUNK);
    if (!p)
        return NULL;
    size_t size = tlibc_heap_request_size(n);
    tlibc_heap_lock();
    heap_chunk_t *c = tlibc_heap_chunk_of(p);
    size_t before = tlibc_heap_chunk_size(c);
    size_t offset = (alignment - (uintptr_t)p % alignment) % alignment;
    if (offset && offset < HEAP_MIN_CHUNK)
        offset += alignment;
    if (offset)
        c = tlibc_heap_split_front(c, offset);
    tlibc_heap_trim(c, size);
    tlibc_heap_account(tlibc_heap_chunk_size(c), before);
    tlibc_heap_unlock();
    return payload(c);
}

void *aligned_alloc(size_t alignment, size_t n)
{
    return memalign(alignment, n);
}

int posix_memalign(void **out, size_t alignment, size_t n)
{
    if (alignment < sizeof(void *) || (alignment & (alignment - 1)))
        return EINVAL;
    int saved = errno;
    void *p = memalign(alignment, n);
    errno = saved;
    if (!p)
        return ENOMEM;
    *out = p;
    return 0;
}
