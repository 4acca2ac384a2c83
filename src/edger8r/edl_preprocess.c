/* edl_preprocess.c — the C preprocessor run (see edl_preprocess.h). */
#include "edl_preprocess.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PP_MAX_OUTPUT (64u << 20)
#define PP_MAX_STDERR 2048u
#define PP_TIMEOUT_MS 120000ll

/* The executable `name` (looked up on PATH unless it contains '/'), malloc'd, or NULL. */
static char *find_program(const char *name)
{
    if (strchr(name, '/'))
        return access(name, X_OK) == 0 ? strdup(name) : NULL;
    const char *path = getenv("PATH");
    if (!path || !*path)
        path = "/usr/local/bin:/usr/bin:/bin";
    while (*path) {
        const char *colon = strchr(path, ':');
        size_t n = colon ? (size_t)(colon - path) : strlen(path);
        char *cand = NULL;
        if (n > 0 && asprintf(&cand, "%.*s/%s", (int)n, path, name) >= 0) {
            if (access(cand, X_OK) == 0)
                return cand;
        }
        free(cand);
        path += n;
        if (*path == ':')
            path++;
    }
    return NULL;
}

static edl_pp_status_t fail(char *err, size_t cap, const char *msg, const char *detail)
{
    if (detail && *detail)
        snprintf(err, cap, "%s: %s", msg, detail);
    else
        snprintf(err, cap, "%s", msg);
    return EDL_PP_FAILED;
}

/* Reads the child's stdout (into *buf) and stderr (first bytes kept) until both close. */
static bool drain(int outfd, int errfd, char **buf, size_t *len, char *ebuf, size_t *elen)
{
    size_t cap = 0;
    bool open_out = true, open_err = true, ok = true;
    struct timespec start, now;
    clock_gettime(CLOCK_MONOTONIC, &start);
    while (open_out || open_err) {
        struct pollfd fds[2] = {{open_out ? outfd : -1, POLLIN, 0}, {open_err ? errfd : -1, POLLIN, 0}};
        clock_gettime(CLOCK_MONOTONIC, &now);
        long long left_ms = PP_TIMEOUT_MS - ((long long)(now.tv_sec - start.tv_sec) * 1000 +
                                             (now.tv_nsec - start.tv_nsec) / 1000000);
        if (left_ms <= 0)
            return false;           /* the caller kills the preprocessor */
        int r = poll(fds, 2, (int)left_ms);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        if (open_out && (fds[0].revents & (POLLIN | POLLHUP | POLLERR))) {
            if (*len + 65536 + 1 > cap) {
                size_t ncap = cap ? cap * 2 : 65536 * 2;
                char *p = realloc(*buf, ncap);
                if (!p)
                    return false;
                *buf = p;
                cap = ncap;
            }
            ssize_t r = read(outfd, *buf + *len, 65536);
            if (r < 0 && errno != EINTR)
                return false;
            if (r == 0)
                open_out = false;
            if (r > 0 && (*len += (size_t)r) > PP_MAX_OUTPUT) {
                ok = false;
                open_out = false;
            }
        }
        if (open_err && (fds[1].revents & (POLLIN | POLLHUP | POLLERR))) {
            char tmp[512];
            ssize_t r = read(errfd, tmp, sizeof tmp);
            if (r < 0 && errno != EINTR)
                return false;
            if (r == 0)
                open_err = false;
            for (ssize_t i = 0; i < r && *elen + 1 < PP_MAX_STDERR; i++)
                ebuf[(*elen)++] = tmp[i];
        }
    }
    return ok;
}

edl_pp_status_t edl_preprocess(const char *path, const char *const *programs, char **out, size_t *len,
                               char *err, size_t errcap)
{
    static const char *const defaults[] = {"gcc", "cpp", NULL};
    *out = NULL;
    *len = 0;
    if (errcap)
        err[0] = '\0';
    char *prog = NULL;
    for (const char *const *p = programs ? programs : defaults; *p && !prog; p++)
        prog = find_program(*p);
    if (!prog)
        return EDL_PP_NOT_FOUND;

    int op[2] = {-1, -1}, ep[2] = {-1, -1};
    if (pipe2(op, O_CLOEXEC) != 0 || pipe2(ep, O_CLOEXEC) != 0) {
        free(prog);
        if (op[0] >= 0)
            close(op[0]), close(op[1]);
        return fail(err, errcap, "Preprocessor failed", strerror(errno));
    }
    char *const argv[] = {prog, (char *)"-x", (char *)"c", (char *)"-E", (char *)path, NULL};
    pid_t pid = fork();
    if (pid == 0) {
        int devnull = open("/dev/null", O_RDONLY);
        if (devnull >= 0)
            dup2(devnull, 0);
        dup2(op[1], 1);
        dup2(ep[1], 2);
        execv(prog, argv);
        _exit(127);
    }
    close(op[1]);
    close(ep[1]);
    free(prog);
    if (pid < 0) {
        close(op[0]);
        close(ep[0]);
        return fail(err, errcap, "Preprocessor failed", strerror(errno));
    }
    char ebuf[PP_MAX_STDERR];
    size_t elen = 0;
    bool ok = drain(op[0], ep[0], out, len, ebuf, &elen);
    close(op[0]);
    close(ep[0]);
    if (!ok)
        kill(pid, SIGKILL);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    ebuf[elen] = '\0';
    char *nl = strchr(ebuf, '\n');
    if (nl)
        *nl = '\0';
    if (!ok) {
        free(*out);
        *out = NULL;
        *len = 0;
        return fail(err, errcap, "Preprocessor failed", "output too large, unreadable or too slow (120 s)");
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        free(*out);
        *out = NULL;
        *len = 0;
        if (!WIFEXITED(status))
            return fail(err, errcap, "Preprocessor stopped by signal", NULL);
        return fail(err, errcap, "Preprocessor failed", ebuf);
    }
    if (!*out && !(*out = malloc(1)))
        return fail(err, errcap, "Preprocessor failed", "out of memory");
    (*out)[*len] = '\0';
    return EDL_PP_OK;
}
