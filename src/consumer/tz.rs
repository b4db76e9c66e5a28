//! The local time zone `%Y`, `%T` and `walltimestamp` printing use, found
//! the way the C library finds it: `TZ` names a POSIX rule (`EST5EDT,M3.2.0,
//! M11.1.0`) or a TZif file (`Europe/Paris`, `:/path`); without `TZ` the
//! zone is `/etc/localtime`; when nothing can be read, UTC.

use crate::consumer::format::{civil_from_days, TimeZone};
use std::path::{Path, PathBuf};

/// One local time type: offset east of UTC and its abbreviation.
#[derive(Clone, Debug, PartialEq, Eq)]
struct LocalType {
    offset: i64,
    abbrev: String,
}

/// A POSIX `TZ` rule: standard time, optionally daylight time with the
/// rule that starts and ends it each year.
#[derive(Clone, Debug, PartialEq, Eq)]
struct PosixRule {
    std: LocalType,
    dst: Option<(LocalType, Transition, Transition)>,
}

/// When in the year daylight time starts or ends, in seconds after local
/// midnight of the day the rule picks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Transition {
    day: RuleDay,
    secs: i64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RuleDay {
    /// `Jn`: day 1..=365, February 29 never counted.
    Julian1(i64),
    /// `n`: day 0..=365, leap days counted.
    Julian0(i64),
    /// `Mm.w.d`: day `d` (0 = Sunday) of week `w` (5 = last) of month `m`.
    MonthWeekDay { month: i64, week: i64, wday: i64 },
}

/// The zone: transitions read from a TZif file, then the file's footer
/// rule (or a rule given directly in `TZ`) for later times.
#[derive(Clone, Debug, Default)]
pub struct LocalZone {
    /// Transition times (UTC seconds), ascending, with the type after each.
    transitions: Vec<(i64, usize)>,
    types: Vec<LocalType>,
    /// The rule in force after the last transition (or always, if none).
    rule: Option<PosixRule>,
}

impl LocalZone {
    /// The zone of this process's environment.
    pub fn from_env() -> LocalZone {
        match std::env::var_os("TZ") {
            None => Self::from_file(Path::new("/etc/localtime")).unwrap_or_default(),
            Some(v) => Self::from_tz(&v.to_string_lossy()),
        }
    }

    /// The zone `TZ=value` selects: a file under the zoneinfo directory,
    /// an absolute file, or a POSIX rule; UTC when none of those works.
    pub fn from_tz(value: &str) -> LocalZone {
        let name = value.strip_prefix(':').unwrap_or(value);
        if name.is_empty() {
            return LocalZone::default();
        }
        let path = if name.starts_with('/') {
            PathBuf::from(name)
        } else {
            let dir = std::env::var_os("TZDIR").map(PathBuf::from);
            dir.unwrap_or_else(|| PathBuf::from("/usr/share/zoneinfo")).join(name)
        };
        // A relative name that climbs out of the zoneinfo directory is not a file name.
        if name.starts_with('/') || !name.split('/').any(|c| c == "..") {
            if let Some(z) = Self::from_file(&path) {
                return z;
            }
        }
        match parse_posix(value) {
            Some(rule) => LocalZone { rule: Some(rule), ..LocalZone::default() },
            None => LocalZone::default(),
        }
    }

    fn from_file(path: &Path) -> Option<LocalZone> {
        parse_tzif(&std::fs::read(path).ok()?)
    }

    /// The local time type at `secs` since the epoch.
    fn at(&self, secs: i64) -> LocalType {
        let after = self.transitions.partition_point(|&(t, _)| t <= secs);
        if after == self.transitions.len() {
            if let Some(r) = &self.rule {
                return r.at(secs);
            }
        }
        let ty = match after {
            // Before the first transition: type 0, as RFC 8536 says.
            0 => self.types.first(),
            n => self.transitions.get(n - 1).and_then(|&(_, i)| self.types.get(i)),
        };
        ty.cloned().unwrap_or(LocalType { offset: 0, abbrev: "UTC".to_string() })
    }
}

impl TimeZone for LocalZone {
    fn offset(&self, secs: i64) -> (i64, String) {
        let t = self.at(secs);
        (t.offset, t.abbrev)
    }
}

impl PosixRule {
    fn at(&self, secs: i64) -> LocalType {
        let Some((dst, start, end)) = &self.dst else { return self.std.clone() };
        // The rule's year is the year of local standard time.
        let (year, _, _) = civil_from_days((secs + self.std.offset).div_euclid(86_400));
        // The start is given in standard time, the end in daylight time.
        let on = start.utc(year, self.std.offset);
        let off = end.utc(year, dst.offset);
        let in_dst = if on < off {
            (on..off).contains(&secs)
        } else {
            // Southern hemisphere: daylight time spans New Year.
            secs >= on || secs < off
        };
        if in_dst {
            dst.clone()
        } else {
            self.std.clone()
        }
    }
}

