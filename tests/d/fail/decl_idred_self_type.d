/*
 * @@tag D_DECL_IDRED
 * @@line 8
 * A thread-local redeclared with a different type.
 */

self int depth;
self string depth;
