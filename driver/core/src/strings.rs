//! The string subroutines of the DIF virtual machine (`basename`,
//! `cleanpath`, `substr`, `index`, `lltostr`, `inet_ntop`, ...) as pure
//! functions over byte slices.
//!
//! The VM ([`crate::vm`]) reads each argument string (at most `strsize`
//! bytes, without its NUL) into a buffer, calls one of these, and copies
//! the result into scratch memory. Functions that produce a string write it
//! into `out` — whose length is the size DTrace would reserve (`strsize`
//! for most) — always NUL-terminated, and return its length: at most
//! `out.len() - 1` bytes, which is how results are truncated to `strsize`.
//!
//! Each follows illumos `dtrace_dif_subr()` (`usr/src/uts/common/dtrace/
//! dtrace.c`) to the edge cases, quirks included, because the consumer
//! prints what these return: `dirname("/")` is `/`, `basename("")` is
//! `.`, `cleanpath("a/../b")` is `/b`, `index("", "")` is 0, and so on.
//! Nothing here panics or allocates.

/// Writes `s` (truncated) into `out`, NUL-terminated; the length written.
pub fn put(s: &[u8], out: &mut [u8]) -> usize {
    let Some(max) = out.len().checked_sub(1) else {
        return 0;
    };
    let n = s.len().min(max);
    if let (Some(d), Some(src)) = (out.get_mut(..n), s.get(..n)) {
        d.copy_from_slice(src);
    }
    if let Some(z) = out.get_mut(n) {
        *z = 0;
    }
    n
}

/// [`put`] in whole 8-byte words: `s` (truncated), its NUL and zeros to
/// the end of the NUL's word. Returns the string's length and how many
/// bytes of `out` were written. Aggregation keys are built this way
/// because the hash reads them back a word at a time, and a word load
/// that spans several smaller stores waits for them to reach the cache.
#[inline]
pub fn put_words(s: &[u8], out: &mut [u8]) -> (usize, usize) {
    let Some(max) = out.len().checked_sub(1) else {
        return (0, 0);
    };
    let n = s.len().min(max);
    let word = |b: &[u8]| u64::from_le_bytes(b.try_into().unwrap_or([0; 8]));
    let mut at = 0;
    while at + 8 <= n {
        if let (Some(d), Some(w)) = (out.get_mut(at..at + 8), s.get(at..at + 8)) {
            d.copy_from_slice(&word(w).to_le_bytes());
        }
        at += 8;
    }
    // The word holding the NUL, assembled in a register: copying the bytes
    // into a stack array and loading that would stall the same way.
    let tail = s.get(at..n).unwrap_or(&[]);
    let w = tail.iter().rev().fold(0u64, |w, &b| w << 8 | u64::from(b));
    match out.get_mut(at..at + 8) {
        Some(d) => {
            d.copy_from_slice(&w.to_le_bytes());
            (n, at + 8)
        }
        None => {
            // A partial last word.
            let rest = out.get_mut(at..).unwrap_or(&mut []);
            rest.iter_mut().zip(w.to_le_bytes()).for_each(|(d, b)| *d = b);
            (n, out.len())
        }
    }
}

/// The length of the NUL-terminated string at the start of `s` (all of
/// `s` when it has no NUL).
#[inline]
pub fn c_len(s: &[u8]) -> usize {
    s.iter().position(|&c| c == 0).unwrap_or(s.len())
}

/// `strncmp` of two strings (NUL-free slices) over at most `limit` bytes,
/// as `scmp` compares: the difference of the first differing bytes.
pub fn compare(a: &[u8], b: &[u8], limit: usize) -> i32 {
    for i in 0..limit {
        let c1 = a.get(i).copied().unwrap_or(0);
        let c2 = b.get(i).copied().unwrap_or(0);
        if c1 != c2 {
            return i32::from(c1) - i32::from(c2);
        }
        if c1 == 0 {
            break;
        }
    }
    0
}

/// `basename(s)`.
pub fn basename(s: &[u8], out: &mut [u8]) -> usize {
    base_or_dir(s, out, false)
}

/// `dirname(s)`.
pub fn dirname(s: &[u8], out: &mut [u8]) -> usize {
    base_or_dir(s, out, true)
}

fn base_or_dir(s: &[u8], out: &mut [u8], dir: bool) -> usize {
    const DOT: &[u8] = b".";
    // The basename and dirname of "" are ".".
    let mut src = if s.is_empty() { DOT } else { s };
    let at = |src: &[u8], i: isize| src.get(i as usize).copied().unwrap_or(0);
    let mut i = src.len() as isize - 1;
    // Back over trailing slashes: the last character of the basename.
    while i >= 0 && at(src, i) == b'/' {
        i -= 1;
    }
    let mut lastbase = if i >= 0 { i } else { -1 };
    // Back to the slash before the basename.
    while i >= 0 && at(src, i) != b'/' {
        i -= 1;
    }
    let mut firstbase = if i >= 0 { i + 1 } else { -1 };
    // Back over the slashes between dirname and basename.
    while i >= 0 && at(src, i) == b'/' {
        i -= 1;
    }
    let mut lastdir = if i >= 0 { i } else { -1 };
    if lastbase == -1 {
        // All slashes: both are "/".
        firstbase = 0;
        lastbase = 0;
        lastdir = 0;
    }
    if firstbase == -1 {
        // Only a basename: the dirname is ".".
        if dir {
            src = DOT;
            lastdir = 0;
        } else {
            firstbase = 0;
        }
    }
    let (start, end) = if dir {
        // "/basename": the dirname is "/".
        (0, lastdir.max(0))
    } else {
        (firstbase, lastbase)
    };
    let from = start.max(0) as usize;
    let to = (end.max(-1) + 1).max(0) as usize;
    put(src.get(from..to.max(from)).unwrap_or(&[]), out)
}

