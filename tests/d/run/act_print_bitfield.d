/*
 * @@flags -q
 * print() of bit-fields: a width that is not whole bytes is marked with
 * ":bits" and printed shifted and masked; a whole-byte field at a byte
 * boundary prints as an integer of its width (dt_print.c).
 */

struct bf {
	unsigned int lo : 3;
	unsigned int hi : 5;
	unsigned int w : 8;
	unsigned int top : 12;
};

union ub {
	struct bf b;
	unsigned int i;
};

union ub u;

BEGIN
{
	u.i = 0xabc07ad;
	print(u);
	printf("\n");
	exit(0);
}
