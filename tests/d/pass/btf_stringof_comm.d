/*
 * @@requires btf
 * stringof turns a kernel char array into a D string.
 */

profile-97
{
	@names[stringof(curthread->comm)] = count();
}
