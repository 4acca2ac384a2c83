/* rules_weak.c — a test fixture for the ELF rules: references to undefined weak symbols (a
 * function and an object), which stay undefined in .dynsym with R_X86_64_GLOB_DAT relocations, as
 * in Intel-built enclaves (their weak pcl_entry). Allowed: only undefined non-weak symbols are
 * refused. */
extern void optional_hook(void) __attribute__((weak));
extern int optional_data __attribute__((weak));

__attribute__((visibility("default"))) int *call_optional_hook(void)
{
    if (optional_hook)
        optional_hook();
    return &optional_data;
}
