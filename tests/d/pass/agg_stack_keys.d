/*
 * Kernel and user stacks, with and without depth, as aggregation keys.
 */

profile-97
/arg0 != 0/
{
	@k[stack()] = count();
	@k5[stack(5)] = count();
}

profile-97
/arg1 != 0/
{
	@u[ustack()] = count();
	@u8[ustack(8)] = count();
	@us[ustack(8, 512)] = count();
}
