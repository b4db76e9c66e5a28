/*
 * @@flags -q
 * print() of structs declared in the script: each member on its own line
 * as "type name = value", nested structs indented four spaces a level,
 * arrays of scalars on one line, arrays of structs one element a block,
 * pointers with no space before the member name, and the closing brace
 * without a newline (dt_print.c leaves it to what follows).
 */

struct point {
	int x;
	int y;
};

enum color { RED, GREEN = 5, BLUE };

union num {
	int i;
	unsigned char b[4];
};

struct shape {
	long id;
	char *label;
	struct point origin;
	short sides[3];
	struct point corners[2];
	enum color color;
	union num n;
	struct {
		unsigned char flag;
	} extra;
};

typedef struct point point_t;

struct shape s;
point_t p;

BEGIN
{
	s.id = 42;
	s.label = (char *)0x1000;
	s.origin.x = 1;
	s.origin.y = -1;
	s.sides[0] = 3;
	s.sides[2] = 4;
	s.corners[1].x = 9;
	s.color = BLUE;
	s.n.i = 0x01020304;
	s.extra.flag = 1;
	print(s);
	printf("\n");
	p.y = 2;
	print(p);
	printf("\n");
	print(s.color);
	print(s.corners);
	exit(0);
}
