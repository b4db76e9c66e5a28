/*
 * @@tag D_CHR_NULL
 * @@line 10
 * @@message empty character constant
 * An empty character constant.
 */

BEGIN
{
	c = '';
}
