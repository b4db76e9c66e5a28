/*
 * @@flags -q
 * Bit-field members read and written as C does (dt_cg_field_get and
 * dt_cg_field_set): a store keeps only the field's width and leaves its
 * neighbours alone, an unsigned field reads back zero-extended and a
 * signed one sign-extended, and compound assignment wraps in the field.
 */

struct bf {
	unsigned int a : 4;
	int s : 5;
	unsigned int b : 12;
	unsigned int c : 1;
};

struct bf g;

struct wide {
	unsigned int a : 3;
	unsigned int b : 7;
	long c : 40;
};

this struct wide w;

BEGIN
{
	g.a = 0x1f;
	g.s = -3;
	g.b = 0xabc;
	g.c = 1;
	printf("%x %d %x %x\n", g.a, g.s, g.b, g.c);
	g.a += 1;
	g.s = 15;
	g.b = g.b + 0x600;
	printf("%x %d %x %x\n", g.a, g.s, g.b, g.c);
	this->w.a = 5;
	this->w.b = 100;
	this->w.c = -2;
	printf("%d %d %d\n", this->w.a, this->w.b, this->w.c);
	exit(0);
}
