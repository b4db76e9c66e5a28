/*
 * @@tag D_DECL_ENOFLOW
 * @@line 10
 * @@message enumerator 'HUGE' value overflows INT_MAX (2147483647)
 * Enumerator values must fit in an int.
 */

enum big {
	SMALL = 1,
	HUGE = 0x80000000,
	LAST
};