/// `cleanpath(s)`: removes `//`, `/./` and `dir/../` exactly as DTrace's
/// single forward pass does — including its quirks for relative paths
/// (`"a/../b"` becomes `"/b"`, `"a/.."` becomes `"a"`) and its early stop
/// five bytes short of `out.len()`.
pub fn cleanpath(s: &[u8], out: &mut [u8]) -> usize {
    let size = out.len();
    if size == 0 {
        return 0;
    }
    let ld = |i: usize| s.get(i).copied().unwrap_or(0);
    let mut i = 0usize;
    let mut j = 0usize;
    // "/.." backs up over nothing and leaves dest[0] unwritten (DTrace
    // then shows whatever scratch held): make it the root.
    if s.first() == Some(&b'/') {
        out[0] = b'/';
    }
    // Each pass of either loop consumes at least one input byte and input
    // past `s` reads as NUL, which ends the outer loop: both are bounded.
    'outer: loop {
        let mut c = ld(i);
        i += 1;
        loop {
            if j + 5 >= size {
                break 'outer;
            }
            if c != b'/' {
                out[j] = c;
                j += 1;
                break;
            }
            c = ld(i);
            i += 1;
            if c == b'/' {
                // "//": drop one.
                continue;
            }
            if c != b'.' {
                out[j] = b'/';
                out[j + 1] = c;
                j += 2;
                break;
            }
            c = ld(i);
            i += 1;
            if c == b'/' {
                // "/./": drop it.
                continue;
            }
            if c != b'.' {
                out[j] = b'/';
                out[j + 1] = b'.';
                out[j + 2] = c;
                j += 3;
                break;
            }
            c = ld(i);
            i += 1;
            if c != b'/' && c != 0 {
                // "/..x": an ordinary name.
                out[j] = b'/';
                out[j + 1] = b'.';
                out[j + 2] = b'.';
                out[j + 3] = c;
                j += 4;
                break;
            }
            // "/../" or "/..": back up to the previous slash.
            i -= 1;
            while j != 0 {
                j -= 1;
                if out[j] == b'/' {
                    break;
                }
            }
            if c == 0 {
                j += 1;
                out[j] = b'/';
            }
            break;
        }
        if c == 0 {
            break;
        }
    }
    if let Some(z) = out.get_mut(j) {
        *z = 0;
    }
    c_len(out)
}

/// `toupper(s)` (`upper`) or `tolower(s)`: ASCII letters only.
pub fn change_case(s: &[u8], out: &mut [u8], upper: bool) -> usize {
    let n = put(s, out);
    if let Some(o) = out.get_mut(..n) {
        for c in o {
            if upper {
                c.make_ascii_uppercase();
            } else {
                c.make_ascii_lowercase();
            }
        }
    }
    n
}

/// `substr(s, index [, length])`: the range of `s` (of `s.len()` bytes)
/// to copy, `(start, count)`, for a result buffer of `size` bytes.
/// Negative `index` counts from the end; a negative `length` leaves that
/// many bytes off the end; ranges past either end are clipped, as DTrace
/// (and Perl) do.
pub fn substr(len: usize, index: i64, length: Option<i64>, size: usize) -> (usize, usize) {
    let len = len as i64;
    let size_i = size as i64;
    let mut index = index;
    let mut remaining = length.unwrap_or(size_i);
    if index < 0 {
        index = index.wrapping_add(len);
        if index < 0 && index.wrapping_add(remaining) > 0 {
            remaining = remaining.wrapping_add(index);
            index = 0;
        }
    }
    if index >= len || index < 0 {
        remaining = 0;
    } else if remaining < 0 {
        remaining = remaining.wrapping_add(len - index);
    } else if index.wrapping_add(remaining) > size_i {
        remaining = size_i - index;
    }
    if remaining <= 0 || index < 0 || index >= len {
        return (0, 0);
    }
    let count = remaining.min(len - index).min(size_i.saturating_sub(1).max(0));
    (index as usize, count.max(0) as usize)
}

/// Whether `sub` occurs in `s` at `p` (DTrace's `dtrace_strncmp(s + p,
/// sub, strlen(sub))`: an empty `sub` matches anywhere, even at the end).
fn occurs_at(s: &[u8], p: usize, sub: &[u8]) -> bool {
    match p.checked_add(sub.len()) {
        Some(end) => s.get(p..end) == Some(sub),
        None => false,
    }
}

/// `strstr(s, sub)`: the offset of the first occurrence.
pub fn strstr(s: &[u8], sub: &[u8]) -> Option<usize> {
    if s.is_empty() && sub.is_empty() {
        return Some(0);
    }
    (0..s.len()).find(|&p| occurs_at(s, p, sub))
}

/// `index(s, sub [, pos])`: the first occurrence at or after `pos`, or -1.
pub fn index(s: &[u8], sub: &[u8], pos: Option<i64>) -> i64 {
    let len = s.len() as i64;
    if s.is_empty() && sub.is_empty() {
        return 0;
    }
    let mut start = 0i64;
    if let Some(pos) = pos {
        start = pos.max(0);
        if start >= len {
            return if sub.is_empty() { len } else { -1 };
        }
    }
    (start as usize..s.len()).find(|&p| occurs_at(s, p, sub)).map_or(-1, |p| p as i64)
}

/// `rindex(s, sub [, pos])`: the last occurrence at or before `pos`, or -1.
pub fn rindex(s: &[u8], sub: &[u8], pos: Option<i64>) -> i64 {
    let len = s.len() as i64;
    if s.is_empty() && sub.is_empty() {
        return 0;
    }
    let mut start = len;
    if let Some(pos) = pos {
        if pos < 0 {
            return if sub.is_empty() { 0 } else { -1 };
        }
        start = pos.min(len);
    }
    (0..=start as usize).rev().find(|&p| occurs_at(s, p, sub)).map_or(-1, |p| p as i64)
}

