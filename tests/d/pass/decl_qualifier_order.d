/*
 * Type specifiers and qualifiers may come in any order, as in C.
 */

int unsigned a;
long unsigned int b;
int long long c;
const unsigned d;
unsigned const long e;
volatile short f;

BEGIN
{
	a = 1; b = 2; c = 3; f = 4;
	trace(a + b + c + f);
	trace(d + e);
}
