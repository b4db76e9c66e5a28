/*
 * @@flags -q
 * Associative arrays with string values.
 */

BEGIN
{
	names["a"] = "alpha";
	names["b"] = "beta";
	printf("%s %s\n", names["a"], names["b"]);
	exit(0);
}
