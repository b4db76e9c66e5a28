/*
 * Inlines whose definitions are expressions over built-in variables.
 */

inline int MAXV = 7;
inline int half = 100 / 2 + MAXV % 3;
inline int is_root = uid == 0;
inline string who = is_root ? "root" : execname;

profile-97
/is_root/
{
	@[who] = count();
}
