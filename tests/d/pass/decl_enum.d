/*
 * Enumerations with implicit, explicit and negative values and a trailing
 * comma.
 */

enum state {
	IDLE,
	RUNNING = 5,
	BLOCKED,
	DEAD = -1,
};

enum state current;

BEGIN
{
	current = BLOCKED;
	printf("%d %d %d %d\n", IDLE, RUNNING, BLOCKED, DEAD);
}

BEGIN
/current == BLOCKED/
{
	current = RUNNING;
	trace(current);
}
