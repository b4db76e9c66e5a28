/*
 * @@tag D_DECL_ENCONST
 * @@line 10
 * @@message enumerator 'WRITE' must be assigned to an integral constant expression
 * Enumerator values must be integer constants.
 */

enum mode {
	READ = 1,
	WRITE = "w",
};
