/*
 * @@tag D_DECL_IDENT
 * @@line 11
 * @@message old-style declaration or incorrect type specified
 * A typedef name after a base type is taken as the declarator, so a second
 * name is an old-style declaration.
 */

typedef int size_tag;

int size_tag total;
