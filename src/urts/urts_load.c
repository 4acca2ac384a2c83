/* urts_load.c — sgx_create_enclave, sgx_create_enclave_ex and sgx_destroy_enclave: read and check
 * the signed enclave file (ELF and metadata, the SGX1 metadata since the simulated CPU has no
 * EDMM), ECREATE, EADD/EEXTEND of every page the measurement covers (the same walk the signer
 * measures), EINIT with the file's SIGSTRUCT, then the enclave's initialisation ECALL (with the
 * CPUID table, vsgx/cpuid_table.h); and the
 * table that maps enclave IDs to loaded enclaves. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "elf_image.h"
#include "measure.h"
#include "metadata.h"
#include "platform.h"
#include "sgx_urts.h"
#include "urts_enclave.h"
#include "urts_events.h"

#define MAX_ENCLAVE_FILE (UINT64_C(1) << 32)

static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
static vsgx_urts_enclave_t *table;
static sgx_enclave_id_t next_eid = 2;

vsgx_urts_enclave_t *vsgx_urts_get(sgx_enclave_id_t eid)
{
    pthread_mutex_lock(&table_lock);
    vsgx_urts_enclave_t *e = table;
    while (e && e->eid != eid)
        e = e->next;
    if (e)
        e->users++;
    pthread_mutex_unlock(&table_lock);
    return e;
}

void vsgx_urts_put(vsgx_urts_enclave_t *e)
{
    pthread_mutex_lock(&table_lock);
    e->users--;
    pthread_mutex_unlock(&table_lock);
}

static void enclave_free(vsgx_urts_enclave_t *e)
{
    if (!e)
        return;
    if (e->hw)
        e->backend->destroy(e->hw);
    vsgx_platform_free(e->platform);
    pthread_mutex_destroy(&e->lock);
    free(e->tcs);
    free(e->tcs_busy);
    free(e);
}

/* The loader's page callback: EADD (and EEXTEND) each page; remember the TCSs. */
typedef struct {
    vsgx_urts_enclave_t *e;
    uint64_t tcs_cap;
    sgx_status_t status;
} load_ctx_t;

static int add_page(void *arg, uint64_t rva, uint64_t flags, bool measured, const uint8_t *page)
{
    load_ctx_t *c = arg;
    vsgx_urts_enclave_t *e = c->e;
    if ((flags & VSGX_SI_PT_MASK) == VSGX_SI_PT_TCS) {
        if (e->tcs_count == c->tcs_cap) {
            uint64_t cap = c->tcs_cap ? 2 * c->tcs_cap : 8;
            uint64_t *t = realloc(e->tcs, cap * sizeof *t);
            if (!t) {
                c->status = SGX_ERROR_OUT_OF_MEMORY;
                return 1;
            }
            e->tcs = t;
            c->tcs_cap = cap;
        }
        e->tcs[e->tcs_count++] = e->base + rva;
    }
    c->status = e->backend->add_page(e->hw, rva, page, flags, measured);
    return c->status != SGX_SUCCESS;
}

static sgx_status_t measure_error(vsgx_measure_status_t st)
{
    switch (st) {
    case VSGX_MEASURE_NO_METADATA:
    case VSGX_MEASURE_BAD_METADATA:
    case VSGX_MEASURE_BAD_PATCH:
        return SGX_ERROR_INVALID_METADATA;
    case VSGX_MEASURE_NO_MEMORY:
        return SGX_ERROR_OUT_OF_MEMORY;
    default:
        return SGX_ERROR_INVALID_ENCLAVE;
    }
}

/* The simulated machine: the platform directory ($VSGX_PLATFORM, else
 * ~/.local/share/vsgx/platform), made with fresh secrets the first time, as a new machine. */
