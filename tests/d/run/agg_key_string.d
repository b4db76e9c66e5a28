/*
 * @@flags -q
 * String keys print left-justified in a 50-column field.
 */

BEGIN
{
	@["alpha"] = sum(3);
	@["beta"] = sum(1);
	@["gamma"] = sum(2);
	exit(0);
}
