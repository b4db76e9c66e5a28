/*
 * @@flags -q
 * Aggregations printed by printa() are skipped at exit; the others print.
 */

BEGIN
{
	@a = sum(1);
	@b = sum(2);
	printa(@a);
	exit(0);
}
