/* rules_init.c — a test fixture for the ELF rules: a function placed in a `.init` section and
 * named _init, so the linker also sets DT_INIT. Intel's sgx_sign refuses such an enclave unless
 * it is given -ignore-init-sec-error; the enclave runtime never runs .init code. */
__attribute__((section(".init"), used)) void _init(void)
{
}
