/* platform.h — a simulated SGX platform: a directory holding the fused root secrets (mode 0600)
 * and the public platform description (CPUSVN, PCE SVN, FMSPC, ...). Two directories are two
 * different machines. Used by the simulated CPU, the PCE and the `vsgx platform` commands. */
#ifndef VSGX_SIM_PLATFORM_H
#define VSGX_SIM_PLATFORM_H

#include <stddef.h>
#include <stdint.h>

#include "sgx_key.h"

#define VSGX_PLATFORM_SECRETS_FILE "secrets.bin"
#define VSGX_PLATFORM_PUBLIC_FILE "platform.json"
#define VSGX_PLATFORM_SECRETS_SIZE 64 /* magic 8, version 4, reserved 4, RPK, RSK, epoch */

typedef enum {
    VSGX_PLATFORM_OK = 0,
    VSGX_PLATFORM_EXISTS,    /* creating over an existing platform */
    VSGX_PLATFORM_NOT_FOUND, /* no platform in the directory */
    VSGX_PLATFORM_IO,        /* a file could not be read or written */
    VSGX_PLATFORM_INSECURE,  /* the secrets file is readable by group or others */
    VSGX_PLATFORM_INVALID,   /* a file or field is malformed */
    VSGX_PLATFORM_NOMEM,
} vsgx_platform_result_t;

typedef enum {
    VSGX_SGX_TYPE_STANDARD = 0,
    VSGX_SGX_TYPE_SCALABLE,
    VSGX_SGX_TYPE_SCALABLE_WITH_INTEGRITY,
} vsgx_sgx_type_t;

/* The public description of a platform. */
typedef struct {
    sgx_cpu_svn_t cpusvn;
    uint16_t pce_svn;
    uint8_t fmspc[6];
    uint16_t pce_id;
    vsgx_sgx_type_t sgx_type;
    uint8_t platform_instance_id[16];
} vsgx_platform_params_t;

/* Fused secrets: never leave the platform except the RPK, which the (simulated) Intel PCS
 * learned at manufacturing. */
typedef struct {
    uint8_t rpk[16];         /* Root Provisioning Key */
    uint8_t rsk[16];         /* Root Sealing Key */
    uint8_t owner_epoch[16]; /* secret, changeable by the owner */
} vsgx_platform_secrets_t;

typedef struct vsgx_platform {
    char *dir;
    vsgx_platform_params_t params;
    sgx_key_id_t key_id; /* the REPORT KEYID (per boot on hardware, per platform here) */
    vsgx_platform_secrets_t secrets;
} vsgx_platform_t;

const char *vsgx_platform_result_str(vsgx_platform_result_t r);

/* $VSGX_PLATFORM, else ~/.local/share/vsgx/platform. Returns a new string (free()) or NULL. */
char *vsgx_platform_default_dir(void);

/* Default parameters: a plausible CPUSVN and PCE SVN, FMSPC 00906ED50000, PCE-ID 0, standard
 * SGX, and a random platform instance id. */
int vsgx_platform_params_default(vsgx_platform_params_t *params);

/* Creates the directory (0700) if needed and a new platform in it with fresh random secrets and
 * KEYID. params NULL = defaults. Refuses (EXISTS) when a platform is already there. err (may be
 * NULL) receives a message naming the file, field and reason. */
vsgx_platform_result_t vsgx_platform_create(const char *dir, const vsgx_platform_params_t *params,
                                            char *err, size_t err_len);

/* Loads and validates a platform. Free with vsgx_platform_free. */
vsgx_platform_result_t vsgx_platform_load(const char *dir, vsgx_platform_t **out, char *err,
                                          size_t err_len);

/* Sets the current TCB (CPUSVN and PCE SVN) and rewrites the public file. */
vsgx_platform_result_t vsgx_platform_set_tcb(vsgx_platform_t *p, const sgx_cpu_svn_t *cpusvn,
                                             uint16_t pce_svn, char *err, size_t err_len);

/* Wipes the secrets and frees. NULL is a no-op. */
void vsgx_platform_free(vsgx_platform_t *p);

#endif
