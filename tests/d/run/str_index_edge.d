/*
 * @@flags -q
 * index() and rindex() with empty strings and out-of-range positions (Perl semantics).
 */

BEGIN
{
	printf("%d %d %d %d %d\n", index("foobar", ""), rindex("foobar", ""), index("", ""), rindex("", ""), rindex("foo", ""));
	printf("%d %d %d %d\n", index("foobarbaz", "barbaz", -1), rindex("foobarbaz", "barbaz", -1), rindex("foobarbaz", "barbaz", 4), index("foobarbaz", "barbaz", 9));
	printf("%d %d %d %d\n", index("foofoofoo", "foo", 4), rindex("foofoofoo", "foo", 4), rindex("foofoofoo", "foo", 400), rindex("foofoofoo", "foo", 0));
	printf("%d %d\n", index("", "foobar"), index("foobar", "foobarbaz"));
	exit(0);
}