static sgx_status_t load_platform(vsgx_urts_enclave_t *e)
{
    char *dir = vsgx_platform_default_dir();
    vsgx_platform_result_t r = dir ? vsgx_platform_load(dir, &e->platform, NULL, 0) : VSGX_PLATFORM_NOT_FOUND;
    if (dir && r == VSGX_PLATFORM_NOT_FOUND) {
        vsgx_platform_create(dir, NULL, NULL, 0); /* another process may have made it meanwhile */
        r = vsgx_platform_load(dir, &e->platform, NULL, 0);
    }
    free(dir);
    return r == VSGX_PLATFORM_OK ? SGX_SUCCESS : SGX_ERROR_NO_DEVICE;
}

/* The metadata the simulated CPU can use: the first of the chain in the SGX1 form (major 1). */
static const vsgx_metadata_t *sgx1_metadata(const vsgx_metadata_t *md)
{
    for (; md; md = md->next)
        if ((md->version >> 32) % 10 == 1)
            return md;
    return NULL;
}

static sgx_status_t load(const uint8_t *file, size_t len, int debug, const uint8_t *config_id, uint16_t config_svn,
                         vsgx_urts_enclave_t *e)
{
    vsgx_elf_image_t *elf = NULL;
    vsgx_metadata_t *chain = NULL;
    sgx_status_t st = SGX_ERROR_INVALID_ENCLAVE;
    vsgx_measure_status_t ms;
    if (vsgx_elf_parse(file, len, &elf, NULL) != VSGX_ELF_OK)
        goto out;
    if ((ms = vsgx_measure_load_metadata(elf, &chain, NULL)) != VSGX_MEASURE_OK) {
        st = measure_error(ms);
        goto out;
    }
    const vsgx_metadata_t *md = sgx1_metadata(chain);
    st = SGX_ERROR_INVALID_METADATA;
    if (!md)
        goto out;
    st = SGX_ERROR_FEATURE_NOT_SUPPORTED;
    if (md->has_elrange)
        goto out;
    const vsgx_sigstruct_t *css = &md->css;
    if ((st = load_platform(e)) != SGX_SUCCESS)
        goto out;
    vsgx_secs_params_t secs = {
        .platform = e->platform,
        .size = md->enclave_size,
        .ssa_frame_size = md->ssa_frame_size,
        .attributes = { .flags = (css->attributes.flags & ~SGX_FLAGS_DEBUG) | (debug ? SGX_FLAGS_DEBUG : 0),
                        .xfrm = css->attributes.xfrm },
        .misc_select = css->misc_select & css->misc_mask,
    };
    if (config_id) {
        memcpy(secs.config_id, config_id, sizeof secs.config_id);
        secs.config_svn = config_svn;
    }
    if ((st = e->backend->create(&secs, &e->hw, &e->base)) != SGX_SUCCESS)
        goto out;
    e->size = secs.size;
    e->bind = md->tcs_policy == 0;
    load_ctx_t c = { .e = e };
    ms = vsgx_measure_pages(elf, md, add_page, &c, NULL);
    if (ms != VSGX_MEASURE_OK) {
        st = ms == VSGX_MEASURE_STOPPED ? c.status : measure_error(ms);
        goto out;
    }
    st = SGX_ERROR_INVALID_ENCLAVE;
    if (!e->tcs_count || !(e->tcs_busy = calloc(e->tcs_count, sizeof *e->tcs_busy)))
        goto out;
    if ((st = e->backend->init(e->hw, css, sizeof *css)) != SGX_SUCCESS)
        goto out;
    vsgx_cpuid_table_t cpuid;
    vsgx_urts_cpuid_table(&cpuid);
    st = vsgx_urts_call(e, e->tcs[0], VSGX_ECMD_INIT_ENCLAVE, NULL, &cpuid);
out:
    vsgx_metadata_free(chain);
    vsgx_elf_free(elf);
    return st;
}

/* The enclave file, mapped read-only and populated (no copy); NULL when it cannot be opened,
 * is empty, is not a regular file or is over 4 GiB. */
