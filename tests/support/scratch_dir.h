/* scratch_dir.h — scratch directories for test programs: made under /tmp, removed with all they
 * hold. */
#ifndef VSGX_TEST_SCRATCH_DIR_H
#define VSGX_TEST_SCRATCH_DIR_H

/* Removes dir and everything below it (links are removed, not followed); 0 when all went. */
int vsgx_test_remove_tree(const char *dir);

#endif
