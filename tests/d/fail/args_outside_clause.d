/*
 * @@tag D_ARGS_NONE
 * @@line 8
 * @@message args[ ] may not be referenced outside of a probe clause
 * args[] in an inline defined outside any clause.
 */

inline int first_arg = args[0];
