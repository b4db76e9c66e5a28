/*
 * @@tag D_DECL_BADCLASS
 * @@line 8
 * @@message specified storage class not appropriate in D
 * auto has no meaning for D variables.
 */

auto int tmp;
