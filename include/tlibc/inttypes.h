/* inttypes.h — tlibc: printf conversion macros for the stdint.h types (LP64), imaxabs and
 * strtoimax/strtoumax. No scanf macros: tlibc has no scanf. */
#ifndef _TLIBC_INTTYPES_H
#define _TLIBC_INTTYPES_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

intmax_t imaxabs(intmax_t v);
intmax_t strtoimax(const char *restrict s, char **restrict end, int base);
uintmax_t strtoumax(const char *restrict s, char **restrict end, int base);

#ifdef __cplusplus
}
#endif

#define __TLIBC_PRI64 "l"
#define __TLIBC_PRIPTR "l"

#define PRId8 "d"
#define PRId16 "d"
#define PRId32 "d"
#define PRId64 __TLIBC_PRI64 "d"
#define PRIi8 "i"
#define PRIi16 "i"
#define PRIi32 "i"
#define PRIi64 __TLIBC_PRI64 "i"
#define PRIo8 "o"
#define PRIo16 "o"
#define PRIo32 "o"
#define PRIo64 __TLIBC_PRI64 "o"
#define PRIu8 "u"
#define PRIu16 "u"
#define PRIu32 "u"
#define PRIu64 __TLIBC_PRI64 "u"
#define PRIx8 "x"
#define PRIx16 "x"
#define PRIx32 "x"
#define PRIx64 __TLIBC_PRI64 "x"
#define PRIX8 "X"
#define PRIX16 "X"
#define PRIX32 "X"
#define PRIX64 __TLIBC_PRI64 "X"

#define PRIdLEAST8 PRId8
#define PRIdLEAST16 PRId16
#define PRIdLEAST32 PRId32
#define PRIdLEAST64 PRId64
#define PRIuLEAST8 PRIu8
#define PRIuLEAST16 PRIu16
#define PRIuLEAST32 PRIu32
#define PRIuLEAST64 PRIu64
#define PRIxLEAST8 PRIx8
#define PRIxLEAST16 PRIx16
#define PRIxLEAST32 PRIx32
#define PRIxLEAST64 PRIx64

#define PRIdFAST8 PRId8
#define PRIdFAST16 __TLIBC_PRI64 "d"
#define PRIdFAST32 __TLIBC_PRI64 "d"
#define PRIdFAST64 PRId64
#define PRIuFAST8 PRIu8
#define PRIuFAST16 __TLIBC_PRI64 "u"
#define PRIuFAST32 __TLIBC_PRI64 "u"
#define PRIuFAST64 PRIu64
#define PRIxFAST8 PRIx8
#define PRIxFAST16 __TLIBC_PRI64 "x"
#define PRIxFAST32 __TLIBC_PRI64 "x"
#define PRIxFAST64 PRIx64

#define PRIdMAX __TLIBC_PRI64 "d"
#define PRIiMAX __TLIBC_PRI64 "i"
#define PRIoMAX __TLIBC_PRI64 "o"
#define PRIuMAX __TLIBC_PRI64 "u"
#define PRIxMAX __TLIBC_PRI64 "x"
#define PRIXMAX __TLIBC_PRI64 "X"
#define PRIdPTR __TLIBC_PRIPTR "d"
#define PRIiPTR __TLIBC_PRIPTR "i"
#define PRIoPTR __TLIBC_PRIPTR "o"
#define PRIuPTR __TLIBC_PRIPTR "u"
#define PRIxPTR __TLIBC_PRIPTR "x"
#define PRIXPTR __TLIBC_PRIPTR "X"

#endif
