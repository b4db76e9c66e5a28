/*
 * The process macro variables expand to integer constants.
 */

BEGIN
{
	printf("%d %d %d %d\n", $pid, $ppid, $uid, $gid);
	printf("%d %d %d %d\n", $pgid, $sid, $euid, $egid);
	printf("%d\n", $target);
	printf("%s %s\n", $$pid, $$uid);
}
