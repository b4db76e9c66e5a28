/*
 * @@args bash
 * A $$ macro argument always becomes a string constant.
 */

profile-97
/execname == $$1/
{
	@[$$1] = count();
}
