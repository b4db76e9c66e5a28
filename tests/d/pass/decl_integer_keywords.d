/*
 * Every spelling of the C integer types is accepted in declarations.
 */

char c;
signed char sc;
unsigned char uc;
short s;
short int si;
signed short ss;
signed short int ssi;
unsigned short us;
unsigned short int usi;
int i;
signed int sgi;
signed sg;
unsigned u;
unsigned int ui;
long l;
long int li;
signed long sl;
unsigned long ul;
unsigned long int uli;
long long ll;
long long int lli;
signed long long sll;
signed long long int slli;
unsigned long long ull;
unsigned long long int ulli;

BEGIN
{
	c = 1; sc = -1; uc = 255;
	s = 2; si = 3; ss = -4; ssi = -5; us = 6; usi = 7;
	i = 8; sgi = -9; sg = 10; u = 11; ui = 12;
	l = 13; li = 14; sl = -15; ul = 16; uli = 17;
	ll = 18; lli = 19; sll = -20; slli = -21; ull = 22; ulli = 23;
	printf("%d %d %d\n", sizeof (c), sizeof (s), sizeof (ll));
}
