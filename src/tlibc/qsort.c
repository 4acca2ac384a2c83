/* qsort.c — tlibc: sorting and binary search. qsort is an introsort: a quicksort with
 * median-of-three partitioning, insertion sort for short runs, recursion on the
 * smaller side only, and a heapsort fallback when the partitions degrade, so the worst case is
 * O(n log n) and the stack depth O(log n). Not stable (C does not require it). */
#include <stddef.h>
#include <stdlib.h>

typedef int (*cmp_fn)(const void *, const void *);

static void swap(char *a, char *b, size_t size)
{
    if (a == b)
        return;
    for (size_t i = 0; i < size; i++) {
        char t = a[i];
        a[i] = b[i];
        b[i] = t;
    }
}

static void insertion(char *base, size_t n, size_t size, cmp_fn cmp)
{
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && cmp(base + (j - 1) * size, base + j * size) > 0; j--)
            swap(base + (j - 1) * size, base + j * size, size);
}

static void sift_down(char *base, size_t root, size_t n, size_t size, cmp_fn cmp)
{
    for (;;) {
        size_t child = 2 * root + 1;
        if (child >= n)
            return;
        if (child + 1 < n && cmp(base + child * size, base + (child + 1) * size) < 0)
            child++;
        if (cmp(base + root * size, base + child * size) >= 0)
            return;
        swap(base + root * size, base + child * size, size);
        root = child;
    }
}

static void heapsort(char *base, size_t n, size_t size, cmp_fn cmp)
{
    for (size_t i = n / 2; i-- > 0;)
        sift_down(base, i, n, size, cmp);
    for (size_t end = n - 1; end > 0; end--) {
        swap(base, base + end * size, size);
        sift_down(base, 0, end, size, cmp);
    }
}

/* Moves the median of first, middle and last to the first position (the pivot). */
static void median_to_front(char *base, size_t n, size_t size, cmp_fn cmp)
{
    char *a = base, *b = base + (n / 2) * size, *c = base + (n - 1) * size;
    if (cmp(a, b) > 0)
        swap(a, b, size);
    if (cmp(b, c) > 0)
        swap(b, c, size);
    if (cmp(a, b) > 0)
        swap(a, b, size);
    swap(base, b, size);
}

/* Hoare partition around base[0]; returns the pivot's final index. */
static size_t partition(char *base, size_t n, size_t size, cmp_fn cmp)
{
    size_t i = 0, j = n;
    for (;;) {
        do
            i++;
        while (i < n && cmp(base + i * size, base) < 0);
        do
            j--;
        while (cmp(base + j * size, base) > 0);
        if (i >= j)
            break;
        swap(base + i * size, base + j * size, size);
    }
    swap(base, base + j * size, size);
    return j;
}

static void sort(char *base, size_t n, size_t size, cmp_fn cmp, int depth)
{
    while (n > 12) {
        if (depth-- == 0) {
            heapsort(base, n, size, cmp);
            return;
        }
        median_to_front(base, n, size, cmp);
        size_t p = partition(base, n, size, cmp);
        size_t left = p, right = n - p - 1;
        if (left < right) {
            sort(base, left, size, cmp, depth);
            base += (p + 1) * size;
            n = right;
        } else {
            sort(base + (p + 1) * size, right, size, cmp, depth);
            n = left;
        }
    }
    insertion(base, n, size, cmp);
}

void qsort(void *base, size_t count, size_t size, int (*cmp)(const void *, const void *))
{
    if (count < 2 || size == 0)
        return;
    int depth = 0;
    for (size_t n = count; n; n >>= 1)
        depth += 2;
    sort(base, count, size, cmp, depth);
}

void *bsearch(const void *key, const void *base, size_t count, size_t size,
              int (*cmp)(const void *, const void *))
{
    const char *lo = base;
    while (count) {
        const char *mid = lo + (count / 2) * size;
        int c = cmp(key, mid);
        if (c == 0)
            return (void *)mid;
        if (c > 0) {
            lo = mid + size;
            count -= count / 2 + 1;
        } else {
            count /= 2;
        }
    }
    return NULL;
}
