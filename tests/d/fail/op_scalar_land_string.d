/*
 * @@tag D_OP_SCALAR
 * @@line 9
 * @@message operator && requires operands of scalar type
 * A string as an operand of &&.
 */

profile-97
/pid != 0 && probefunc/ {
	@ = count();
}
