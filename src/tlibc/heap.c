/* heap.c — tlibc: the enclave heap's chunks, free lists and lock (see heap.h for the layout).
 * The region is fixed at vsgx_tlibc_heap_init: nothing grows it, and exhaustion is an ordinary
 * failure the malloc family reports. Every header read is checked; corruption aborts. */
#include <stdint.h>
#include <stdlib.h>
#include <vsgx/tlibc.h>

#include "heap.h"
#include "internal.h"

#define NBINS 128
#define SMALL_LIMIT 1024     /* chunks below this have one list per 16-byte size */

static struct {
    char *start;             /* first chunk */
    heap_chunk_t *sentinel;  /* the in-use, size-0 header closing the region */
    size_t cookie;
    heap_chunk_t *bins[NBINS];
    uint64_t map[NBINS / 64];
    size_t used, peak;
} heap;

static unsigned char heap_spin;

void tlibc_heap_lock(void)
{
    while (__atomic_test_and_set(&heap_spin, __ATOMIC_ACQUIRE))
        while (__atomic_load_n(&heap_spin, __ATOMIC_RELAXED))
            __asm__ volatile("pause");
}

void tlibc_heap_unlock(void)
{
    __atomic_clear(&heap_spin, __ATOMIC_RELEASE);
}

_Noreturn void tlibc_heap_corrupt(const char *what)
{
    tlibc_heap_unlock();
    tlibc_report(what);
    abort();
}

/* ---- headers ---- */

static size_t size_of(const heap_chunk_t *c)
{
    return c->head & ~HEAP_FLAGS;
}

size_t tlibc_heap_chunk_size(const heap_chunk_t *c)
{
    return size_of(c);
}

static void set_head(heap_chunk_t *c, size_t head)
{
    c->head = head;
    c->check = head ^ (size_t)(uintptr_t)c ^ heap.cookie;
}

static heap_chunk_t *at(void *p, size_t offset)
{
    return (heap_chunk_t *)((char *)p + offset);
}

/* A header that may be read: inside the region, aligned, with a matching check word and a size
 * that stays inside the region. */
static int valid(const heap_chunk_t *c)
{
    uintptr_t a = (uintptr_t)c;
    if (a < (uintptr_t)heap.start || a > (uintptr_t)heap.sentinel || a % HEAP_ALIGN)
        return 0;
    if (c->check != (c->head ^ a ^ heap.cookie))
        return 0;
    if (c == heap.sentinel)
        return 1;
    size_t size = size_of(c);
    return size >= HEAP_MIN_CHUNK && size <= (uintptr_t)heap.sentinel - a;
}

static heap_chunk_t *next_of(heap_chunk_t *c)
{
    heap_chunk_t *n = at(c, size_of(c));
    if (!valid(n))
        tlibc_heap_corrupt("heap corruption: broken header after a chunk");
    return n;
}

static void set_prev_inuse(heap_chunk_t *c, int inuse)
{
    set_head(c, inuse ? c->head | HEAP_PREV_INUSE : c->head & ~HEAP_PREV_INUSE);
}

static void set_footer(heap_chunk_t *c)
{
    *(size_t *)((char *)c + size_of(c) - sizeof(size_t)) = size_of(c);
}

static void poison(heap_chunk_t *c)
{
    c->head = 0;
    c->check = 0;
}

/* ---- free lists ---- */

static unsigned bin_of(size_t size)
{
    if (size < SMALL_LIMIT)
        return (unsigned)(size / HEAP_ALIGN);
    unsigned log = 63 - (unsigned)__builtin_clzl(size);                 /* >= 10 */
    unsigned idx = 64 + (log - 10) * 4 + (unsigned)((size >> (log - 2)) & 3);
    return idx < NBINS ? idx : NBINS - 1;
}

static void insert(heap_chunk_t *c)
{
    unsigned b = bin_of(size_of(c));
    c->prev = NULL;
    c->next = heap.bins[b];
    if (c->next)
        c->next->prev = c;
    heap.bins[b] = c;
    heap.map[b / 64] |= 1ULL << (b % 64);
}

static void unlink_chunk(heap_chunk_t *c)
{
    unsigned b = bin_of(size_of(c));
    if ((c->next && c->next->prev != c) || (c->prev ? c->prev->next != c : heap.bins[b] != c))
        tlibc_heap_corrupt("heap corruption: broken free list");
    if (c->next)
        c->next->prev = c->prev;
    if (c->prev)
        c->prev->next = c->next;
    else
        heap.bins[b] = c->next;
    if (!heap.bins[b])
        heap.map[b / 64] &= ~(1ULL << (b % 64));
}

/* The first non-empty bin at or above b, or NBINS. */
static unsigned next_bin(unsigned b)
{
    while (b < NBINS) {
        uint64_t bits = heap.map[b / 64] >> (b % 64);
        if (bits)
            return b + (unsigned)__builtin_ctzl(bits);
        b = (b / 64 + 1) * 64;
    }
    return NBINS;
}

/* ---- chunks ---- */

size_t tlibc_heap_request_size(size_t n)
{
    if (n > SIZE_MAX / 2)
        return 0;
    size_t size = (n + HEAP_HEADER + HEAP_ALIGN - 1) & ~(size_t)(HEAP_ALIGN - 1);
    return size < HEAP_MIN_CHUNK ? HEAP_MIN_CHUNK : size;
}

int tlibc_heap_ready(void)
{
    return heap.start != NULL;
}

