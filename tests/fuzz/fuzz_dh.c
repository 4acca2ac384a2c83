/* fuzz_dh.c — libFuzzer target for local attestation's messages (sgx_dh.h, src/tservice/dh),
 * the trusted services built for the host on the harness platform of fuzz_trusted_platform.c.
 * Every input runs one whole session in process: enclave A the responder (sgx_dh_init_session,
 * sgx_dh_responder_gen_msg1), enclave B the initiator (sgx_dh_init_session,
 * sgx_dh_initiator_proc_msg1), A again (sgx_dh_responder_proc_msg2 with the input's additional
 * properties), B again (sgx_dh_initiator_proc_msg3); one message on its way is changed:
 *   byte 0     bits 0-1 the message (0 none, 1 msg1, 2 msg2, 3 msg3); bits 2-3 the change (0 XOR
 *              of byte 3 into the byte at the offset, 1 byte 3's count of the rest's bytes
 *              written at the offset, 2 truncation to the offset, 3 delivery outside the
 *              enclave); bit 4 KSS enclaves
 *   bytes 1-2  the offset (LE, modulo the message's buffer size)
 *   bytes 4-5  the size of msg3's property buffer (LE, modulo 2048)
 *   bytes 6-9  msg3's additional_prop_length (LE)
 *   the rest   the additional properties (as many as fit the buffer), and the written bytes
 * Checks: no crash or sanitizer report for any input; a truncated message or one outside the
 * enclave is INVALID_PARAMETER, as is a property length beyond msg3's buffer; an unchanged
 * session completes with one AEK on both sides and each side's identity; any change to msg2 is
 * refused (KDF_MISMATCH only when its KDF ID changed, else UNEXPECTED), as is a change to msg3
 * within its CMAC'd length (INVALID_PARAMETER when the length now exceeds the buffer), while a
 * change past it goes unseen; a changed msg1 fails (UNEXPECTED) at the initiator only if g_a
 * changed, and the session completes exactly when neither g_a nor a field of the target that
 * EREPORT uses changed. After a failure or a completed session every step is INVALID_STATE.
 * Aborts when a promise is broken; silent on the normal path. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_trusted_platform.h"
#include "sgx_dh.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define HEADER 10
#define PROP_CAP_MOD 2048
#define MSG3_SIZE ((uint32_t)sizeof(sgx_dh_msg3_t))

enum { MSG_NONE, MSG_1, MSG_2, MSG_3 };
enum { CHANGE_XOR, CHANGE_WRITE, CHANGE_TRUNCATE, CHANGE_OUTSIDE };

static void broken(const char *what)
{
    fprintf(stderr, "fuzz_dh: %s\n", what);
    abort();
}

static void expect(sgx_status_t got, sgx_status_t want, const char *what)
{
    if (got != want) {
        fprintf(stderr, "fuzz_dh: %s: status 0x%x, expected 0x%x\n", what, (unsigned)got, (unsigned)want);
        abort();
    }
}

/* ---- the input ---- */

typedef struct {
    int message, change, kss;
    uint16_t offset;
    uint8_t arg;
    uint32_t prop_cap, prop_len;
    const uint8_t *rest;
    size_t rest_len;
} plan_t;

static int parse(const uint8_t *data, size_t size, plan_t *p)
{
    if (size < HEADER)
        return 0;
    *p = (plan_t){
        .message = data[0] & 3,
        .change = data[0] >> 2 & 3,
        .kss = data[0] >> 4 & 1,
        .offset = (uint16_t)(data[1] | data[2] << 8),
        .arg = data[3],
        .prop_cap = (uint32_t)(data[4] | data[5] << 8) % PROP_CAP_MOD,
        .prop_len = (uint32_t)data[6] | (uint32_t)data[7] << 8 | (uint32_t)data[8] << 16 | (uint32_t)data[9] << 24,
        .rest = data + HEADER,
        .rest_len = size - HEADER,
    };
    return 1;
}

/* ---- the two sides' buffers, all inside the enclave ---- */

typedef struct {
    sgx_dh_session_t *responder, *initiator;
    sgx_dh_msg1_t *msg1;
    sgx_dh_msg2_t *msg2;
    sgx_dh_msg3_t *msg3;            /* MSG3_SIZE + prop_cap bytes */
    sgx_key_128bit_t *aek_r, *aek_i;
    sgx_dh_session_enclave_identity_t *initiator_id, *responder_id;
} session_t;

