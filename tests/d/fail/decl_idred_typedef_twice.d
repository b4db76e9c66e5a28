/*
 * @@tag D_DECL_IDRED
 * @@line 9
 * @@message identifier redeclared: handle_t
 * The same typedef twice.
 */

typedef int handle_t;
typedef int handle_t;