/// `strchr(s, c)` (`last` false) or `strrchr(s, c)`: the offset of the
/// first or last `c`. `terminated` says whether the string's NUL lies
/// within `strsize` (then searching for `'\0'` finds it at `s.len()`).
pub fn strchr(s: &[u8], terminated: bool, c: u8, last: bool) -> Option<usize> {
    let mut found = None;
    for (p, &b) in s.iter().enumerate() {
        if b == c {
            found = Some(p);
            if !last {
                return found;
            }
        }
    }
    if terminated && c == 0 {
        found = Some(s.len());
    }
    found
}

/// The set of delimiter bytes of `strtok()`.
#[derive(Clone, Copy, Debug)]
pub struct TokMap([u8; 32]);

impl TokMap {
    /// The delimiters in `delims` (a NUL-free slice).
    pub fn new(delims: &[u8]) -> TokMap {
        let mut m = [0u8; 32];
        for &c in delims {
            if let Some(b) = m.get_mut(usize::from(c >> 3)) {
                *b |= 1 << (c & 7);
            }
        }
        TokMap(m)
    }

    /// Whether `c` is a delimiter.
    pub fn has(&self, c: u8) -> bool {
        self.0.get(usize::from(c >> 3)).is_some_and(|b| b & (1 << (c & 7)) != 0)
    }
}

/// One `strtok()` step over `s` (NUL-free) from `pos`: `None` when only
/// delimiters remain (the saved position is then cleared), else the token
/// `(start, end)` — `end` is also the next saved position.
pub fn strtok(s: &[u8], pos: usize, delims: &TokMap) -> Option<(usize, usize)> {
    let start = (pos..s.len()).find(|&p| s.get(p).is_some_and(|&c| !delims.has(c)))?;
    let end = (start..s.len()).find(|&p| s.get(p).is_none_or(|&c| delims.has(c))).unwrap_or(s.len());
    Some((start, end))
}

/// `lltostr(v [, base])`: digits of `v` in `base` (2..=36, checked by the
/// caller): base 10 signed, base 16 with `0x`, base 8 with a leading `0`,
/// others unsigned two's complement.
pub fn lltostr(v: i64, base: u32, out: &mut [u8]) -> usize {
    let mut buf = [0u8; 72];
    let mut end = buf.len();
    let base64 = u64::from(base.clamp(2, 36));
    let mut val = if base == 10 && v < 0 { v.wrapping_neg() as u64 } else { v as u64 };
    let mut push = |c: u8, end: &mut usize| {
        if *end > 0 {
            *end -= 1;
            buf[*end] = c;
        }
    };
    while val != 0 {
        let digit = (val % base64) as u8;
        push(if digit <= 9 { b'0' + digit } else { b'a' + digit - 10 }, &mut end);
        val /= base64;
    }
    if v == 0 && base == 16 {
        push(b'0', &mut end);
    }
    if base == 16 {
        push(b'x', &mut end);
    }
    if v == 0 || base == 8 || base == 16 {
        push(b'0', &mut end);
    }
    if v < 0 && base == 10 {
        push(b'-', &mut end);
    }
    put(buf.get(end..).unwrap_or(&[]), out)
}

/// `strtoll(s [, base])`: leading blanks and tabs, a sign, `0x` for base
/// 16, then digits below `base`; no overflow detection (64-bit wrap).
pub fn strtoll(s: &[u8], base: u32) -> i64 {
    let ld = |p: usize| s.get(p).copied().unwrap_or(0);
    let mut pos = 0usize;
    let mut c = ld(pos);
    while (c == b' ' || c == b'\t') && pos < s.len() {
        pos += 1;
        c = ld(pos);
    }
    let mut neg = false;
    if c == b'-' || c == b'+' {
        neg = c == b'-';
        pos += 1;
        c = ld(pos);
    }
    if base == 16 && c == b'0' && matches!(ld(pos + 1), b'x' | b'X') && ld(pos + 2).is_ascii_hexdigit() {
        pos += 2;
        c = ld(pos);
    }
    let mut val: i64 = 0;
    while pos < s.len() && c.is_ascii_alphanumeric() {
        let x = match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'z' => c - b'a' + 10,
            _ => c - b'A' + 10,
        };
        if u32::from(x) >= base {
            break;
        }
        val = val.wrapping_mul(i64::from(base)).wrapping_add(i64::from(x));
        pos += 1;
        c = ld(pos);
    }
    if neg {
        val.wrapping_neg()
    } else {
        val
    }
}

/// Size DTrace reserves for an IPv4 string (`INET_ADDRSTRLEN`).
pub const INET_ADDRSTRLEN: usize = 16;
/// Size DTrace reserves for an IPv6 string (`INET6_ADDRSTRLEN`).
pub const INET6_ADDRSTRLEN: usize = 46;

fn push_dec(buf: &mut [u8], end: &mut usize, mut v: u8) {
    if v == 0 {
        push(buf, end, b'0');
    }
    while v != 0 {
        push(buf, end, b'0' + v % 10);
        v /= 10;
    }
}

fn push(buf: &mut [u8], end: &mut usize, c: u8) {
    if *end > 0 {
        *end -= 1;
        if let Some(b) = buf.get_mut(*end) {
            *b = c;
        }
    }
}

/// `inet_ntoa(&addr)`: the dotted quad of the 4 bytes in memory order.
pub fn inet_ntoa(b: [u8; 4], out: &mut [u8]) -> usize {
    let mut buf = [0u8; INET_ADDRSTRLEN];
    let mut end = buf.len();
    for i in (0..4).rev() {
        push_dec(&mut buf, &mut end, b[i]);
        if i > 0 {
            push(&mut buf, &mut end, b'.');
        }
    }
    put(buf.get(end..).unwrap_or(&[]), out)
}

