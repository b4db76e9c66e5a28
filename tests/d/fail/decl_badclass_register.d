/*
 * @@tag D_DECL_BADCLASS
 * @@line 8
 * @@message specified storage class not appropriate in D
 * register has no meaning for D variables.
 */

register long acc;
