//! Probe descriptions: `provider:module:function:name`, each field a glob.
//!
//! A description names the probes a clause enables. Written with fewer than
//! four fields it fills them from the right, so `BEGIN` is the name,
//! `read:entry` a function and a name, and so on; an empty field matches
//! anything. dtrace(1)'s `-P`, `-m` and `-f` start filling at the provider,
//! module or function field instead ([`SpecKind`]), which is why `-P syscall`
//! means `syscall:::` and `-m mod` means `:mod::`.
//!
//! Matching follows DTrace's glob rules ([`glob_match`]): `*`, `?`,
//! `[abc]`, `[a-z]`, `[!a]` and `\` to quote the next character. The matcher
//! is iterative and backtracks only to the most recent `*`, so it runs in
//! time proportional to pattern length times string length whatever the
//! input.
//!
//! Nothing here does I/O; macro variables (`$1`, `$pid`) are the compiler's
//! business and must be expanded before [`parse_as`] sees the text.

use std::fmt;

/// Longest provider name DTrace accepts, counting its terminating NUL
/// (`DTRACE_PROVNAMELEN`): a field must be strictly shorter.
pub const PROVIDER_LEN: usize = 64;
/// `DTRACE_MODNAMELEN`.
pub const MODULE_LEN: usize = 64;
/// `DTRACE_FUNCNAMELEN`.
pub const FUNCTION_LEN: usize = 192;
/// `DTRACE_NAMELEN`.
pub const NAME_LEN: usize = 64;

/// A parsed probe description. Each field is a pattern; empty matches
/// anything.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct ProbeDesc {
    pub provider: String,
    pub module: String,
    pub function: String,
    pub name: String,
}

/// The field a description's last (rightmost) part fills, which bounds how
/// many parts it may have: dtrace(1)'s `-n` (and D programs) start at the
/// name, `-f` at the function, `-m` at the module, `-P` at the provider.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpecKind {
    Provider,
    Module,
    Function,
    Name,
}

impl SpecKind {
    /// How many colon-separated parts a description of this kind may have.
    fn max_fields(self) -> usize {
        match self {
            SpecKind::Provider => 1,
            SpecKind::Module => 2,
            SpecKind::Function => 3,
            SpecKind::Name => 4,
        }
    }
}

/// One of the four fields, for error reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Provider,
    Module,
    Function,
    Name,
}

/// Why a description is not valid. The messages are libdtrace's
/// (`dtrace_errmsg`), which the compiler wraps as
/// `invalid probe description "TEXT": MESSAGE` under `D_PDESC_INVAL`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PdescError {
    /// More colon-separated parts than the description's kind allows.
    #[error("Overspecified probe description")]
    Overspecified,
    /// A field is as long as, or longer than, DTrace's limit for it;
    /// libdtrace reports this as `ENAMETOOLONG`, hence the wording.
    #[error("File name too long")]
    TooLong(Field),
}

/// Parses a description as a D program's clause or `-n` does: up to four
/// fields, filled from the name leftwards.
pub fn parse(text: &str) -> Result<ProbeDesc, PdescError> {
    parse_as(text, SpecKind::Name)
}

/// Parses a description whose rightmost part fills the `kind` field, as
/// dtrace(1) does for `-P`, `-m`, `-f` and `-n`.
pub fn parse_as(text: &str, kind: SpecKind) -> Result<ProbeDesc, PdescError> {
    let parts: Vec<&str> = text.split(':').collect();
    if parts.len() > kind.max_fields() {
        return Err(PdescError::Overspecified);
    }
    // Field order left to right, cut so that the last one is `kind`.
    let fields = [Field::Provider, Field::Module, Field::Function, Field::Name];
    let last = kind.max_fields();
    let first = last - parts.len();
    let mut desc = ProbeDesc::default();
    for (field, part) in fields[first..last].iter().zip(parts) {
        let (slot, limit) = match field {
            Field::Provider => (&mut desc.provider, PROVIDER_LEN),
            Field::Module => (&mut desc.module, MODULE_LEN),
            Field::Function => (&mut desc.function, FUNCTION_LEN),
            Field::Name => (&mut desc.name, NAME_LEN),
        };
        if part.len() >= limit {
            return Err(PdescError::TooLong(*field));
        }
        *slot = part.to_string();
    }
    Ok(desc)
}

