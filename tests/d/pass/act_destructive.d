/*
 * Destructive actions compile; the option is needed only to run them.
 */

#pragma D option destructive

tick-1sec
/pid == $target/
{
	stop();
}

tick-5sec
{
	system("echo tick at %d", walltimestamp);
	raise(10);
	chill(100000);
}

tick-1min
{
	breakpoint();
	panic();
}

tick-10sec
/arg1 != 0/
{
	copyout(alloca(8), arg1, 8);
	copyoutstr("hi", arg1, 3);
}
