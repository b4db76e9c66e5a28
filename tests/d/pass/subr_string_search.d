/*
 * index, rindex, strchr, strrchr and strstr.
 */

profile-97
{
	printf("%d %d\n", index(execname, "a"), index(execname, "a", 2));
	printf("%d %d\n", rindex(execname, "a"), rindex(execname, "a", 5));
	printf("%s %s\n", strchr(execname, 'a'), strrchr(execname, '/'));
	printf("%s\n", strstr(execname, "sh"));
}
