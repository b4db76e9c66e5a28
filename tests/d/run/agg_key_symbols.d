/*
 * @@flags -q
 * sym(), func(), mod(), usym(), ufunc(), umod() and uaddr() as aggregation
 * keys: each key records the address (the user ones with the process id),
 * and the consumer prints it as "  %-50s". These addresses are in no
 * module, so each prints as its hexadecimal value. Keys of equal values
 * sort by address.
 */

BEGIN
{
	@k[sym(0x20)] = count();
	@k[func(0x10)] = count();
	@m[mod(0x30), 1] = sum(4);
	@u[usym(0x2), umod(0x3), uaddr(0x4)] = count();
	@u[ufunc(0x1), umod(0x3), uaddr(0x4)] = count();
	exit(0);
}
