/*
 * @@tag D_OP_INCOMPAT
 * @@line 12
 * @@message operands have incompatible types: "string" == "int"
 * When the brace follows on the next line, the operator in a predicate is
 * built after the lexer has looked past the newline, so its line is the
 * brace's line.
 */

profile-97
/execname == 1/
{
	@ = count();
}
