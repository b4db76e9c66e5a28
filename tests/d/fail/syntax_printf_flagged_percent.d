/*
 * @@tag D_SYNTAX
 * @@line 10
 * @@message format conversion #1 cannot be combined with other format flags: %%
 * A literal percent sign cannot carry flags.
 */

BEGIN
{
	printf("%-%\n");
}
