/*
 * @@tag D_KEY_TYPE
 * @@line 10
 * @@message void expression may not be used as associative array index: key #2
 * A void expression cannot be an array key.
 */

BEGIN
{
	seen[1, (void)0] = 1;
}
