/*
 * @@tag D_PROTO_LEN
 * @@line 10
 * @@message count( ) prototype mismatch: 1 arg passed, 0 expected
 * count takes no arguments.
 */

profile-97
{
	@c = count(1);
}