static void session_make(session_t *s, const plan_t *p)
{
    s->responder = fuzz_tp_alloc(sizeof *s->responder, 1);
    s->initiator = fuzz_tp_alloc(sizeof *s->initiator, 1);
    s->msg1 = fuzz_tp_alloc(sizeof *s->msg1, 1);
    s->msg2 = fuzz_tp_alloc(sizeof *s->msg2, 1);
    s->msg3 = fuzz_tp_alloc(MSG3_SIZE + p->prop_cap, 1);
    s->aek_r = fuzz_tp_alloc(sizeof *s->aek_r, 1);
    s->aek_i = fuzz_tp_alloc(sizeof *s->aek_i, 1);
    s->initiator_id = fuzz_tp_alloc(sizeof *s->initiator_id, 1);
    s->responder_id = fuzz_tp_alloc(sizeof *s->responder_id, 1);
    memset(s->msg3, 0, MSG3_SIZE + p->prop_cap);
    s->msg3->msg3_body.additional_prop_length = p->prop_len;
    size_t n = p->prop_len < p->prop_cap ? p->prop_len : p->prop_cap;
    memcpy(s->msg3->msg3_body.additional_prop, p->rest, n < p->rest_len ? n : p->rest_len);
}

static void session_free(session_t *s)
{
    fuzz_tp_free(s->responder);
    fuzz_tp_free(s->initiator);
    fuzz_tp_free(s->msg1);
    fuzz_tp_free(s->msg2);
    fuzz_tp_free(s->msg3);
    fuzz_tp_free(s->aek_r);
    fuzz_tp_free(s->aek_i);
    fuzz_tp_free(s->initiator_id);
    fuzz_tp_free(s->responder_id);
}

/* ---- changing a message ---- */

/* The message as delivered: a copy of its size bytes (a buffer of exactly its new length),
 * changed as planned; outside the enclave for CHANGE_OUTSIDE. covered is how many leading bytes
 * the receiver must look at (the rest is slack it must ignore); *len the delivered length. */
static void *deliver(const plan_t *p, const void *msg, uint32_t size, uint32_t covered, uint32_t *len)
{
    uint32_t off = p->offset % size;
    uint32_t n = p->change == CHANGE_TRUNCATE ? p->offset % covered : size;
    uint8_t *copy = fuzz_tp_alloc(n, p->change != CHANGE_OUTSIDE);
    memcpy(copy, msg, n);
    if (p->change == CHANGE_XOR) {
        copy[off] ^= p->arg;
    } else if (p->change == CHANGE_WRITE) {
        size_t k = p->arg < size - off ? p->arg : size - off;
        memcpy(copy + off, p->rest, k < p->rest_len ? k : p->rest_len);
    }
    *len = n;
    return copy;
}

/* Whether [from, from + n) differs between two copies of a message. */
static int differs(const void *a, const void *b, size_t from, size_t n)
{
    return memcmp((const uint8_t *)a + from, (const uint8_t *)b + from, n) != 0;
}

#define FIELD_DIFFERS(a, b, type, field) differs(a, b, offsetof(type, field), sizeof(((type *)0)->field))

/* Whether a field of msg1's target that the REPORT key depends on changed. */
static int target_changed(const sgx_dh_msg1_t *a, const sgx_dh_msg1_t *b)
{
    const sgx_target_info_t *x = &a->target, *y = &b->target;
    return FIELD_DIFFERS(x, y, sgx_target_info_t, mr_enclave) || FIELD_DIFFERS(x, y, sgx_target_info_t, attributes) ||
           FIELD_DIFFERS(x, y, sgx_target_info_t, config_svn) || FIELD_DIFFERS(x, y, sgx_target_info_t, misc_select) ||
           FIELD_DIFFERS(x, y, sgx_target_info_t, config_id);
}

/* Whether msg2's KDF ID (report data bytes 32-33) changed. */
static int kdf_changed(const sgx_dh_msg2_t *a, const sgx_dh_msg2_t *b)
{
    return differs(a->report.body.report_data.d, b->report.body.report_data.d, 32, 2);
}

/* ---- the steps ---- */