/// `inet_ntop(AF_INET6, &addr)` (`v4_only` false) or `inet_ntoa6(&addr)`
/// (`v4_only` true: a v4-mapped or v4-compatible address prints as its
/// dotted quad alone). DTrace's own RFC 1884 formatting: lower-case hex
/// groups without leading zeros and one `::` for the longest run of zero
/// groups (a single group qualifies, except as the last group).
pub fn inet_ntop6(b: [u8; 16], out: &mut [u8], v4_only: bool) -> usize {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut buf = [0u8; INET6_ADDRSTRLEN];
    let mut end = buf.len();
    let at = |i: isize| b.get(i as usize).copied().unwrap_or(0);

    // The longest run of zero groups.
    let mut firstzero: isize = -1;
    let mut tryzero: isize = -1;
    let mut numzero: isize = 1;
    for i in 0..16isize {
        if at(i) == 0 && tryzero == -1 && i % 2 == 0 {
            tryzero = i;
            continue;
        }
        if tryzero != -1 && (at(i) != 0 || i == 15) {
            if i - tryzero <= numzero {
                tryzero = -1;
                continue;
            }
            firstzero = tryzero;
            numzero = i - i % 2 - tryzero;
            tryzero = -1;
            if at(i) == 0 && i == 15 {
                numzero += 2;
            }
        }
    }

    let word = |k: usize| u32::from_be_bytes([b[4 * k], b[4 * k + 1], b[4 * k + 2], b[4 * k + 3]]);
    let v4mapped = word(0) == 0 && word(1) == 0 && word(2) == 0xffff;
    let v4compat = word(0) == 0 && word(1) == 0 && word(2) == 0 && word(3) != 0 && word(3) != 1;
    let mut v6end: isize = 14;
    if v4mapped || v4compat {
        for i in (12..16).rev() {
            push_dec(&mut buf, &mut end, b[i]);
            if i > 12 {
                push(&mut buf, &mut end, b'.');
            }
        }
        if v4_only {
            return put(buf.get(end..).unwrap_or(&[]), out);
        }
        v6end = 10;
    }
    let mut i = v6end;
    while i >= 0 {
        if i == firstzero + numzero - 2 {
            push(&mut buf, &mut end, b':');
            push(&mut buf, &mut end, b':');
            i -= numzero - 2;
            i -= 2;
            continue;
        }
        if i < 14 && i != firstzero - 2 {
            push(&mut buf, &mut end, b':');
        }
        let mut val = (u32::from(at(i)) << 8) | u32::from(at(i + 1));
        if val == 0 {
            push(&mut buf, &mut end, b'0');
        }
        while val != 0 {
            push(&mut buf, &mut end, DIGITS[(val % 16) as usize]);
            val /= 16;
        }
        i -= 2;
    }
    put(buf.get(end..).unwrap_or(&[]), out)
}

