/* empty.c — keeps the test support library non-empty. */
int vsgx_testsupport_anchor;
