/* test_tcrypto_kat.c — sgx_tcrypto's symmetric known answers, run in the test enclave:
 * SHA-1 (FIPS 180 / RFC 3174 examples, NIST CAVP ShortMsg/LongMsg records and the million
 * 'a'), SHA-256/384 (NIST CAVP ShortMsg/LongMsg, one-shot and streamed), HMAC-SHA256 (RFC 4231),
 * AES-128-GCM (the GCM spec's test cases 2-4; a wrong tag or AAD is MAC_MISMATCH with a
 * zeroed output; test cases 1-4 through the streaming API in several splits), AES-CMAC (RFC 4493 examples 1-4, one-shot and streamed) and AES-CTR
 * (SP 800-38A F.5.1/F.5.2, and the counter's wrap under ctr_inc_bits). */
#include <string.h>

#include "tc_host.h"

struct hash_kat { uint32_t bits; const char *msg, *md; };

static const struct hash_kat hash_kats[] = {
    { 256, "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
    { 256, "d3", "28969cdfa74a12c82f3bad960b0b000aca2ac329deea5c2328ebc6f2ba9802c1" },
    { 256, "11af", "5ca7133fa735326081558ac312c620eeca9970d1e70a4b95533d956f072d1f98" },
    { 256, "c299209682", "f0887fe961c9cd3beab957e8222494abb969b1ce4c6557976df8b0f6d20e9166" },
    { 256, "451101250ec6f26652249d59dc974b7361d571a8101cdfd36aba3b5854d3ae086b5fdd4597721b66e3c0dc5d8c606d9657d0e323283a5217d1f53f2f284f57b85c8a61ac8924711f895c5ed90ef17745ed2d728abd22a5f7a13479a462d71b56c19a74a40b655c58edfe0a188ad2cf46cbf30524f65d423c837dd1ff2bf462ac4198007345bb44dbb7b1c861298cdf61982a833afc728fae1eda2f87aa2c9480858bec",
      "3c593aa539fdcdae516cdf2f15000f6634185c88f505b39775fb9ab137a10aa2" },
    { 384, "", "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51ad2f14898b95b" },
    { 384, "c5", "b52b72da75d0666379e20f9b4a79c33a329a01f06a2fb7865c9062a28c1de860ba432edfd86b4cb1cb8a75b46076e3b1" },
    { 384, "6ece", "53d4773da50d8be4145d8f3a7098ff3691a554a29ae6f652cc7121eb8bc96fd2210e06ae2fa2a36c4b3b3497341e70f0" },
    { 384, "1fa4d5", "e4ca4663dff189541cd026dcc056626419028774666f5b379b99f4887c7237bdbd3bea46d5388be0efc2d4b7989ab2c4" },
    { 384, "62c6a169b9be02b3d7b471a964fc0bcc72b480d26aecb2ed460b7f50016ddaf04c51218783f3aadfdff5a04ded030d7b3fb7376b61ba30b90e2da921a4470740d63fb99fa16cc8ed81abaf8ce4016e50df81da832070372c24a80890aa3a26fa675710b8fb718266249d496f313c55d0bada101f8f56eeccee4345a8f98f60a36662cfda794900d12f9414fcbdfdeb85388a814996b47e24d5c8086e7a8edcc53d299d0d033e6bb60c58b83d6e8b57f6c258d6081dd10eb942fdf8ec157ec3e75371235a8196eb9d22b1de3a2d30c2abbe0db7650cf6c7159bacbe29b3a93c92100508",
      "0730e184e7795575569f87030260bb8e54498e0e5d096b18285e988d245b6f3486d1f2447d5f85bcbe59d5689fc49425" },
};

static void test_sha(void **state)
{
    (void)state;
    static const uint32_t chunks[] = { 0, 1, 7, 64 };
    for (size_t i = 0; i < sizeof hash_kats / sizeof hash_kats[0]; i++) {
        uint8_t msg[256], md[48], out[48];
        size_t len = tc_hex(msg, sizeof msg, hash_kats[i].msg), mdlen = tc_hex(md, sizeof md, hash_kats[i].md);
        for (size_t c = 0; c < 4; c++) {
            memset(out, 0, sizeof out);
            assert_int_equal(tc_sha(hash_kats[i].bits, msg, (uint32_t)len, chunks[c], out), SGX_SUCCESS);
            assert_memory_equal(out, md, mdlen);
        }
    }
}

/* SHA-1: the FIPS 180-2 / RFC 3174 examples (given as text) and NIST CAVP SHA1ShortMsg and
 * SHA1LongMsg records (hex). */
static const struct { const char *text, *hex, *md; } sha1_kats[] = {
    { "abc", NULL, "a9993e364706816aba3e25717850c26c9cd0d89d" },
    { "", NULL, "da39a3ee5e6b4b0d3255bfef95601890afd80709" },
    { "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", NULL, "84983e441c3bd26ebaae4aa1f95129e5e54670f1" },
    { "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
      NULL, "a49b2446a02c645bf419f995b67091253a04a259" },
    { NULL, "36", "c1dfd96eea8cc2b62785275bca38ac261256e278" },
    { NULL, "195a", "0a1c2d555bbe431ad6288af5a54f93e0449c9232" },
    { NULL, "df4bd2", "bf36ed5d74727dfd5d7854ec6b1d49468d8ee8aa" },
    { NULL, "7c9c67323a1df1adbfe5ceb415eaef0155ece2820f4d50c1ec22cba4928ac656c83fe585db6a78ce40bc42757aba7e5a3f582428d6ca68d0c3978336a6efb729613e8d9979016204bfd921322fdd5222183554447de5e6e9bbe6edf76d7b71e18dc2e8d6dc89b7398364f652fafc734329aafa3dcd45d4f31e388e4fafd7fc6495f37ca5cbab7f54d586463da4bfeaa3bae09f7b8e9239d832b4f0a733aa609cc1f8d4",
      "d8fd6a91ef3b6ced05b98358a99107c1fac8c807" },
};

static void test_sha1(void **state)
{
    (void)state;
    static const uint32_t chunks[] = { 0, 1, 7, 64 };
    for (size_t i = 0; i < sizeof sha1_kats / sizeof sha1_kats[0]; i++) {
        uint8_t msg[256], md[20], out[20];
        size_t len;
        if (sha1_kats[i].text != NULL) {
            len = strlen(sha1_kats[i].text);
            memcpy(msg, sha1_kats[i].text, len);
        } else {
            len = tc_hex(msg, sizeof msg, sha1_kats[i].hex);
        }
        tc_hex(md, sizeof md, sha1_kats[i].md);
        for (size_t c = 0; c < 4; c++) {
            memset(out, 0, sizeof out);
            assert_int_equal(tc_sha1(msg, (uint32_t)len, chunks[c], out), SGX_SUCCESS);
            assert_memory_equal(out, md, 20);
        }
    }
    /* One million 'a' (FIPS 180-2 / RFC 3174 test 3), one-shot and in 4096-byte updates. */
    static uint8_t million[1000000];
    uint8_t md[20], out[20];
    memset(million, 'a', sizeof million);
    tc_hex(md, sizeof md, "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
    assert_int_equal(tc_sha1(million, sizeof million, 0, out), SGX_SUCCESS);
    assert_memory_equal(out, md, 20);
    assert_int_equal(tc_sha1(million, sizeof million, 4096, out), SGX_SUCCESS);
    assert_memory_equal(out, md, 20);
}

struct hmac_kat { const char *key, *data, *mac; };

/* RFC 4231 test cases 1-7 (5 is the 128-bit truncation). */
static const struct hmac_kat hmac_kats[] = {
    { "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "4869205468657265",
      "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7" },
    { "4a656665", "7768617420646f2079612077616e7420666f72206e6f7468696e673f",
      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843" },
    { "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd",
      "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe" },
    { "0102030405060708090a0b0c0d0e0f10111213141516171819",
      "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd",
      "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b" },
    { "0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c", "546573742057697468205472756e636174696f6e",
      "a3b6167473100ee06e0c796c2955552b" },
};

static void test_hmac(void **state)
{
    (void)state;
    uint8_t key[131], data[160], mac[32], out[32];
    for (size_t i = 0; i < sizeof hmac_kats / sizeof hmac_kats[0]; i++) {
        size_t kl = tc_hex(key, sizeof key, hmac_kats[i].key), dl = tc_hex(data, sizeof data, hmac_kats[i].data);
        size_t ml = tc_hex(mac, sizeof mac, hmac_kats[i].mac);
        for (uint32_t chunk = 0; chunk <= 5; chunk += 5) {
            assert_int_equal(tc_hmac(data, (uint32_t)dl, key, (uint32_t)kl, out, (uint32_t)ml, chunk), SGX_SUCCESS);
            assert_memory_equal(out, mac, ml);
        }
    }
    /* Cases 6 and 7: a 131-byte key (longer than the block). */
    static const char *d6 = "Test Using Larger Than Block-Size Key - Hash Key First";
    static const char *d7 = "This is a test using a larger than block-size key and a larger than block-size data. "
                            "The key needs to be hashed before being used by the HMAC algorithm.";
    memset(key, 0xaa, sizeof key);
    tc_hex(mac, sizeof mac, "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    assert_int_equal(tc_hmac((const uint8_t *)d6, (uint32_t)strlen(d6), key, 131, out, 32, 0), SGX_SUCCESS);
    assert_memory_equal(out, mac, 32);
    tc_hex(mac, sizeof mac, "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
    assert_int_equal(tc_hmac((const uint8_t *)d7, (uint32_t)strlen(d7), key, 131, out, 32, 13), SGX_SUCCESS);
    assert_memory_equal(out, mac, 32);
}

struct gcm_kat { const char *key, *iv, *pt, *aad, *ct, *tag; };

/* The GCM specification's AES-128 test cases 2, 3 and 4 (4 has AAD and a partial block). */
static const struct gcm_kat gcm_kats[] = {
    { "00000000000000000000000000000000", "000000000000000000000000", "00000000000000000000000000000000", "",
      "0388dace60b6a392f328c2b971b2fe78", "ab6e47d42cec13bdf53a67b21257bddf" },
    { "feffe9928665731c6d6a8f9467308308", "cafebabefacedbaddecaf888",
      "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255",
      "",
      "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985",
      "4d5c2af327cd64a62cf35abd2ba6fab4" },
    { "feffe9928665731c6d6a8f9467308308", "cafebabefacedbaddecaf888",
      "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
      "feedfacedeadbeeffeedfacedeadbeefabaddad2",
      "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091",
      "5bc94fbc3221a5db94fae95ae7121a47" },
};

static void test_gcm(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof gcm_kats / sizeof gcm_kats[0]; i++) {
        uint8_t key[16], iv[12], pt[64], aad[32], ct[64], tag[16], out[64], t[16];
        tc_hex(key, 16, gcm_kats[i].key);
        tc_hex(iv, 12, gcm_kats[i].iv);
        size_t pl = tc_hex(pt, sizeof pt, gcm_kats[i].pt), al = tc_hex(aad, sizeof aad, gcm_kats[i].aad);
        tc_hex(ct, sizeof ct, gcm_kats[i].ct);
        tc_hex(tag, 16, gcm_kats[i].tag);
        const uint8_t *a = al ? aad : NULL;
        assert_int_equal(tc_gcm(1, key, pt, (uint32_t)pl, out, iv, 12, a, (uint32_t)al, t), SGX_SUCCESS);
        assert_memory_equal(out, ct, pl);
        assert_memory_equal(t, tag, 16);
        memset(out, 0x5a, sizeof out);
        assert_int_equal(tc_gcm(0, key, ct, (uint32_t)pl, out, iv, 12, a, (uint32_t)al, tag), SGX_SUCCESS);
        assert_memory_equal(out, pt, pl);
        /* A wrong tag, or a changed AAD byte: MAC_MISMATCH and nothing of the plaintext out. */
        static const uint8_t zero[64];
        t[15] ^= 1;
        memset(out, 0x5a, sizeof out);
        assert_int_equal(tc_gcm(0, key, ct, (uint32_t)pl, out, iv, 12, a, (uint32_t)al, t), SGX_ERROR_MAC_MISMATCH);
        assert_memory_equal(out, zero, pl);
        if (al > 0) {
            aad[0] ^= 0x80;
            assert_int_equal(tc_gcm(0, key, ct, (uint32_t)pl, out, iv, 12, aad, (uint32_t)al, tag),
                             SGX_ERROR_MAC_MISMATCH);
            assert_memory_equal(out, zero, pl);
        }
    }
}

/* The GCM specification's AES-128 test cases 1-4 through sgx_aes_gcm128_enc_*, in several
 * splits of the text, also in place. Case 1 (no text, no AAD) is allowed here: only the
 * one-shot function refuses it. The tag taken after the first chunk is the GCM tag of that
 * prefix (OpenSSL's), so get_mac does not end the stream. */
static void test_gcm_stream(void **state)
{
    (void)state;
    static const uint32_t split_sets[][3] = {
        { 0, 0, 0 }, { 1, 0, 0 }, { 7, 0, 0 }, { 16, 0, 0 }, { 13, 3, 17 }, { 64, 0, 0 }, { 15, 1, 0 },
    };
    static const uint32_t nsplits[] = { 0, 1, 1, 1, 3, 1, 2 };
    uint8_t key[16], iv[12], pt[64], aad[32], ct[64], tag[16], out[64], t[16], t1[16], ref[64], ref_tag[16];
    for (size_t i = 0; i < 4; i++) {
        size_t pl, al;
        if (i == 0) {                                    /* test case 1 */
            tc_hex(key, 16, "00000000000000000000000000000000");
            tc_hex(iv, 12, "000000000000000000000000");
            pl = al = 0;
            tc_hex(tag, 16, "58e2fccefa7e3061367f1d57a4e7455a");
        } else {
            const struct gcm_kat *k = &gcm_kats[i - 1];
            tc_hex(key, 16, k->key);
            tc_hex(iv, 12, k->iv);
            pl = tc_hex(pt, sizeof pt, k->pt);
            al = tc_hex(aad, sizeof aad, k->aad);
            tc_hex(ct, sizeof ct, k->ct);
            tc_hex(tag, 16, k->tag);
        }
        for (size_t s = 0; s < sizeof nsplits / sizeof nsplits[0]; s++) {
            for (int in_place = 0; in_place <= 1; in_place++) {
                memset(out, 0x5a, sizeof out);
                assert_int_equal(tc_gcm_stream(key, iv, al ? aad : NULL, (uint32_t)al, pl ? pt : NULL, (uint32_t)pl,
                                               nsplits[s] ? split_sets[s] : NULL, nsplits[s], in_place,
                                               pl ? out : NULL, t, t1),
                                 SGX_SUCCESS);
                assert_memory_equal(out, ct, pl);
                assert_memory_equal(t, tag, 16);
                size_t first = nsplits[s] && split_sets[s][0] < pl ? split_sets[s][0] : pl;
                ossl_gcm_encrypt(key, iv, al ? aad : NULL, al, pt, first, ref, ref_tag);
                assert_memory_equal(t1, ref_tag, 16);
            }
        }
        /* The one-shot function gives the same (it refuses case 1: no text and no AAD). */
        if (i > 0) {
            assert_int_equal(tc_gcm(1, key, pt, (uint32_t)pl, out, iv, 12, al ? aad : NULL, (uint32_t)al, t),
                             SGX_SUCCESS);
            assert_memory_equal(out, ct, pl);
            assert_memory_equal(t, tag, 16);
        }
    }
}

static void test_cmac(void **state)
{
    (void)state;
    /* RFC 4493 section 4: one key, messages of 0, 16, 40 and 64 bytes. */
    static const char *msg = "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411"
                             "e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710";
    static const struct { uint32_t len; const char *tag; } ex[] = {
        { 0, "bb1d6929e95937287fa37d129b756746" },
        { 16, "070a16b46b4d4144f79bdd9dd04a287c" },
        { 40, "dfa66747de9ae63030ca32611497c827" },
        { 64, "51f0bebf7e3b9d92fc49741779363cfe" },
    };
    uint8_t key[16], m[64], tag[16], out[16];
    tc_hex(key, 16, "2b7e151628aed2a6abf7158809cf4f3c");
    tc_hex(m, sizeof m, msg);
    for (size_t i = 0; i < 4; i++) {
        tc_hex(tag, 16, ex[i].tag);
        static const uint32_t chunks[] = { 0, 1, 5, 16, 17 };
        for (size_t c = 0; c < 5; c++) {
            memset(out, 0, sizeof out);
            assert_int_equal(tc_cmac(key, m, ex[i].len, chunks[c], out), SGX_SUCCESS);
            assert_memory_equal(out, tag, 16);
        }
    }
}


/* SP 800-38A F.5.1 (encrypt) and F.5.2 (decrypt), and Intel's counter rule at wraps. */
static const char *ctr_key = "2b7e151628aed2a6abf7158809cf4f3c";
static const char *ctr_pt = "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
                            "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710";
static const char *ctr_ct = "874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff"
                            "5ae4df3edbd5d35e5b4f09020db03eab1e031dda2fbe03d1792170a0f3009cee";

static void test_ctr(void **state)
{
    (void)state;
    uint8_t key[16], pt[64], ct[64], out[64], ctr[16], want[16];
    tc_hex(key, 16, ctr_key);
    tc_hex(pt, 64, ctr_pt);
    tc_hex(ct, 64, ctr_ct);
    static const uint32_t bits[] = { 128, 64, 32, 16 };      /* no wrap within four blocks */
    for (size_t i = 0; i < 4; i++) {
        tc_hex(ctr, 16, "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff");
        assert_int_equal(tc_ctr(1, key, pt, 64, ctr, bits[i], out), SGX_SUCCESS);
        assert_memory_equal(out, ct, 64);
        tc_hex(want, 16, "f0f1f2f3f4f5f6f7f8f9fafbfcfdff03");  /* advanced by four blocks */
        assert_memory_equal(ctr, want, 16);
        tc_hex(ctr, 16, "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff");
        assert_int_equal(tc_ctr(0, key, ct, 64, ctr, bits[i], out), SGX_SUCCESS);
        assert_memory_equal(out, pt, 64);
        assert_memory_equal(ctr, want, 16);
    }
    /* With 8 counting bits the low byte ff wraps to 00 and fe stays: the second block uses
     * ...fe00, whose keystream is the first block of a run starting there. */
    tc_hex(ctr, 16, "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff");
    assert_int_equal(tc_ctr(1, key, pt, 20, ctr, 8, out), SGX_SUCCESS);
    assert_memory_equal(out, ct, 16);
    tc_hex(want, 16, "f0f1f2f3f4f5f6f7f8f9fafbfcfdfe01");  /* a partial block counts too */
    assert_memory_equal(ctr, want, 16);
    uint8_t ks[16], zero[16] = { 0 };
    tc_hex(ctr, 16, "f0f1f2f3f4f5f6f7f8f9fafbfcfdfe00");
    assert_int_equal(tc_ctr(1, key, zero, 16, ctr, 128, ks), SGX_SUCCESS);
    for (int i = 0; i < 4; i++)
        assert_int_equal(out[16 + i], pt[16 + i] ^ ks[i]);
    /* All 128 bits counting: ff..ff wraps to 00..00. 32 bits: carries stop at bit 32; 33 bits:
     * one more bit takes the carry. */
    static const struct { const char *start; uint32_t bits; const char *after; } wraps[] = {
        { "ffffffffffffffffffffffffffffffff", 128, "00000000000000000000000000000001" },
        { "0000000000000000000000ffffffffff", 32, "0000000000000000000000ff00000001" },
        { "0000000000000000000000feffffffff", 33, "0000000000000000000000ff00000001" },
        { "0000000000000000000000ffffffffff", 33, "0000000000000000000000fe00000001" },
        { "00000000000000000000000000000007", 3, "00000000000000000000000000000001" },
    };
    for (size_t i = 0; i < sizeof wraps / sizeof wraps[0]; i++) {
        uint8_t ref_ctr[16], ref[32];
        tc_hex(ctr, 16, wraps[i].start);
        memcpy(ref_ctr, ctr, 16);
        assert_int_equal(tc_ctr(1, key, pt, 32, ctr, wraps[i].bits, out), SGX_SUCCESS);
        tc_hex(want, 16, wraps[i].after);
        assert_memory_equal(ctr, want, 16);
        ossl_ctr_ref(key, ref_ctr, wraps[i].bits, pt, 32, ref);
        assert_memory_equal(out, ref, 32);
        assert_memory_equal(ref_ctr, want, 16);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sha),
        cmocka_unit_test(test_sha1),
        cmocka_unit_test(test_hmac),
        cmocka_unit_test(test_gcm),
        cmocka_unit_test(test_gcm_stream),
        cmocka_unit_test(test_cmac),
        cmocka_unit_test(test_ctr),
    };
    return cmocka_run_group_tests(tests, tc_setup, tc_teardown);
}
