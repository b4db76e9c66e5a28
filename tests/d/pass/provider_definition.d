/*
 * A user provider definition with probes of several argument shapes.
 */

provider myapp {
	probe request__start(int, char *);
	probe request__done(int, uint64_t);
	probe heartbeat();
	probe noargs(void);
};

BEGIN
{
	exit(0);
}
