/*
 * @@flags -q
 * Ten keys sorted by value, ties by key.
 */

BEGIN
{
	@["k00"] = sum(7);
	@["k01"] = sum(3);
	@["k02"] = sum(9);
	@["k03"] = sum(1);
	@["k04"] = sum(5);
	@["k05"] = sum(3);
	@["k06"] = sum(8);
	@["k07"] = sum(2);
	@["k08"] = sum(6);
	@["k09"] = sum(4);
	exit(0);
}