/// Turns a `json()` element selector (`"a.b[2].c"`, `"[0]"`) into a
/// packed list of NUL-separated names in place (`buf[..len]` holds the
/// selector; `buf` needs one more byte): the list's length and the number
/// of elements.
pub fn json_selector(buf: &mut [u8], len: usize) -> (usize, usize) {
    let mut nelems = 1;
    let mut w = 0;
    for r in 0..len.min(buf.len()) {
        let mut c = buf[r];
        if (r == 0 && c == b'[') || c == b']' {
            continue;
        }
        if c == b'.' || c == b'[' {
            nelems += 1;
            c = 0;
        }
        buf[w] = c;
        w += 1;
    }
    if let Some(z) = buf.get_mut(w) {
        *z = 0;
        w += 1;
    }
    (w, nelems)
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// `json(input, selector)`: the value the selector names in the JSON
/// object or array `input` (NUL-free), as DTrace's single-pass state
/// machine finds it — strings without their quotes (escapes kept as
/// written), numbers, `true`/`false`/`null`, or a nested object or array
/// verbatim. `list`/`nelems` come from [`json_selector`]; the result is
/// written to `out` (at least `input.len() + 1` bytes); `None` when the
/// selector names nothing or the input is malformed.
pub fn json(input: &[u8], list: &[u8], nelems: usize, out: &mut [u8]) -> Option<usize> {
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum St {
        Rest,
        Object,
        String,
        Escape,
        Unicode,
        Colon,
        Comma,
        Value,
        Identifier,
        Number,
        Frac,
        Exp,
        Collect,
    }
    let elem_at = |e: usize| -> &[u8] {
        let s = list.get(e..).unwrap_or(&[]);
        &s[..c_len(s)]
    };
    let mut nelems = nelems;
    let mut state = St::Rest;
    let mut array_elem: i64 = i64::MIN;
    let mut array_pos: i64 = 0;
    let mut unicount = 0u8;
    let (mut string_is_key, mut collect, mut found_key, mut in_array) = (false, false, false, false);
    let (mut braces, mut brackets) = (0u32, 0u32);
    let mut elem = 0usize;
    let mut dd = 0usize;
    let mut cur = 0usize;
    macro_rules! push {
        ($c:expr) => {{
            *out.get_mut(dd)? = $c;
            dd += 1;
        }};
    }
    macro_rules! value_end {
        () => {{
            *out.get_mut(dd)? = 0;
            let n = dd;
            dd = 0;
            n
        }};
    }
    // Each pass consumes a byte, except a value's end, which is looked
    // at again as the Comma state's input (at most once per value).
    let mut again = false;
    while let Some(&cc) = input.get(cur) {
        let mut next = true;
        match state {
            St::Rest => {
                if is_space(cc) {
                } else if cc == b'{' {
                    state = St::Object;
                } else if cc == b'[' {
                    in_array = true;
                    array_pos = 0;
                    array_elem = strtoll(elem_at(elem), 10);
                    found_key = array_elem == 0;
                    state = St::Value;
                } else {
                    return None;
                }
            }
            St::Object => {
                if is_space(cc) {
                } else if cc == b'"' {
                    state = St::String;
                    string_is_key = true;
                } else {
                    return None;
                }
            }
            St::String => {
                if cc == b'\\' {
                    push!(b'\\');
                    state = St::Escape;
                } else if cc == b'"' {
                    if collect {
                        push!(cc);
                        collect = false;
                        state = St::Collect;
                    } else {
                        let n = value_end!();
                        if string_is_key {
                            if out.get(..n)? == elem_at(elem) {
                                found_key = true;
                            }
                        } else if found_key {
                            return if nelems > 1 { None } else { Some(n) };
                        }
                        state = if string_is_key { St::Colon } else { St::Comma };
                        string_is_key = false;
                    }
                } else {
                    push!(cc);
                }
            }
            St::Escape => {
                push!(cc);
                if cc == b'u' {
                    unicount = 0;
                    state = St::Unicode;
                } else {
                    state = St::String;
                }
            }
            St::Unicode => {
                if !cc.is_ascii_hexdigit() {
                    return None;
                }
                push!(cc);
                unicount += 1;
                if unicount == 4 {
                    state = St::String;
                }
            }
            St::Colon => {
                if is_space(cc) {
                } else if cc == b':' {
                    state = St::Value;
                } else {
                    return None;
                }
            }
            St::Comma => {
                if is_space(cc) {
                } else if cc == b',' {
                    if in_array {
                        state = St::Value;
                        array_pos += 1;
                        if array_pos == array_elem {
                            found_key = true;
                        }
                    } else {
                        state = St::Object;
                    }
                } else {
                    return None;
                }
            }
            St::Identifier => {
                if cc.is_ascii_lowercase() {
                    push!(cc);
                } else {
                    let n = value_end!();
                    if !matches!(out.get(..n)?, b"true" | b"false" | b"null") {
                        return None;
                    }
                    if found_key {
                        return if nelems > 1 { None } else { Some(n) };
                    }
                    next = false;
                    state = St::Comma;
                }
            }
            St::Number | St::Frac | St::Exp => {
                let mantissa = state != St::Exp;
                if state == St::Number && cc == b'.' {
                    push!(cc);
                    state = St::Frac;
                } else if state == St::Number && (cc == b'x' || cc == b'X') {
                    return None;
                } else if mantissa && (cc == b'e' || cc == b'E') {
                    push!(cc);
                    state = St::Exp;
                } else if mantissa && (cc == b'+' || cc == b'-') {
                    return None;
                } else if cc.is_ascii_digit() || cc == b'+' || cc == b'-' {
                    push!(cc);
                } else {
                    let n = value_end!();
                    if found_key {
                        return if nelems > 1 { None } else { Some(n) };
                    }
                    next = false;
                    state = St::Comma;
                }
            }
            St::Value => {
                if is_space(cc) {
                } else if cc == b'{' || cc == b'[' {
                    if nelems > 1 && found_key {
                        // Descend: the next selector element applies.
                        in_array = cc == b'[';
                        elem += elem_at(elem).len() + 1;
                        nelems -= 1;
                        dd = 0;
                        if in_array {
                            state = St::Value;
                            array_pos = 0;
                            array_elem = strtoll(elem_at(elem), 10);
                            found_key = array_elem == 0;
                        } else {
                            found_key = false;
                            state = St::Object;
                        }
                    } else {
                        if cc == b'[' {
                            brackets = 1;
                        } else {
                            braces = 1;
                        }
                        push!(cc);
                        state = St::Collect;
                    }
                } else if cc == b'"' {
                    state = St::String;
                } else if cc.is_ascii_lowercase() {
                    push!(cc);
                    state = St::Identifier;
                } else if cc == b'-' || cc.is_ascii_digit() {
                    push!(cc);
                    state = St::Number;
                } else {
                    return None;
                }
            }
            St::Collect => {
                push!(cc);
                if cc == b'"' {
                    collect = true;
                    state = St::String;
                } else {
                    if cc == b']' {
                        brackets = brackets.checked_sub(1)?;
                    } else if cc == b'}' {
                        braces = braces.checked_sub(1)?;
                    } else if cc == b'{' {
                        braces += 1;
                    } else if cc == b'[' {
                        brackets += 1;
                    }
                    if brackets == 0 && braces == 0 {
                        if found_key {
                            *out.get_mut(dd)? = 0;
                            return Some(dd);
                        }
                        dd = 0;
                        state = St::Comma;
                    }
                }
            }
        }
        if next || again {
            cur += 1;
            again = false;
        } else {
            again = true;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::String;
    use alloc::vec::Vec;

    fn run(f: impl Fn(&[u8], &mut [u8]) -> usize, s: &str, size: usize) -> String {
        let mut out = [0xaau8; 512];
        let out = &mut out[..size];
        let n = f(s.as_bytes(), out);
        assert_eq!(out[n], 0, "NUL-terminated");
        assert!(n < size);
        String::from_utf8(out[..n].to_vec()).unwrap()
    }

    #[test]
    fn put_words_is_put_to_the_end_of_the_nul_word() {
        for size in [0usize, 1, 5, 8, 9, 13, 16, 20, 256] {
            for len in [0usize, 3, 7, 8, 12, 15, 16, 30] {
                let s: Vec<u8> = (1..=len as u8).collect();
                let (mut a, mut b) = ([0xaau8; 256], [0xaau8; 256]);
                let n = put(&s, &mut a[..size]);
                assert_eq!(put_words(&s, &mut b[..size]).0, n, "size {size} len {len}");
                let (_, written) = put_words(&s, &mut b[..size]);
                let end = if size == 0 { 0 } else { ((n + 8) & !7).min(size) };
                assert_eq!(written, end, "size {size} len {len}");
                assert_eq!(&b[..=n.min(size.saturating_sub(1))], &a[..=n.min(size.saturating_sub(1))]);
                assert!(b[n.min(written)..written].iter().all(|&c| c == 0));
                assert!(b[written..].iter().all(|&c| c == 0xaa));
            }
        }
    }

    #[test]
    fn basename_dirname() {
        // (input, basename, dirname): POSIX basename(1)/dirname(1), which
        // the DTrace guide cites for these subroutines.
        let cases = [
            ("/usr/lib/libc.so.1", "libc.so.1", "/usr/lib"),
            ("/usr/lib/", "lib", "/usr"),
            ("/usr/", "usr", "/"),
            ("/usr", "usr", "/"),
            ("usr", "usr", "."),
            ("usr/", "usr", "."),
            ("/", "/", "/"),
            ("//", "/", "/"),
            ("", ".", "."),
            (".", ".", "."),
            ("..", "..", "."),
            ("a//b", "b", "a"),
            ("//a", "a", "/"),
            ("a/b//", "b", "a"),
            ("/a/b/c", "c", "/a/b"),
        ];
        for (s, b, d) in cases {
            assert_eq!(run(basename, s, 256), b, "basename({s:?})");
            assert_eq!(run(dirname, s, 256), d, "dirname({s:?})");
        }
        // Truncated to the result size.
        assert_eq!(run(basename, "/x/abcdefgh", 4), "abc");
        assert_eq!(run(dirname, "/abcdefgh/x", 4), "/ab");
        assert_eq!(basename(b"abc", &mut []), 0);
    }

    #[test]
    fn cleanpath_cases() {
        let cases = [
            ("/foo/../bar", "/bar"),
            ("/foo/./bar", "/foo/bar"),
            ("/foo//bar", "/foo/bar"),
            ("//a//b//", "/a/b/"),
            ("/foo/..", "/"),
            ("/foo/bar/..", "/foo/"),
            ("/a/b/../../c", "/c"),
            ("/..", "/"),
            ("/./..", "/"),
            ("/../a", "/a"),
            ("/a/.b/..c/...", "/a/.b/..c/..."),
            ("/a/.", "/a/."),
            ("a/../b", "/b"),
            ("a/..", "a"),
            ("", ""),
            ("abc", "abc"),
            ("/", "/"),
        ];
        for (s, want) in cases {
            assert_eq!(run(cleanpath, s, 256), want, "cleanpath({s:?})");
        }
        // Stops five bytes short of the buffer.
        assert_eq!(run(cleanpath, "/abcdefghij", 10), "/abcd");
        assert_eq!(cleanpath(b"/a", &mut []), 0);
    }

    #[test]
    fn case_changes() {
        assert_eq!(run(|s, o| change_case(s, o, true), "Hello, World 42!", 256), "HELLO, WORLD 42!");
        assert_eq!(run(|s, o| change_case(s, o, false), "Hello, WORLD", 256), "hello, world");
        assert_eq!(run(|s, o| change_case(s, o, true), "", 256), "");
        assert_eq!(run(|s, o| change_case(s, o, true), "abcdef", 4), "ABC");
    }

    fn sub(s: &str, i: i64, l: Option<i64>) -> &str {
        let (a, n) = substr(s.len(), i, l, 256);
        &s[a..a + n]
    }

    #[test]
    fn substr_cases() {
        // The DTrace guide: substr("coconut", 3, 2) is "on"; Perl's
        // semantics for negative index and length.
        assert_eq!(sub("coconut", 3, Some(2)), "on");
        assert_eq!(sub("coconut", 3, None), "onut");
        assert_eq!(sub("hello", 0, None), "hello");
        assert_eq!(sub("hello", 1, None), "ello");
        assert_eq!(sub("hello", -2, None), "lo");
        assert_eq!(sub("hello", -3, Some(2)), "ll");
        assert_eq!(sub("hello", 1, Some(-1)), "ell");
        assert_eq!(sub("hello", 0, Some(-5)), "");
        assert_eq!(sub("hello", 0, Some(-10)), "");
        assert_eq!(sub("hello", 5, None), "");
        assert_eq!(sub("hello", 50, Some(2)), "");
        assert_eq!(sub("hello", -10, Some(3)), "");
        assert_eq!(sub("hello", -7, Some(4)), "he");
        assert_eq!(sub("hello", -7, None), "hello");
        assert_eq!(sub("hello", 2, Some(100)), "llo");
        assert_eq!(sub("hello", 2, Some(0)), "");
        assert_eq!(sub("", 0, None), "");
        // index + length wraps exactly as DTrace's int64_t arithmetic does.
        assert_eq!(sub("hello", i64::MIN, Some(i64::MAX)), "hell");
        assert_eq!(sub("hello", i64::MAX, Some(i64::MAX)), "");
        assert_eq!(sub("hello", -1, Some(i64::MIN)), "");
        // Limited by the result size.
        assert_eq!(substr(10, 0, None, 4), (0, 3));
        assert_eq!(substr(10, 2, Some(100), 4), (2, 2));
    }

    #[test]
    fn index_rindex_strstr() {
        let s = b"hello world";
        assert_eq!(index(s, b"o", None), 4);
        assert_eq!(rindex(s, b"o", None), 7);
        assert_eq!(index(s, b"o", Some(5)), 7);
        assert_eq!(rindex(s, b"o", Some(5)), 4);
        assert_eq!(index(s, b"xyz", None), -1);
        assert_eq!(rindex(s, b"xyz", None), -1);
        assert_eq!(index(s, b"hello", None), 0);
        assert_eq!(rindex(s, b"world", None), 6);
        assert_eq!(index(s, b"world!", None), -1);
        // Positions: index clamps negative to 0; rindex clamps past the end.
        assert_eq!(index(s, b"h", Some(-5)), 0);
        assert_eq!(index(s, b"h", Some(100)), -1);
        assert_eq!(rindex(s, b"d", Some(100)), 10);
        assert_eq!(rindex(s, b"h", Some(-1)), -1);
        // Empty needles, Perl's way.
        assert_eq!(index(s, b"", None), 0);
        assert_eq!(rindex(s, b"", None), 11);
        assert_eq!(index(s, b"", Some(3)), 3);
        assert_eq!(index(s, b"", Some(100)), 11);
        assert_eq!(rindex(s, b"", Some(-3)), 0);
        assert_eq!(rindex(s, b"", Some(4)), 4);
        assert_eq!(index(b"", b"", Some(7)), 0);
        assert_eq!(rindex(b"", b"", Some(-7)), 0);
        assert_eq!(index(b"", b"a", None), -1);
        assert_eq!(rindex(b"", b"a", None), -1);
        assert_eq!(strstr(s, b"o w"), Some(4));
        assert_eq!(strstr(s, b"low"), None);
        assert_eq!(strstr(s, b""), Some(0));
        assert_eq!(strstr(b"", b""), Some(0));
        assert_eq!(strstr(b"", b"a"), None);
    }

    #[test]
    fn strchr_strrchr() {
        assert_eq!(strchr(b"hello", true, b'l', false), Some(2));
        assert_eq!(strchr(b"hello", true, b'l', true), Some(3));
        assert_eq!(strchr(b"hello", true, b'z', false), None);
        assert_eq!(strchr(b"hello", true, 0, false), Some(5));
        assert_eq!(strchr(b"hello", false, 0, false), None);
        assert_eq!(strchr(b"", true, b'a', true), None);
    }

    #[test]
    fn strtok_steps() {
        let d = TokMap::new(b", ");
        let s = b"  a,b,, cc ";
        let (a, e) = strtok(s, 0, &d).unwrap();
        assert_eq!(&s[a..e], b"a");
        let (a, e2) = strtok(s, e, &d).unwrap();
        assert_eq!(&s[a..e2], b"b");
        let (a, e3) = strtok(s, e2, &d).unwrap();
        assert_eq!(&s[a..e3], b"cc");
        assert_eq!(strtok(s, e3, &d), None);
        assert_eq!(strtok(b"", 0, &d), None);
        assert_eq!(strtok(b"abc", 0, &TokMap::new(b"")), Some((0, 3)));
        assert!(TokMap::new(&[255]).has(255));
        assert!(!TokMap::new(&[255]).has(254));
    }

    #[test]
    fn lltostr_bases() {
        let f = |v: i64, base: u32| run(|_, o| lltostr(v, base, o), "", 256);
        assert_eq!(f(0, 10), "0");
        assert_eq!(f(12345, 10), "12345");
        assert_eq!(f(-12345, 10), "-12345");
        assert_eq!(f(i64::MIN, 10), "-9223372036854775808");
        assert_eq!(f(i64::MAX, 10), "9223372036854775807");
        assert_eq!(f(255, 16), "0xff");
        assert_eq!(f(0, 16), "0x0");
        assert_eq!(f(-1, 16), "0xffffffffffffffff");
        assert_eq!(f(8, 8), "010");
        assert_eq!(f(0, 8), "0");
        assert_eq!(f(5, 2), "101");
        assert_eq!(f(-1, 2).len(), 64);
        assert_eq!(f(35, 36), "z");
        assert_eq!(f(71, 36), "1z");
        assert_eq!(run(|_, o| lltostr(123456, 10, o), "", 4), "123");
    }

    #[test]
    fn strtoll_cases() {
        assert_eq!(strtoll(b"1234", 10), 1234);
        assert_eq!(strtoll(b"  \t-42xyz", 10), -42);
        assert_eq!(strtoll(b"+7", 10), 7);
        assert_eq!(strtoll(b"0x1F", 16), 31);
        assert_eq!(strtoll(b"0X1f", 16), 31);
        assert_eq!(strtoll(b"1f", 16), 31);
        assert_eq!(strtoll(b"0xg", 16), 0);
        assert_eq!(strtoll(b"0x10", 10), 0);
        assert_eq!(strtoll(b"777", 8), 511);
        assert_eq!(strtoll(b"1012", 2), 5);
        assert_eq!(strtoll(b"zz", 36), 1295);
        assert_eq!(strtoll(b"", 10), 0);
        assert_eq!(strtoll(b"abc", 10), 0);
        assert_eq!(strtoll(b"9223372036854775807", 10), i64::MAX);
        assert_eq!(strtoll(b"-9223372036854775808", 10), i64::MIN);
    }

    #[test]
    fn inet() {
        let mut out = [0u8; INET6_ADDRSTRLEN];
        let s = |out: &[u8], n: usize| String::from_utf8(out[..n].to_vec()).unwrap();
        let n = inet_ntoa([192, 168, 1, 10], &mut out);
        assert_eq!(s(&out, n), "192.168.1.10");
        let n = inet_ntoa([0, 0, 0, 0], &mut out);
        assert_eq!(s(&out, n), "0.0.0.0");
        let n = inet_ntoa([255, 255, 255, 255], &mut out);
        assert_eq!(s(&out, n), "255.255.255.255");

        let v6 = |b: [u8; 16], only4: bool| {
            let mut out = [0u8; INET6_ADDRSTRLEN];
            let n = inet_ntop6(b, &mut out, only4);
            String::from_utf8(out[..n].to_vec()).unwrap()
        };
        // The DTrace guide's example form: fe80::214:4fff:fe0b:76c8.
        assert_eq!(
            v6([0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0x02, 0x14, 0x4f, 0xff, 0xfe, 0x0b, 0x76, 0xc8], false),
            "fe80::214:4fff:fe0b:76c8"
        );
        assert_eq!(v6([0; 16], false), "::");
        let mut lo = [0u8; 16];
        lo[15] = 1;
        assert_eq!(v6(lo, false), "::1");
        let mut mapped = [0u8; 16];
        mapped[10] = 0xff;
        mapped[11] = 0xff;
        mapped[12..].copy_from_slice(&[192, 168, 0, 1]);
        assert_eq!(v6(mapped, false), "::ffff:192.168.0.1");
        assert_eq!(v6(mapped, true), "192.168.0.1");
        let mut compat = [0u8; 16];
        compat[12..].copy_from_slice(&[10, 0, 0, 1]);
        assert_eq!(v6(compat, false), "::10.0.0.1");
        assert_eq!(v6(compat, true), "10.0.0.1");
        let doc = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
        assert_eq!(v6(doc, false), "2001:db8::1");
        let trailing = [0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        assert_eq!(v6(trailing, false), "2001:db8:1::");
        // No zero group at all.
        let full = [0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8];
        assert_eq!(v6(full, false), "1:2:3:4:5:6:7:8");
        // Two runs: the longer one is compressed.
        let two = [0, 1, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 3];
        assert_eq!(v6(two, false), "1:0:0:2::3");
        // DTrace compresses a single zero group in the middle.
        let one = [0, 1, 0, 0, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7];
        assert_eq!(v6(one, false), "1::2:3:4:5:6:7");
    }

    #[test]
    fn compare_strings() {
        assert_eq!(compare(b"abc", b"abc", 256), 0);
        assert!(compare(b"abc", b"abd", 256) < 0);
        assert!(compare(b"b", b"abc", 256) > 0);
        assert!(compare(b"", b"a", 256) < 0);
        assert_eq!(compare(b"abcX", b"abcY", 3), 0);
        assert_eq!(compare(b"", b"", 0), 0);
        assert!(compare(&[0xff], b"a", 8) > 0);
    }

    fn js(input: &str, sel: &str) -> Option<String> {
        let mut buf = [0u8; 300];
        buf[..sel.len()].copy_from_slice(sel.as_bytes());
        let (ll, n) = json_selector(&mut buf, sel.len());
        let mut out = [0u8; 300];
        let k = json(input.as_bytes(), &buf[..ll], n, &mut out[..input.len() + 1])?;
        assert_eq!(out[k], 0);
        Some(String::from_utf8(out[..k].to_vec()).unwrap())
    }

    #[test]
    fn json_values() {
        let doc = r#"{"a": 1, "b": {"c": [10, 20, {"d": "deep"}], "e": true},
            "f": "str\"q", "g": null, "h": -1.5e+3, "i": [], "j": "\u00e9"}"#;
        assert_eq!(js(doc, "a").as_deref(), Some("1"));
        assert_eq!(js(doc, "b.e").as_deref(), Some("true"));
        assert_eq!(js(doc, "b.c[1]").as_deref(), Some("20"));
        assert_eq!(js(doc, "b.c[0]").as_deref(), Some("10"));
        assert_eq!(js(doc, "b.c[2].d").as_deref(), Some("deep"));
        assert_eq!(js(doc, "b.c").as_deref(), Some(r#"[10, 20, {"d": "deep"}]"#));
        assert_eq!(js(doc, "b.c[2]").as_deref(), Some(r#"{"d": "deep"}"#));
        assert_eq!(js(doc, "f").as_deref(), Some(r#"str\"q"#));
        assert_eq!(js(doc, "g").as_deref(), Some("null"));
        assert_eq!(js(doc, "h").as_deref(), Some("-1.5e+3"));
        assert_eq!(js(doc, "i").as_deref(), Some("[]"));
        assert_eq!(js(doc, "j").as_deref(), Some(r#"\u00e9"#));
        assert_eq!(js(doc, "zz"), None);
        assert_eq!(js(doc, "b.c[7]"), None);
        assert_eq!(js(doc, "a.b"), None, "a scalar where an object is expected");
        assert_eq!(js("[1, [2, 3]]", "[1][0]").as_deref(), Some("2"));
        assert_eq!(js("[1, [2, 3]]", "[0]").as_deref(), Some("1"));
        assert_eq!(js("  [\"x\"]", "[0]").as_deref(), Some("x"));
        // Malformed input.
        assert_eq!(js("nope", "a"), None);
        assert_eq!(js(r#"{"a" 1}"#, "a"), None);
        assert_eq!(js(r#"{"a": 0x1}"#, "a"), None);
        // The first value found is returned; what follows is not checked.
        assert_eq!(js(r#"{"a": 1 +}"#, "a").as_deref(), Some("1"));
        assert_eq!(js(r#"{"b": 1 +, "a": 2}"#, "a"), None);
        assert_eq!(js(r#"{"a": bogus}"#, "a"), None);
        assert_eq!(js(r#"{"a": "\uZZZZ"}"#, "a"), None);
        assert_eq!(js(r#"{"a": ]}"#, "a"), None);
        assert_eq!(js(r#"{"a": [1}"#, "a"), None);
        assert_eq!(js(r#"{"a": 1"#, "a"), None, "a number needs a terminator");
        assert_eq!(js("", ""), None);
    }

    #[test]
    fn random_inputs_never_panic() {
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        const ALPHABET: &[u8] = b"/.ab[]{}\",:\\u0123456789eE+-xtrufalsn \t";
        for _ in 0..20_000 {
            let len = (next() % 40) as usize;
            let s: Vec<u8> = (0..len).map(|_| ALPHABET[(next() % ALPHABET.len() as u64) as usize]).collect();
            let size = (next() % 48) as usize;
            let mut out = [0u8; 64];
            let out = &mut out[..size];
            for f in [basename, dirname, cleanpath] {
                let n = f(&s, out);
                assert!(n < size.max(1));
            }
            change_case(&s, out, true);
            lltostr(next() as i64, 2 + (next() % 35) as u32, out);
            let (a, n) = substr(s.len(), next() as i64 % 50, Some(next() as i64 % 50), size);
            assert!(a + n <= s.len());
            let half = s.len() / 2;
            index(&s, &s[half..], Some(next() as i64 % 50));
            rindex(&s, &s[..half], Some(next() as i64 % 50));
            strstr(&s, &s[half..]);
            strtoll(&s, 2 + (next() % 35) as u32);
            strtok(&s, (next() % 50) as usize, &TokMap::new(b"/."));
            let mut sel = [0u8; 64];
            let k = (next() % 12) as usize;
            sel[..k].copy_from_slice(
                &s[..k.min(s.len())].iter().chain([b'a'; 12].iter()).take(k).copied().collect::<Vec<_>>(),
            );
            let (ll, ne) = json_selector(&mut sel, k);
            let mut jout = [0u8; 64];
            if let Some(n) = json(&s, &sel[..ll], ne, &mut jout[..s.len() + 1]) {
                assert!(n <= s.len());
            }
        }
    }
}
