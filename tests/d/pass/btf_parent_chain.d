/*
 * @@requires btf
 * Following pointers between kernel structures.
 */

profile-97
/curthread->real_parent != 0/
{
	@[curthread->real_parent->pid, curthread->real_parent->real_parent->pid] = count();
}