static uint8_t *map_file(const char *path, size_t *len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    uint8_t *p = NULL;
    if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
        (uint64_t)st.st_size <= MAX_ENCLAVE_FILE) {
        p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
        if (p == MAP_FAILED)
            p = NULL;
        else
            *len = (size_t)st.st_size;
    }
    if (fd >= 0)
        close(fd);
    return p;
}

sgx_status_t sgx_create_enclave_ex(const char *file_name, const int debug, sgx_launch_token_t *launch_token,
                                   int *launch_token_updated, sgx_enclave_id_t *enclave_id,
                                   sgx_misc_attribute_t *misc_attr, const uint32_t ex_features,
                                   const void *ex_features_p[_SGX_EX_FEATURES_])
{
    (void)launch_token;
    if (!file_name || !enclave_id || (debug != 0 && debug != 1) ||
        (ex_features & ~(SGX_CREATE_ENCLAVE_EX_SWITCHLESS | SGX_CREATE_ENCLAVE_EX_KSS)))
        return SGX_ERROR_INVALID_PARAMETER;
    const sgx_kss_config_t *kss = NULL;
    if (ex_features & SGX_CREATE_ENCLAVE_EX_KSS) {
        if (!ex_features_p || !(kss = ex_features_p[SGX_CREATE_ENCLAVE_EX_KSS_BIT_IDX]))
            return SGX_ERROR_INVALID_PARAMETER;
    }
    size_t len = 0;
    uint8_t *file = map_file(file_name, &len);
    if (!file)
        return SGX_ERROR_ENCLAVE_FILE_ACCESS;
    vsgx_urts_enclave_t *e = calloc(1, sizeof *e);
    sgx_status_t st = SGX_ERROR_OUT_OF_MEMORY;
    if (e) {
        e->backend = &vsgx_sim_backend;
        pthread_mutex_init(&e->lock, NULL);
        st = load(file, len, debug, kss ? kss->config_id : NULL, kss ? kss->config_svn : 0, e);
    }
    munmap(file, len);
    if (st != SGX_SUCCESS) {
        enclave_free(e);
        return st;
    }
    if (misc_attr) {
        const vsgx_enclave_identity_t *id = e->backend->identity(e->hw);
        misc_attr->secs_attr = id->attributes;
        misc_attr->misc_select = id->misc_select;
    }
    if (launch_token_updated)
        *launch_token_updated = 0;
    pthread_mutex_lock(&table_lock);
    e->eid = next_eid++;
    e->next = table;
    table = e;
    pthread_mutex_unlock(&table_lock);
    *enclave_id = e->eid;
    return SGX_SUCCESS;
}

sgx_status_t sgx_create_enclave(const char *file_name, const int debug, sgx_launch_token_t *launch_token,
                                int *launch_token_updated, sgx_enclave_id_t *enclave_id,
                                sgx_misc_attribute_t *misc_attr)
{
    return sgx_create_enclave_ex(file_name, debug, launch_token, launch_token_updated, enclave_id, misc_attr, 0, NULL);
}

sgx_status_t sgx_destroy_enclave(const sgx_enclave_id_t enclave_id)
{
    pthread_mutex_lock(&table_lock);
    vsgx_urts_enclave_t **p = &table;
    while (*p && (*p)->eid != enclave_id)
        p = &(*p)->next;
    vsgx_urts_enclave_t *e = *p;
    if (e && e->users) {
        pthread_mutex_unlock(&table_lock);
        return SGX_ERROR_ENCLAVE_LOST; /* still in use by an ECALL on another thread */
    }
    if (e)
        *p = e->next;
    pthread_mutex_unlock(&table_lock);
    if (!e)
        return SGX_ERROR_INVALID_ENCLAVE_ID;
    vsgx_urts_events_forget(e->base, e->size);
    enclave_free(e);
    return SGX_SUCCESS;
}
