/*
 * All relational and equality operators.
 */

profile-97
/arg0 != 0/
{
	@cmp["lt"] = sum(arg0 < 100);
	@cmp["le"] = sum(arg0 <= 100);
	@cmp["gt"] = sum(arg0 > 100);
	@cmp["ge"] = sum(arg0 >= 100);
	@cmp["eq"] = sum(arg0 == 100);
	@cmp["ne"] = sum(arg0 != 100);
}