heap_chunk_t *tlibc_heap_chunk_of(void *p)
{
    heap_chunk_t *c = (heap_chunk_t *)((char *)p - HEAP_HEADER);
    if (!heap.start || (uintptr_t)p % HEAP_ALIGN || (uintptr_t)c < (uintptr_t)heap.start ||
        (uintptr_t)c >= (uintptr_t)heap.sentinel)
        tlibc_heap_corrupt("free(): invalid pointer");
    if (!valid(c) || c == heap.sentinel)
        tlibc_heap_corrupt("free(): corrupted chunk header");
    if (!(c->head & HEAP_INUSE))
        tlibc_heap_corrupt("free(): double free");
    return c;
}

/* Cuts an in-use chunk to `size` when the rest makes a chunk, and releases the rest. */
void tlibc_heap_trim(heap_chunk_t *c, size_t size)
{
    size_t have = size_of(c);
    if (have - size < HEAP_MIN_CHUNK)
        return;
    set_head(c, size | (c->head & HEAP_FLAGS));
    heap_chunk_t *rest = at(c, size);
    set_head(rest, (have - size) | HEAP_INUSE | HEAP_PREV_INUSE);
    tlibc_heap_release(rest);
}

heap_chunk_t *tlibc_heap_take(size_t size)
{
    for (unsigned b = next_bin(bin_of(size)); b < NBINS; b = next_bin(b + 1)) {
        for (heap_chunk_t *c = heap.bins[b]; c; c = c->next) {
            if (!valid(c) || (c->head & HEAP_INUSE))
                tlibc_heap_corrupt("heap corruption: broken free chunk");
            if (size_of(c) < size)
                continue;
            unlink_chunk(c);
            set_head(c, c->head | HEAP_INUSE);
            set_prev_inuse(next_of(c), 1);
            tlibc_heap_trim(c, size);
            return c;
        }
    }
    return NULL;
}

void tlibc_heap_release(heap_chunk_t *c)
{
    size_t size = size_of(c);
    heap_chunk_t *n = next_of(c);
    if (!(n->head & HEAP_INUSE)) {
        unlink_chunk(n);
        size += size_of(n);
        poison(n);
    }
    if (!(c->head & HEAP_PREV_INUSE)) {
        if ((char *)c == heap.start)
            tlibc_heap_corrupt("heap corruption: broken free neighbour");
        size_t prev_size = *(size_t *)((char *)c - sizeof(size_t));
        heap_chunk_t *p = (heap_chunk_t *)((char *)c - prev_size);
        if (prev_size > (uintptr_t)c - (uintptr_t)heap.start || !valid(p) ||
            size_of(p) != prev_size || (p->head & HEAP_INUSE))
            tlibc_heap_corrupt("heap corruption: broken free neighbour");
        unlink_chunk(p);
        size += prev_size;
        poison(c);
        c = p;
    }
    set_head(c, size | HEAP_PREV_INUSE);   /* a free chunk's predecessor is always in use */
    set_footer(c);
    insert(c);
    set_prev_inuse(at(c, size), 0);
}

int tlibc_heap_grow(heap_chunk_t *c, size_t size)
{
    size_t have = size_of(c);
    heap_chunk_t *n = next_of(c);
    if (n->head & HEAP_INUSE || have + size_of(n) < size)
        return 0;
    unlink_chunk(n);
    size_t total = have + size_of(n);
    poison(n);
    set_head(c, total | (c->head & HEAP_FLAGS));
    set_prev_inuse(at(c, total), 1);
    tlibc_heap_trim(c, size);
    return 1;
}

heap_chunk_t *tlibc_heap_split_front(heap_chunk_t *c, size_t offset)
{
    size_t have = size_of(c);
    heap_chunk_t *tail = at(c, offset);
    set_head(c, offset | (c->head & HEAP_FLAGS));
    set_head(tail, (have - offset) | HEAP_INUSE);
    tlibc_heap_release(c);          /* clears tail's PREV_INUSE */
    return tail;
}

void tlibc_heap_account(size_t add, size_t sub)
{
    heap.used = heap.used + add - sub;
    if (heap.used > heap.peak)
        heap.peak = heap.used;
}

/* ---- the public statistics and initialisation ---- */

void vsgx_tlibc_heap_init(void *base, size_t size, size_t max_size)
{
    (void)max_size;           /* no EDMM: the committed size is all there is */
    tlibc_heap_lock();
    for (unsigned i = 0; i < NBINS; i++)
        heap.bins[i] = NULL;
    for (unsigned i = 0; i < NBINS / 64; i++)
        heap.map[i] = 0;
    heap.used = heap.peak = 0;
    heap.start = NULL;
    uintptr_t lo = ((uintptr_t)base + HEAP_ALIGN - 1) & ~(uintptr_t)(HEAP_ALIGN - 1);
    uintptr_t hi = ((uintptr_t)base + size) & ~(uintptr_t)(HEAP_ALIGN - 1);
    if (base && size && hi > lo && hi - lo >= HEAP_MIN_CHUNK + HEAP_HEADER) {
        heap.start = (char *)lo;
        heap.sentinel = (heap_chunk_t *)(hi - HEAP_HEADER);
        heap.cookie = (size_t)lo * 0x9e3779b97f4a7c15ULL ^ 0x7673677874696963ULL;
        heap_chunk_t *all = (heap_chunk_t *)lo;
        set_head(all, ((uintptr_t)heap.sentinel - lo) | HEAP_PREV_INUSE);
        set_footer(all);
        set_head(heap.sentinel, HEAP_INUSE);
        insert(all);
    }
    tlibc_heap_unlock();
}

size_t vsgx_tlibc_heap_used(void)
{
    return __atomic_load_n(&heap.used, __ATOMIC_RELAXED);
}

size_t vsgx_tlibc_heap_peak(void)
{
    return __atomic_load_n(&heap.peak, __ATOMIC_RELAXED);
}
