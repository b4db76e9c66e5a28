/*
 * @@tag D_SYNTAX
 * @@line 8
 * @@message syntax error near "="
 * An inline definition needs a name before its initializer.
 */

inline int = 5;
