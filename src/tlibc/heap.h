/* heap.h — tlibc's heap internals, shared by heap.c (chunks, free lists, the lock) and
 * malloc.c (the malloc family on top). Not installed.
 *
 * The heap is one region given by vsgx_tlibc_heap_init, cut into chunks with boundary tags:
 * every chunk starts with a 16-byte header (size and flags, plus a check word that is the
 * header xor its address xor a per-heap cookie, so a stray write or a foreign pointer is
 * caught); a free chunk also holds its free-list links and, in its last 8 bytes, its size (the
 * footer), so that a freed neighbour can find it and merge. A 16-byte in-use sentinel closes the
 * region. Free chunks sit in size-class lists with a bitmap of non-empty lists. */
#ifndef TLIBC_HEAP_H
#define TLIBC_HEAP_H

#include <stddef.h>

#define HEAP_ALIGN 16
#define HEAP_HEADER 16
#define HEAP_MIN_CHUNK 48
#define HEAP_INUSE ((size_t)1)
#define HEAP_PREV_INUSE ((size_t)2)
#define HEAP_FLAGS ((size_t)15)

typedef struct heap_chunk {
    size_t head;                /* size | HEAP_INUSE | HEAP_PREV_INUSE */
    size_t check;               /* head ^ address ^ cookie */
    struct heap_chunk *next;    /* free chunks only */
    struct heap_chunk *prev;
} heap_chunk_t;

/* Locking: every function below except tlibc_heap_request_size and tlibc_heap_ready expects
 * the lock held. */
void tlibc_heap_lock(void);
void tlibc_heap_unlock(void);

/* Reports corruption (`what`), releases the lock and aborts. */
_Noreturn void tlibc_heap_corrupt(const char *what);

/* The chunk size for a request of n bytes, or 0 when it cannot fit in any heap. */
size_t tlibc_heap_request_size(size_t n);
/* Whether the heap has been initialised. */
int tlibc_heap_ready(void);

/* The chunk of a pointer malloc returned, checked: a pointer outside the heap, a broken header
 * or a chunk that is not in use (a double free) is corruption. */
heap_chunk_t *tlibc_heap_chunk_of(void *p);
size_t tlibc_heap_chunk_size(const heap_chunk_t *c);
/* Takes a free chunk of at least `size` bytes out of the lists and marks it in use (trimmed to
 * size when the rest makes a chunk); NULL when none fits. */
heap_chunk_t *tlibc_heap_take(size_t size);
/* Returns an in-use chunk to the free lists, merging it with free neighbours. */
void tlibc_heap_release(heap_chunk_t *c);
/* Shrinks an in-use chunk to `size`, releasing the tail when it makes a chunk. */
void tlibc_heap_trim(heap_chunk_t *c, size_t size);
/* Grows an in-use chunk in place to at least `size` by absorbing a free successor; 0 when it
 * cannot. */
int tlibc_heap_grow(heap_chunk_t *c, size_t size);
/* Splits an in-use chunk at `offset` (a multiple of 16, at least HEAP_MIN_CHUNK) and releases
 * the head; returns the in-use tail. */
heap_chunk_t *tlibc_heap_split_front(heap_chunk_t *c, size_t offset);

/* Statistics: bytes of in-use chunks. */
void tlibc_heap_account(size_t add, size_t sub);

#endif
