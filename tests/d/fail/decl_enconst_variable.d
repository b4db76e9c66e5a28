/*
 * @@tag D_DECL_ENCONST
 * @@line 9
 * @@message enumerator 'CURRENT' must be assigned to an integral constant expression
 * An enumerator cannot take a variable's value.
 */

enum mode {
	CURRENT = pid,
};
