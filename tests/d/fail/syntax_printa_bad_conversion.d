/*
 * @@tag D_SYNTAX
 * @@line 15
 * @@message format conversion #2 is undefined: %q
 * printa formats are checked the same way as printf formats.
 */

BEGIN
{
	@c[execname] = count();
}

END
{
	printa("%s %@q\n", @c);
}
