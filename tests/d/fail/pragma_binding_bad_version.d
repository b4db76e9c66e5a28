/*
 * @@tag D_PRAGMA_INVAL
 * @@line 9
 * @@message invalid version string specified by #pragma binding
 * A binding needs a valid version string.
 */

inline int LIMIT = 4;
#pragma D binding "one.two" LIMIT
