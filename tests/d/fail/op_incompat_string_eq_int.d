/*
 * @@tag D_OP_INCOMPAT
 * @@line 9
 * @@message operands have incompatible types: "string" == "int"
 * A string compared with a non-zero integer.
 */

profile-97
/execname == 1/ {
	@ = count();
}
