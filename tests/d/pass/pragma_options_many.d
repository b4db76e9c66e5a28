/*
 * A batch of common tuning options with size, rate and boolean values.
 */

#pragma D option quiet
#pragma D option bufsize=4m
#pragma D option aggsize=2m
#pragma D option dynvarsize=16m
#pragma D option switchrate=10hz
#pragma D option aggrate=1s
#pragma D option cleanrate=50hz
#pragma D option statusrate=2s
#pragma D option strsize=512
#pragma D option nspec=4
#pragma D option specsize=64k
#pragma D option stackframes=16
#pragma D option ustackframes=32
#pragma D option bufpolicy=switch
#pragma D option bufresize=auto
#pragma D option aggsortkey
#pragma D option aggsortrev
#pragma D option rawbytes
#pragma D option flowindent

tick-1sec
{
	@[execname] = count();
}
