/*
 * @@tag D_SYNTAX
 * @@line 10
 * @@message format conversion #1 cannot be combined with other format flags: %%
 * %% takes no width.
 */

BEGIN
{
	printf("%5%\n");
}