impl Transition {
    /// The UTC instant of this transition in `year`, for a local time
    /// `offset` seconds east of UTC.
    fn utc(&self, year: i64, offset: i64) -> i64 {
        let jan1 = days_from_civil(year, 1, 1);
        let leap = is_leap(year);
        let day = match self.day {
            RuleDay::Julian1(n) => jan1 + n - 1 + i64::from(leap && n >= 60),
            RuleDay::Julian0(n) => jan1 + n,
            RuleDay::MonthWeekDay { month, week, wday } => {
                let first = days_from_civil(year, month, 1);
                // 1970-01-01 was a Thursday (4).
                let first_wday = (first + 4).rem_euclid(7);
                let mut d = first + (wday - first_wday).rem_euclid(7) + (week - 1) * 7;
                let next_month =
                    if month == 12 { days_from_civil(year + 1, 1, 1) } else { days_from_civil(year, month + 1, 1) };
                while d >= next_month {
                    d -= 7;
                }
                d
            }
        };
        day * 86_400 + self.secs - offset
    }
}

fn is_leap(y: i64) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Reads a TZif file (RFC 8536, versions 1 to 4). Version 2+ files carry
/// 64-bit transition times in a second block and a POSIX rule footer.
fn parse_tzif(b: &[u8]) -> Option<LocalZone> {
    let (v1, rest) = tzif_block(b, 4)?;
    if b.get(4).copied().unwrap_or(0) == 0 {
        return Some(v1);
    }
    let (mut zone, rest) = tzif_block(rest, 8)?;
    let footer = rest.strip_prefix(b"\n")?;
    let end = footer.iter().position(|&c| c == b'\n')?;
    let text = std::str::from_utf8(&footer[..end]).ok()?;
    if !text.is_empty() {
        zone.rule = parse_posix(text);
    }
    Some(zone)
}

/// One header plus data block with `tsize`-byte times; the block and the
/// bytes after it.
fn tzif_block(b: &[u8], tsize: usize) -> Option<(LocalZone, &[u8])> {
    if b.get(..4)? != b"TZif" {
        return None;
    }
    let count = |i: usize| -> Option<usize> {
        let w = b.get(20 + 4 * i..24 + 4 * i)?;
        Some(u32::from_be_bytes(w.try_into().ok()?) as usize)
    };
    let (isut, isstd, leap, timecnt, typecnt, charcnt) =
        (count(0)?, count(1)?, count(2)?, count(3)?, count(4)?, count(5)?);
    let mut at: usize = 44;
    let mut take = |n: usize| -> Option<&[u8]> {
        let s = b.get(at..at.checked_add(n)?)?;
        at += n;
        Some(s)
    };
    let times = take(timecnt.checked_mul(tsize)?)?;
    let idx = take(timecnt)?;
    let infos = take(typecnt.checked_mul(6)?)?;
    let chars = take(charcnt)?;
    take(leap.checked_mul(tsize + 4)?.checked_add(isstd)?.checked_add(isut)?)?;
    let types = infos
        .chunks_exact(6)
        .map(|t| {
            let offset = i64::from(i32::from_be_bytes([t[0], t[1], t[2], t[3]]));
            let from = chars.get(usize::from(t[5])..).unwrap_or(&[]);
            let len = from.iter().position(|&c| c == 0).unwrap_or(from.len());
            LocalType { offset, abbrev: String::from_utf8_lossy(&from[..len]).into_owned() }
        })
        .collect::<Vec<_>>();
    let transitions = times
        .chunks_exact(tsize)
        .zip(idx)
        .filter(|&(_, &i)| usize::from(i) < types.len())
        .map(|(t, &i)| {
            let t = if tsize == 8 {
                i64::from_be_bytes(t.try_into().unwrap_or([0; 8]))
            } else {
                i64::from(i32::from_be_bytes(t.try_into().unwrap_or([0; 4])))
            };
            (t, usize::from(i))
        })
        .collect();
    Some((LocalZone { transitions, types, rule: None }, b.get(at..)?))
}

