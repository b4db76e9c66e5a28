/*
 * @@tag D_PRED_SCALAR
 * @@line 8
 * @@message predicate result must be of scalar type
 * A predicate must be scalar; a string is not.
 */

BEGIN / execname / { trace(1); }
