/*
 * @@tag D_DECL_LOCASSC
 * @@line 8
 * @@message associative arrays may not be declared as local variables: counts
 * Clause-local variables cannot be associative arrays.
 */

this int counts[string];