impl ProbeDesc {
    /// Whether a probe with these four names matches the description.
    pub fn matches(&self, provider: &str, module: &str, function: &str, name: &str) -> bool {
        field_matches(&self.provider, provider)
            && field_matches(&self.module, module)
            && field_matches(&self.function, function)
            && field_matches(&self.name, name)
    }

    /// Whether some field holds a glob, i.e. the description may name more
    /// than one probe of a provider by pattern rather than by name.
    pub fn has_glob(&self) -> bool {
        [&self.provider, &self.module, &self.function, &self.name].iter().any(|f| is_glob(f))
    }
}

/// Matches one field: empty matches anything, anything else is a glob.
pub fn field_matches(pattern: &str, s: &str) -> bool {
    pattern.is_empty() || glob_match(pattern, s)
}

impl fmt::Display for ProbeDesc {
    /// The four-field form DTrace prints in its messages, `p:m:f:n`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}:{}", self.provider, self.module, self.function, self.name)
    }
}

/// Whether `s` contains a glob character, i.e. is matched as a pattern and
/// not compared as a plain name (DTrace's test: any of `*?[\`).
pub fn is_glob(s: &str) -> bool {
    s.contains(['*', '?', '[', '\\'])
}

/// One unit of a compiled pattern; each but `Star` consumes one character.
#[derive(Debug)]
enum Tok {
    Lit(char),
    Any,
    Star,
    /// `[...]`: inclusive ranges (a single character is a range of one).
    Class {
        negated: bool,
        ranges: Vec<(char, char)>,
    },
}

impl Tok {
    fn accepts(&self, c: char) -> bool {
        match self {
            Tok::Lit(l) => *l == c,
            Tok::Any => true,
            Tok::Star => false,
            Tok::Class { negated, ranges } => {
                let hit = ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi);
                hit != *negated
            }
        }
    }
}

/// Compiles a pattern, or `None` if it is malformed (an unterminated class
/// or a trailing `\`). DTrace fails the match when it reaches such a spot,
/// and every match must reach it, so a malformed pattern matches nothing.
fn compile(pattern: &str) -> Option<Vec<Tok>> {
    let mut toks = Vec::new();
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        let tok = match c {
            '*' => Tok::Star,
            '?' => Tok::Any,
            '\\' => Tok::Lit(chars.next()?),
            '[' => {
                let negated = chars.next_if_eq(&'!').is_some();
                let mut ranges = Vec::new();
                let mut prev: Option<char> = None;
                // The first character is always a member, even `]`.
                let mut c = chars.next()?;
                loop {
                    if c == '-' && prev.is_some() && chars.peek() != Some(&']') {
                        let mut hi = chars.next()?;
                        if hi == '\\' {
                            hi = chars.next()?;
                        }
                        let lo = prev.unwrap_or(hi);
                        ranges.push((lo, hi));
                        prev = Some(hi);
                    } else {
                        if c == '\\' {
                            c = chars.next()?;
                        }
                        ranges.push((c, c));
                        prev = Some(c);
                    }
                    c = chars.next()?;
                    if c == ']' {
                        break;
                    }
                }
                Tok::Class { negated, ranges }
            }
            other => Tok::Lit(other),
        };
        toks.push(tok);
    }
    Some(toks)
}

