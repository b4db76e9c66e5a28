/*
 * Extern declarations introduce typed external symbols without using them.
 */

extern int zz_example_counter;
extern unsigned long zz_example_ticks;
extern struct zz_example_state *zz_example_head;

BEGIN
{
	exit(0);
}
