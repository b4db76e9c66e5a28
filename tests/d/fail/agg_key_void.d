/*
 * @@tag D_KEY_TYPE
 * @@line 10
 * @@message void expression may not be used as aggregation index: key #1
 * A void expression cannot be an aggregation key.
 */

BEGIN
{
	@k[(void)0] = count();
}