/// Whether `s` matches the glob `pattern` (DTrace's `gmatch` rules; an
/// empty pattern matches only the empty string — see [`field_matches`] for
/// the empty-field rule).
pub fn glob_match(pattern: &str, s: &str) -> bool {
    let Some(toks) = compile(pattern) else {
        return false;
    };
    let s: Vec<char> = s.chars().collect();
    let (mut t, mut i) = (0usize, 0usize);
    // The token after the most recent `*`, and where in `s` that star's
    // match currently ends. Retrying only this star is enough: any earlier
    // star's extra characters could as well be taken by the later one.
    let mut resume: Option<(usize, usize)> = None;
    while i < s.len() {
        match toks.get(t) {
            Some(Tok::Star) => {
                t += 1;
                resume = Some((t, i));
                continue;
            }
            Some(tok) if tok.accepts(s[i]) => {
                t += 1;
                i += 1;
                continue;
            }
            _ => {}
        }
        match resume {
            Some((after_star, end)) => {
                t = after_star;
                i = end + 1;
                resume = Some((after_star, end + 1));
            }
            None => return false,
        }
    }
    toks[t..].iter().all(|tok| matches!(tok, Tok::Star))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn desc(p: &str, m: &str, f: &str, n: &str) -> ProbeDesc {
        ProbeDesc { provider: p.into(), module: m.into(), function: f.into(), name: n.into() }
    }

    #[test]
    fn short_forms_fill_from_the_right() {
        assert_eq!(parse("BEGIN").unwrap(), desc("", "", "", "BEGIN"));
        assert_eq!(parse("read:entry").unwrap(), desc("", "", "read", "entry"));
        assert_eq!(parse("vmlinux:read:entry").unwrap(), desc("", "vmlinux", "read", "entry"));
        assert_eq!(parse("syscall:vmlinux:read:entry").unwrap(), desc("syscall", "vmlinux", "read", "entry"));
        assert_eq!(parse("syscall:::").unwrap(), desc("syscall", "", "", ""));
        assert_eq!(parse(":::").unwrap(), ProbeDesc::default());
        assert_eq!(parse("").unwrap(), ProbeDesc::default());
    }

    #[test]
    fn too_many_fields_is_overspecified() {
        assert_eq!(parse("a:b:c:d:e"), Err(PdescError::Overspecified));
        assert_eq!(parse("::::"), Err(PdescError::Overspecified));
        assert_eq!(PdescError::Overspecified.to_string(), "Overspecified probe description");
    }

    #[test]
    fn spec_kinds_start_at_their_field() {
        assert_eq!(parse_as("syscall", SpecKind::Provider).unwrap(), desc("syscall", "", "", ""));
        assert_eq!(parse_as("a:b", SpecKind::Provider), Err(PdescError::Overspecified));
        assert_eq!(parse_as("vmlinux", SpecKind::Module).unwrap(), desc("", "vmlinux", "", ""));
        assert_eq!(parse_as("fbt:vmlinux", SpecKind::Module).unwrap(), desc("fbt", "vmlinux", "", ""));
        assert_eq!(parse_as("a:b:c", SpecKind::Module), Err(PdescError::Overspecified));
        assert_eq!(parse_as("read", SpecKind::Function).unwrap(), desc("", "", "read", ""));
        assert_eq!(parse_as("m:read", SpecKind::Function).unwrap(), desc("", "m", "read", ""));
        assert_eq!(parse_as("p:m:read", SpecKind::Function).unwrap(), desc("p", "m", "read", ""));
        assert_eq!(parse_as("p:m:f:n", SpecKind::Function), Err(PdescError::Overspecified));
    }

    #[test]
    fn field_length_limits() {
        let long = "x".repeat(64);
        assert_eq!(parse(&long), Err(PdescError::TooLong(Field::Name)));
        assert!(parse(&"x".repeat(63)).is_ok());
        assert_eq!(parse(&format!("{long}:::")), Err(PdescError::TooLong(Field::Provider)));
        assert!(parse(&format!("::{}:", "f".repeat(191))).is_ok());
        assert_eq!(parse(&format!("::{}:", "f".repeat(192))), Err(PdescError::TooLong(Field::Function)));
        assert_eq!(PdescError::TooLong(Field::Name).to_string(), "File name too long");
    }

    #[test]
    fn display_is_four_fields() {
        assert_eq!(parse("BEGIN").unwrap().to_string(), ":::BEGIN");
        assert_eq!(parse_as("syscall", SpecKind::Provider).unwrap().to_string(), "syscall:::");
    }

    #[test]
    fn empty_fields_match_anything() {
        let d = parse("read:entry").unwrap();
        assert!(d.matches("syscall", "vmlinux", "read", "entry"));
        assert!(d.matches("fbt", "vmlinux", "read", "entry"));
        assert!(!d.matches("syscall", "vmlinux", "read", "return"));
        let all = parse("").unwrap();
        assert!(all.matches("dtrace", "", "", "BEGIN"));
        // A non-empty pattern does not match an empty field.
        assert!(!parse("x::").unwrap().matches("dtrace", "", "", "BEGIN"));
        assert!(parse("dtrace:::BEGIN").unwrap().matches("dtrace", "", "", "BEGIN"));
    }

    #[test]
    fn glob_basics() {
        assert!(glob_match("abc", "abc"));
        assert!(!glob_match("abc", "abd"));
        assert!(!glob_match("abc", "ab"));
        assert!(!glob_match("ab", "abc"));
        assert!(glob_match("", ""));
        assert!(!glob_match("", "a"));
        assert!(glob_match("*", ""));
        assert!(glob_match("*", "anything"));
        assert!(glob_match("a*", "a"));
        assert!(glob_match("a*c", "abbbc"));
        assert!(!glob_match("a*c", "abbbd"));
        assert!(glob_match("*read*", "sys_pread64"));
        assert!(glob_match("**x**", "x"));
        assert!(glob_match("?", "a"));
        assert!(!glob_match("?", ""));
        assert!(!glob_match("?", "ab"));
        assert!(glob_match("tick-?sec", "tick-1sec"));
        assert!(glob_match("*a*b*c", "xxaxxbxxc"));
        assert!(!glob_match("*a*b*c", "xxaxxcxxb"));
    }

    #[test]
    fn glob_classes() {
        assert!(glob_match("[abc]", "b"));
        assert!(!glob_match("[abc]", "d"));
        assert!(!glob_match("[abc]", ""));
        assert!(glob_match("[a-z]x", "qx"));
        assert!(!glob_match("[a-z]", "Q"));
        assert!(glob_match("[!a]", "b"));
        assert!(!glob_match("[!a]", "a"));
        assert!(!glob_match("[!a-c]", "b"));
        assert!(glob_match("[!a-c]", "d"));
        assert!(glob_match("[a-cx-z]", "y"));
        // `]` first is a member; `-` first or last is literal.
        assert!(glob_match("[]]", "]"));
        assert!(glob_match("[!]]", "a"));
        assert!(glob_match("[-a]", "-"));
        assert!(glob_match("[a-]", "-"));
        assert!(!glob_match("[a-]", "b"));
        // Escapes inside a class and in a range end.
        assert!(glob_match("[\\]]", "]"));
        assert!(glob_match("[a-\\z]", "m"));
        assert!(glob_match("sys_[rw]*", "sys_write"));
    }

    #[test]
    fn glob_escapes_and_malformed_patterns() {
        assert!(glob_match("a\\*", "a*"));
        assert!(!glob_match("a\\*", "ab"));
        assert!(glob_match("\\[x\\]", "[x]"));
        // Malformed patterns match nothing.
        assert!(!glob_match("a\\", "a\\"));
        assert!(!glob_match("a\\", "a"));
        assert!(!glob_match("[abc", "a"));
        assert!(!glob_match("[", "["));
        assert!(!glob_match("[!", "x"));
        assert!(!glob_match("*[a-", "xa"));
    }

    #[test]
    fn glob_is_not_exponential() {
        let s = "a".repeat(5000);
        let p = format!("{}b", "a*".repeat(50));
        assert!(!glob_match(&p, &s));
        let p = "*a".repeat(200);
        assert!(glob_match(&p, &s));
    }

    /// Every pattern over `ab*?` and every string over `ab` up to length 4,
    /// checked against the plain recursive definition of a glob.
    #[test]
    fn glob_agrees_with_recursive_definition() {
        fn reference(p: &[char], s: &[char]) -> bool {
            match p.first() {
                None => s.is_empty(),
                Some('*') => (0..=s.len()).any(|k| reference(&p[1..], &s[k..])),
                Some('?') => !s.is_empty() && reference(&p[1..], &s[1..]),
                Some(c) => s.first() == Some(c) && reference(&p[1..], &s[1..]),
            }
        }
        fn words(alphabet: &[char], max: usize) -> Vec<String> {
            let mut out = vec![String::new()];
            let mut last = vec![String::new()];
            for _ in 0..max {
                let next: Vec<String> =
                    last.iter().flat_map(|w| alphabet.iter().map(move |c| format!("{w}{c}"))).collect();
                out.extend(next.iter().cloned());
                last = next;
            }
            out
        }
        for p in words(&['a', 'b', '*', '?'], 4) {
            for s in words(&['a', 'b'], 4) {
                let pc: Vec<char> = p.chars().collect();
                let sc: Vec<char> = s.chars().collect();
                assert_eq!(glob_match(&p, &s), reference(&pc, &sc), "pattern {p:?} string {s:?}");
            }
        }
    }

    #[test]
    fn glob_non_ascii() {
        assert!(glob_match("h?llo", "hällo"));
        assert!(glob_match("[ä-ö]", "ö"));
    }

    #[test]
    fn is_glob_detects_pattern_characters() {
        assert!(!is_glob("BEGIN"));
        assert!(!is_glob("tick-1sec"));
        assert!(!is_glob(""));
        assert!(is_glob("sys_*"));
        assert!(is_glob("tick-?"));
        assert!(is_glob("[ab]"));
        assert!(is_glob("a\\b"));
        assert!(parse("sys_*:entry").unwrap().has_glob());
        assert!(!parse("read:entry").unwrap().has_glob());
    }
}
