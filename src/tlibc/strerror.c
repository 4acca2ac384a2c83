/* strerror.c — tlibc: the message of an error number (the common ones; others are "Unknown
 * error"). */
#include <errno.h>
#include <string.h>

char *strerror(int errnum)
{
    switch (errnum) {
    case 0: return (char *)"Success";
    case EPERM: return (char *)"Operation not permitted";
    case ENOENT: return (char *)"No such file or directory";
    case EINTR: return (char *)"Interrupted system call";
    case EIO: return (char *)"Input/output error";
    case E2BIG: return (char *)"Argument list too long";
    case EBADF: return (char *)"Bad file descriptor";
    case EAGAIN: return (char *)"Resource temporarily unavailable";
    case ENOMEM: return (char *)"Cannot allocate memory";
    case EACCES: return (char *)"Permission denied";
    case EFAULT: return (char *)"Bad address";
    case EBUSY: return (char *)"Device or resource busy";
    case EEXIST: return (char *)"File exists";
    case EINVAL: return (char *)"Invalid argument";
    case ENOSPC: return (char *)"No space left on device";
    case EDOM: return (char *)"Numerical argument out of domain";
    case ERANGE: return (char *)"Numerical result out of range";
    case ENOSYS: return (char *)"Function not implemented";
    case EOVERFLOW: return (char *)"Value too large for defined data type";
    case EILSEQ: return (char *)"Invalid or incomplete multibyte or wide character";
    case ENOTSUP: return (char *)"Operation not supported";
    case ETIMEDOUT: return (char *)"Connection timed out";
    case ECANCELED: return (char *)"Operation canceled";
    default: return (char *)"Unknown error";
    }
}
