/*
 * @@requires btf
 * Members of the current task reached through curthread.
 */

profile-97
{
	@[curthread->pid, curthread->tgid] = count();
}
