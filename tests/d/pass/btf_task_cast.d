/*
 * @@requires btf
 * curthread cast to the kernel task structure and its command name printed.
 */

profile-97
{
	this->t = (struct task_struct *)curthread;
	printf("%s %d\n", this->t->comm, this->t->tgid);
}
