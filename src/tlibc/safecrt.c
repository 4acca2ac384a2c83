/* safecrt.c — tlibc: the bounded copies of mbusafecrt.h that edger8r-generated code calls.
 * memcpy_s and memset_s return 0 or an errno value (EINVAL for a NULL argument or overlapping
 * buffers, ERANGE when the destination is too small) and clear or fill what they may on failure.
 * The _verw variants write untrusted memory and then execute VERW, which on affected CPUs
 * flushes the buffers that MMIO stale-data attacks read; LFENCE orders it before what follows. */
#include <errno.h>
#include <mbusafecrt.h>
#include <stdint.h>
#include <string.h>

static int overlaps(const void *a, const void *b, size_t n)
{
    uintptr_t x = (uintptr_t)a, y = (uintptr_t)b;
    return x < y ? y - x < n : x - y < n;
}

errno_t memcpy_s(void *dest, size_t dest_size, const void *src, size_t count)
{
    if (count == 0)
        return 0;
    if (!dest)
        return EINVAL;
    if (!src || overlaps(dest, src, count)) {
        memset(dest, 0, dest_size);
        return EINVAL;
    }
    if (dest_size < count) {
        memset(dest, 0, dest_size);
        return ERANGE;
    }
    memcpy(dest, src, count);
    return 0;
}

errno_t memset_s(void *dest, size_t dest_size, int c, size_t count)
{
    if (!dest)
        return EINVAL;
    errno_t r = 0;
    if (count > dest_size) {
        count = dest_size;
        r = ERANGE;
    }
    memset(dest, c, count);
    __asm__ volatile("" : : "r"(dest) : "memory");   /* never optimised away */
    return r;
}

static void verw_barrier(void)
{
    uint16_t sel;
    __asm__ volatile("mov %%ds, %0" : "=r"(sel));
    __asm__ volatile("verw %0\n\tlfence" : : "m"(sel) : "cc", "memory");
}

errno_t memcpy_verw_s(void *dest, size_t dest_size, const void *src, size_t count)
{
    errno_t r = memcpy_s(dest, dest_size, src, count);
    verw_barrier();
    return r;
}

void *memset_verw(void *dest, int c, size_t count)
{
    memset(dest, c, count);
    verw_barrier();
    return dest;
}