static void start(const session_t *s)
{
    fuzz_tp_enter(FUZZ_TP_ENCLAVE_A);
    expect(sgx_dh_init_session(SGX_DH_SESSION_RESPONDER, s->responder), SGX_SUCCESS, "responder init");
    expect(sgx_dh_responder_gen_msg1(s->msg1, s->responder), SGX_SUCCESS, "msg1");
    fuzz_tp_enter(FUZZ_TP_ENCLAVE_B);
    expect(sgx_dh_init_session(SGX_DH_SESSION_INITIATOR, s->initiator), SGX_SUCCESS, "initiator init");
}

/* The initiator answers msg1 (changed or not). Returns whether the session can still
 * complete; *fails_later when it must then fail at the responder. */
static int step_msg1(const plan_t *p, const session_t *s, int *fails_later)
{
    fuzz_tp_enter(FUZZ_TP_ENCLAVE_B);
    *fails_later = 0;
    if (p->message != MSG_1) {
        expect(sgx_dh_initiator_proc_msg1(s->msg1, s->msg2, s->initiator), SGX_SUCCESS, "msg1 to msg2");
        return 1;
    }
    uint32_t len;
    sgx_dh_msg1_t *m = deliver(p, s->msg1, sizeof *m, sizeof *m, &len);
    sgx_status_t st = sgx_dh_initiator_proc_msg1(m, s->msg2, s->initiator);
    int bad_buffer = p->change == CHANGE_TRUNCATE || p->change == CHANGE_OUTSIDE;
    int g_a = !bad_buffer && FIELD_DIFFERS(m, s->msg1, sgx_dh_msg1_t, g_a);
    *fails_later = !bad_buffer && (g_a || target_changed(m, s->msg1));
    fuzz_tp_free(m);
    if (bad_buffer)
        expect(st, SGX_ERROR_INVALID_PARAMETER, "a truncated or outside msg1");
    else if (st != SGX_SUCCESS && (st != SGX_ERROR_UNEXPECTED || !g_a))
        broken("a changed msg1 failed otherwise than for its g_a");
    if (st == SGX_SUCCESS)
        return 1;
    expect(sgx_dh_initiator_proc_msg1(s->msg1, s->msg2, s->initiator), SGX_ERROR_INVALID_STATE, "msg1 after a failure");
    return 0;
}

static sgx_status_t responder_proc(const session_t *s, const sgx_dh_msg2_t *m2)
{
    return sgx_dh_responder_proc_msg2(m2, s->msg3, s->responder, s->aek_r, s->initiator_id);
}

/* The status a changed msg2 must get. */
static int msg2_refusal_ok(const plan_t *p, sgx_status_t st, const sgx_dh_msg2_t *m, const sgx_dh_msg2_t *genuine)
{
    if (p->change == CHANGE_TRUNCATE || p->change == CHANGE_OUTSIDE || p->prop_len > p->prop_cap)
        return st == SGX_ERROR_INVALID_PARAMETER;
    if (!differs(m, genuine, 0, sizeof *m))
        return st == SGX_SUCCESS;
    return st == SGX_ERROR_UNEXPECTED || (st == SGX_ERROR_KDF_MISMATCH && kdf_changed(m, genuine));
}

/* The responder checks msg2 (changed or not) and answers with msg3. Returns whether the
 * session can still complete. */
static int step_msg2(const plan_t *p, const session_t *s, int fails_here)
{
    fuzz_tp_enter(FUZZ_TP_ENCLAVE_A);
    sgx_status_t st;
    if (p->message == MSG_2) {
        uint32_t len;
        sgx_dh_msg2_t *m = deliver(p, s->msg2, sizeof *m, sizeof *m, &len);
        st = responder_proc(s, m);
        if (!msg2_refusal_ok(p, st, m, s->msg2))
            broken("a changed msg2 did not get its status");
        fuzz_tp_free(m);
    } else {
        st = responder_proc(s, s->msg2);
        sgx_status_t want = p->prop_len > p->prop_cap ? SGX_ERROR_INVALID_PARAMETER
                            : fails_here             ? SGX_ERROR_UNEXPECTED
                                                     : SGX_SUCCESS;
        expect(st, want, "msg2 to msg3");
    }
    if (st == SGX_SUCCESS)
        return 1;
    if (p->prop_len <= p->prop_cap)
        expect(responder_proc(s, s->msg2), SGX_ERROR_INVALID_STATE, "msg2 after a failure");
    return 0;
}

