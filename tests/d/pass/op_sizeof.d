/*
 * sizeof applied to type names, expressions, variables and string constants.
 */

struct hdr {
	uint16_t kind;
	uint16_t len;
	uint32_t seq;
};

BEGIN
{
	printf("%d %d %d\n", sizeof (int), sizeof (char *), sizeof (struct hdr));
	printf("%d %d\n", sizeof (int [4]), sizeof "abc");
	x = 5;
	printf("%d %d\n", sizeof x, sizeof (x + 1LL));
	printf("%d\n", sizeof (execname));
}
