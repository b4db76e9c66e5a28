/*
 * Symbol, function, module and user address actions used as keys.
 */

profile-97
/arg0 != 0/
{
	@f[func(arg0)] = count();
	@s[sym(arg0)] = count();
	@m[mod(arg0)] = count();
}

profile-97
/arg1 != 0/
{
	@uf[ufunc(arg1)] = count();
	@us[usym(arg1)] = count();
	@um[umod(arg1)] = count();
	@ua[uaddr(arg1)] = count();
}