static sgx_status_t initiator_proc(const session_t *s, const sgx_dh_msg3_t *m3)
{
    return sgx_dh_initiator_proc_msg3(m3, s->initiator, s->aek_i, s->responder_id);
}

/* The status msg3 (changed or not) must get. */
static sgx_status_t msg3_expected(const plan_t *p, const sgx_dh_msg3_t *m, const sgx_dh_msg3_t *genuine)
{
    if (p->change == CHANGE_TRUNCATE || p->change == CHANGE_OUTSIDE)
        return SGX_ERROR_INVALID_PARAMETER;
    if (!differs(m, genuine, 0, MSG3_SIZE + p->prop_len))
        return SGX_SUCCESS;
    if (m->msg3_body.additional_prop_length > p->prop_cap)
        return SGX_ERROR_INVALID_PARAMETER;
    return SGX_ERROR_UNEXPECTED;
}

/* The initiator checks msg3 (changed or not). Returns whether the session completed. */
static int step_msg3(const plan_t *p, const session_t *s)
{
    fuzz_tp_enter(FUZZ_TP_ENCLAVE_B);
    sgx_status_t st;
    if (p->message == MSG_3) {
        uint32_t len;
        sgx_dh_msg3_t *m = deliver(p, s->msg3, MSG3_SIZE + p->prop_cap, MSG3_SIZE + p->prop_len, &len);
        st = initiator_proc(s, m);
        expect(st, msg3_expected(p, m, s->msg3), "msg3");
        fuzz_tp_free(m);
    } else {
        st = initiator_proc(s, s->msg3);
        expect(st, SGX_SUCCESS, "msg3");
    }
    if (st == SGX_SUCCESS)
        return 1;
    expect(initiator_proc(s, s->msg3), SGX_ERROR_INVALID_STATE, "msg3 after a failure");
    return 0;
}

/* ---- a completed session ---- */

static void check_identity(const sgx_dh_session_enclave_identity_t *got, int enclave)
{
    const sgx_report_body_t *b = fuzz_tp_identity(enclave);
    sgx_dh_session_enclave_identity_t want;
    memset(&want, 0, sizeof want);
    want.cpu_svn = b->cpu_svn;
    want.misc_select = b->misc_select;
    want.attributes = b->attributes;
    want.mr_enclave = b->mr_enclave;
    want.mr_signer = b->mr_signer;
    want.isv_prod_id = b->isv_prod_id;
    want.isv_svn = b->isv_svn;
    if (memcmp(got, &want, sizeof want) != 0)
        broken("a side got the wrong identity of its peer");
}

/* Both sides hold the same AEK and each other's identity; every step is now out of order. */
static void check_completed(const session_t *s)
{
    if (memcmp(*s->aek_r, *s->aek_i, sizeof *s->aek_r) != 0)
        broken("the two sides' AEKs differ");
    check_identity(s->initiator_id, FUZZ_TP_ENCLAVE_B);
    check_identity(s->responder_id, FUZZ_TP_ENCLAVE_A);
    fuzz_tp_enter(FUZZ_TP_ENCLAVE_A);
    expect(sgx_dh_responder_gen_msg1(s->msg1, s->responder), SGX_ERROR_INVALID_STATE, "msg1 again");
    expect(responder_proc(s, s->msg2), SGX_ERROR_INVALID_STATE, "msg2 again");
    fuzz_tp_enter(FUZZ_TP_ENCLAVE_B);
    expect(sgx_dh_initiator_proc_msg1(s->msg1, s->msg2, s->initiator), SGX_ERROR_INVALID_STATE, "msg1 again");
    expect(initiator_proc(s, s->msg3), SGX_ERROR_INVALID_STATE, "msg3 again");
}

static void run(const plan_t *p)
{
    session_t s;
    int fails_later;
    fuzz_tp_reset(1, p->kss);
    session_make(&s, p);
    start(&s);
    if (step_msg1(p, &s, &fails_later) && step_msg2(p, &s, fails_later) && step_msg3(p, &s))
        check_completed(&s);
    session_free(&s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    plan_t p;
    if (parse(data, size, &p))
        run(&p);
    return 0;
}
