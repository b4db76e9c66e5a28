/*
 * @@flags -q
 * print() of an array of arrays, element arrays bracketed in turn, and of
 * an enum value that names no enumerator (printed as a number).
 */

enum color { RED, GREEN = 5, BLUE };

struct grid {
	int m[2][3];
	enum color c;
};

struct grid g;

BEGIN
{
	g.m[1][2] = 6;
	g.c = (enum color)7;
	print(g);
	printf("\n");
	exit(0);
}
