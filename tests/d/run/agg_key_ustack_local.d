/*
 * @@flags -q
 * ustack() and jstack() as aggregation keys, alone and with other keys.
 * BEGIN fires in the local engine outside any traced process and the
 * engine has no stack walker, so the keys hold no frames: DTrace prints
 * each as the newline dt_print_ustack starts with, then the other keys and
 * the value.
 */

BEGIN
{
	@u[ustack(5), execname] = count();
	@u[ustack(5), execname] = count();
	@j[jstack()] = sum(7);
	exit(0);
}
