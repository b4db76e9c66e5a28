/*
 * @@flags -q
 * print() of strings and char arrays: a string is bare at the top level
 * and bracketed as a member; a char array without a NUL in it, or with an
 * unprintable character before its NUL, prints character by character.
 */

struct s {
	char name[4];
};

struct s a;
struct s b;
struct s c;

BEGIN
{
	print("abc");
	print("");
	a.name[0] = 'h';
	a.name[1] = 'i';
	print(a.name);
	print(a);
	printf("\n");
	b.name[0] = 'w';
	b.name[1] = 'x';
	b.name[2] = 'y';
	b.name[3] = 'z';
	print(b.name);
	c.name[0] = 'a';
	c.name[1] = 1;
	print(c);
	printf("\n");
	exit(0);
}
