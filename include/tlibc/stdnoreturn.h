/* stdnoreturn.h — tlibc: the noreturn macro. Freestanding. */
#ifndef _TLIBC_STDNORETURN_H
#define _TLIBC_STDNORETURN_H

#ifndef __cplusplus
#define noreturn _Noreturn
#endif

#endif
