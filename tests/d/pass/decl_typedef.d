/*
 * Typedefs of integer, struct and pointer types, used in later declarations.
 */

typedef unsigned long long nsec_t;
typedef struct pair {
	int first;
	int second;
} pair_t;
typedef pair_t *pairp_t;

nsec_t started;
pair_t *pp;

BEGIN
{
	started = timestamp;
	pp = (pairp_t)alloca(sizeof (pair_t));
	pp->first = 1;
	pp->second = 2;
	trace(pp->first + pp->second);
}
