/*
 * @@flags -q
 * offsetof and sizeof of a struct declared in the script.
 */

struct foo {
	int a;
	char b;
	long c;
};

BEGIN
{
	printf("%d %d %d %d\n", offsetof(struct foo, a), offsetof(struct foo, b), offsetof(struct foo, c), sizeof (struct foo));
	exit(0);
}
