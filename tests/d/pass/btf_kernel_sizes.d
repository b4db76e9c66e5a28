/*
 * @@requires btf
 * sizeof and offsetof applied to kernel structure types.
 */

BEGIN
{
	printf("%d %d\n", sizeof (struct task_struct), sizeof (struct file));
	printf("%d\n", offsetof(struct task_struct, pid));
}
