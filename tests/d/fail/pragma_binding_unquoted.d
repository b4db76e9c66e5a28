/*
 * @@tag D_PRAGMA_MALFORM
 * @@line 9
 * @@message malformed #pragma binding "version" <ident>
 * The binding version must be a quoted string.
 */

inline int LIMIT = 4;
#pragma D binding 1.0 LIMIT