/// Parses a POSIX `TZ` rule: `std offset [dst [offset] [,start[/time],end[/time]]]`.
fn parse_posix(s: &str) -> Option<PosixRule> {
    let mut p = Cursor { s: s.as_bytes(), at: 0 };
    let std_name = p.name()?;
    // POSIX offsets count west of UTC; ours count east.
    let std = LocalType { offset: -p.hms()?, abbrev: std_name };
    if p.done() {
        return Some(PosixRule { std, dst: None });
    }
    let dst_name = p.name()?;
    let dst_offset = if p.peek().is_some_and(|c| c != b',') { -p.hms()? } else { std.offset + 3600 };
    let dst = LocalType { offset: dst_offset, abbrev: dst_name };
    // Without a rule, the C library uses the US rule.
    let (start, end) = if p.done() {
        let us = |month, week| Transition { day: RuleDay::MonthWeekDay { month, week, wday: 0 }, secs: 7200 };
        (us(3, 2), us(11, 1))
    } else {
        p.eat(b',')?;
        let start = p.transition()?;
        p.eat(b',')?;
        (start, p.transition()?)
    };
    p.done().then_some(PosixRule { std, dst: Some((dst, start, end)) })
}

struct Cursor<'a> {
    s: &'a [u8],
    at: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.at).copied()
    }
    fn done(&self) -> bool {
        self.at >= self.s.len()
    }
    fn eat(&mut self, c: u8) -> Option<()> {
        (self.peek() == Some(c)).then(|| self.at += 1)
    }
    /// A zone abbreviation: three or more letters, or `<...>` quoted.
    fn name(&mut self) -> Option<String> {
        let (from, to) = if self.eat(b'<').is_some() {
            let from = self.at;
            while self.peek().is_some_and(|c| c != b'>') {
                self.at += 1;
            }
            let to = self.at;
            self.eat(b'>')?;
            (from, to)
        } else {
            let from = self.at;
            while self.peek().is_some_and(|c| c.is_ascii_alphabetic()) {
                self.at += 1;
            }
            (from, self.at)
        };
        (to - from >= 3).then(|| String::from_utf8_lossy(&self.s[from..to]).into_owned())
    }
    fn number(&mut self) -> Option<i64> {
        let from = self.at;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) && self.at - from < 9 {
            self.at += 1;
        }
        std::str::from_utf8(&self.s[from..self.at]).ok()?.parse().ok()
    }
    /// `[+-]hh[:mm[:ss]]` as seconds.
    fn hms(&mut self) -> Option<i64> {
        let neg = self.eat(b'-').is_some();
        if !neg {
            let _ = self.eat(b'+');
        }
        let mut secs = self.number()? * 3600;
        for unit in [60, 1] {
            if self.eat(b':').is_none() {
                break;
            }
            secs += self.number()? * unit;
        }
        Some(if neg { -secs } else { secs })
    }
    fn transition(&mut self) -> Option<Transition> {
        let day = match self.peek()? {
            b'J' => {
                self.at += 1;
                RuleDay::Julian1(self.number().filter(|n| (1..=365).contains(n))?)
            }
            b'M' => {
                self.at += 1;
                let month = self.number().filter(|n| (1..=12).contains(n))?;
                self.eat(b'.')?;
                let week = self.number().filter(|n| (1..=5).contains(n))?;
                self.eat(b'.')?;
                let wday = self.number().filter(|n| (0..=6).contains(n))?;
                RuleDay::MonthWeekDay { month, week, wday }
            }
            _ => RuleDay::Julian0(self.number().filter(|n| (0..=365).contains(n))?),
        };
        // RFC 8536 allows -167..167 hours here.
        let secs = if self.eat(b'/').is_some() { self.hms()? } else { 7200 };
        Some(Transition { day, secs })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Seconds since the epoch of a UTC date and time.
    fn utc(y: i64, m: i64, d: i64, h: i64, min: i64) -> i64 {
        days_from_civil(y, m, d) * 86_400 + h * 3600 + min * 60
    }

    fn at(z: &LocalZone, secs: i64) -> (i64, String) {
        z.offset(secs)
    }

    #[test]
    fn civil_round_trip() {
        for days in [-800_000, -1, 0, 59, 60, 11_016, 20_000, 2_000_000] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }

    #[test]
    fn posix_us_eastern() {
        let z = LocalZone::from_tz("EST5EDT,M3.2.0,M11.1.0");
        assert_eq!(at(&z, utc(2026, 1, 15, 12, 0)), (-18_000, "EST".into()));
        assert_eq!(at(&z, utc(2026, 7, 1, 12, 0)), (-14_400, "EDT".into()));
        // 2026-03-08 02:00 EST is 07:00 UTC; 2026-11-01 02:00 EDT is 06:00 UTC.
        assert_eq!(at(&z, utc(2026, 3, 8, 6, 59)).1, "EST");
        assert_eq!(at(&z, utc(2026, 3, 8, 7, 0)).1, "EDT");
        assert_eq!(at(&z, utc(2026, 11, 1, 5, 59)).1, "EDT");
        assert_eq!(at(&z, utc(2026, 11, 1, 6, 0)).1, "EST");
    }

    #[test]
    fn posix_southern_hemisphere_and_forms() {
        // Sydney: daylight time from the first Sunday of October to the first of April.
        let z = LocalZone::from_tz("AEST-10AEDT,M10.1.0,M4.1.0/3");
        assert_eq!(at(&z, utc(2026, 1, 10, 0, 0)), (39_600, "AEDT".into()));
        assert_eq!(at(&z, utc(2026, 6, 10, 0, 0)), (36_000, "AEST".into()));
        assert_eq!(at(&z, utc(2026, 12, 31, 23, 0)).1, "AEDT");
        let z = LocalZone::from_tz("<+0330>-3:30");
        assert_eq!(at(&z, 0), (12_600, "+0330".into()));
        let z = LocalZone::from_tz("JST-9");
        assert_eq!(at(&z, utc(2026, 7, 1, 0, 0)), (32_400, "JST".into()));
        // Julian days: J60 is March 1 in every year.
        let z = LocalZone::from_tz("AAA0BBB,J60/0,J300/0");
        assert_eq!(at(&z, utc(2024, 2, 29, 12, 0)).1, "AAA");
        assert_eq!(at(&z, utc(2024, 3, 1, 12, 0)).1, "BBB");
    }

    #[test]
    fn unusable_tz_is_utc() {
        for tz in ["", ":", "1", "X5", "EST5EDT,M13.1.0,M11.1.0", "../../etc/passwd", "EST5EDT,M3.2.0"] {
            assert_eq!(at(&LocalZone::from_tz(tz), 1_000), (0, "UTC".into()), "TZ={tz}");
        }
    }

    /// Builds a version 2 TZif file with the given 64-bit transitions.
    fn tzif(transitions: &[(i64, u8)], types: &[(i32, &str)], footer: &str) -> Vec<u8> {
        let mut chars = Vec::new();
        let mut infos = Vec::new();
        for &(off, name) in types {
            infos.extend_from_slice(&off.to_be_bytes());
            infos.push(0);
            infos.push(chars.len() as u8);
            chars.extend_from_slice(name.as_bytes());
            chars.push(0);
        }
        let header = |n: usize| {
            let mut h = b"TZif2".to_vec();
            h.resize(20, 0);
            for c in [0, 0, 0, n, types.len(), chars.len()] {
                h.extend_from_slice(&(c as u32).to_be_bytes());
            }
            h
        };
        let mut f = header(0);
        f.extend_from_slice(&infos);
        f.extend_from_slice(&chars);
        f.extend(header(transitions.len()));
        for &(t, _) in transitions {
            f.extend_from_slice(&t.to_be_bytes());
        }
        f.extend(transitions.iter().map(|&(_, i)| i));
        f.extend_from_slice(&infos);
        f.extend_from_slice(&chars);
        f.extend(format!("\n{footer}\n").bytes());
        f
    }

    #[test]
    fn tzif_transitions_then_footer() {
        let f = tzif(&[(1000, 1), (2000, 0)], &[(3600, "AAA"), (7200, "BBB")], "CCC-3");
        let z = parse_tzif(&f).expect("valid TZif");
        assert_eq!(at(&z, 0), (3600, "AAA".into()));
        assert_eq!(at(&z, 1000), (7200, "BBB".into()));
        assert_eq!(at(&z, 1999), (7200, "BBB".into()));
        assert_eq!(at(&z, 2000), (10_800, "CCC".into()));
        // Every truncation is refused without a panic.
        for n in 0..f.len() - 1 {
            let _ = parse_tzif(&f[..n]);
        }
    }

    /// The system's zoneinfo files, when tzdata is installed.
    #[test]
    fn system_zoneinfo() {
        if !Path::new("/usr/share/zoneinfo/America/New_York").exists() {
            eprintln!("skipped: /usr/share/zoneinfo has no America/New_York (tzdata not installed)");
            return;
        }
        let z = LocalZone::from_tz("America/New_York");
        assert_eq!(at(&z, utc(2026, 1, 15, 12, 0)), (-18_000, "EST".into()));
        assert_eq!(at(&z, utc(2026, 7, 1, 12, 0)), (-14_400, "EDT".into()));
        // Past the file's last transition the footer rule applies.
        assert_eq!(at(&z, utc(2100, 7, 1, 12, 0)), (-14_400, "EDT".into()));
        assert_eq!(at(&z, utc(1990, 1, 1, 0, 0)), (-18_000, "EST".into()));
        let z = LocalZone::from_tz(":Europe/Paris");
        assert_eq!(at(&z, utc(2026, 7, 1, 0, 0)), (7200, "CEST".into()));
    }
}
