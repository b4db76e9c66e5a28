/*
 * @@tag D_DECL_TYPERED
 * @@line 9
 * @@message type redeclared: union value
 * A union defined twice.
 */

union value { int i; char c; };
union value { long l; };
