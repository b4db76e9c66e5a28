/*
 * @@tag D_DECL_SCOPE
 * @@line 8
 * @@message D scoping operator may not be used in a declaration name (mod`counter)
 * The backquote scoping operator is not allowed in a declared name.
 */

int mod`counter;
