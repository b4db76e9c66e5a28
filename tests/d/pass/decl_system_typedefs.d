/*
 * The system typedefs D predefines for sizes, pointers and ids.
 */

size_t sz;
ssize_t ssz;
uintptr_t up;
intptr_t ip;
ptrdiff_t pd;
uchar_t uch;
ushort_t ush;
uint_t uin;
ulong_t ulo;
u_longlong_t ull;

BEGIN
{
	sz = sizeof (uintptr_t);
	ssz = -1;
	up = 0xdeadbeef;
	ip = -2;
	pd = 16;
	uch = 'z'; ush = 1000; uin = 70000; ulo = 1; ull = 2;
	printf("%d %d %d\n", sz, ssz, pd);
}
