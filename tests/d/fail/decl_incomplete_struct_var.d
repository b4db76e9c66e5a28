/*
 * @@tag D_DECL_INCOMPLETE
 * @@line 8
 * @@message incomplete struct/union/enum struct zz_not_defined_anywhere: state
 * A variable of a struct type that is never defined.
 */

struct zz_not_defined_anywhere state;
