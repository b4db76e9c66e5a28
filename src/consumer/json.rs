//! `-x json` (`--json`): records and aggregations as JSON, one object per
//! line, for other tools to read. Pure functions from decoded values to
//! JSON; the session decides when each line is written.
//!
//! The schema (README.md, "JSON output", shows an example):
//!
//! - A probe firing's record:
//!   `{"type":"record","cpu":N,"id":N,"epid":N,"timestamp":N,
//!   "probe":{"provider":S,"module":S,"function":S,"name":S},"data":[...]}`
//!   where `id` is the probe id, `timestamp` the record's time in
//!   nanoseconds (the `timestamp` variable's clock) and `data` one item per
//!   output action, in order (see [`value`]). With `-q`, records with no
//!   data (a clause with no actions, or only `exit()`) are left out, as
//!   dtrace -q prints nothing for them.
//! - An aggregation entry, one line each, in the order dtrace prints them
//!   (the `aggsort*` options apply), at `printa()` (just after the record
//!   holding it) and at exit:
//!   `{"type":"aggregation","name":"@a","function":"count","keys":[...],"value":N}`;
//!   for `quantize`, `lquantize` and `llquantize` `"buckets":[{"min":N,
//!   "max":N,"count":N},...]` (the non-empty buckets, each with the range
//!   of values it counts, both ends included) instead of `"value"`. Values
//!   are what dtrace prints: `avg` the integer average, `stddev` DTrace's
//!   integer standard deviation, all divided by a `normalize()` factor.
//!   The anonymous aggregation `@` is named `@_`, as in DTrace.
//!
//! Types of the data items and keys:
//!
//! - integers are JSON numbers, sign- or zero-extended as their D type is
//!   signed or not. They are exact 64-bit values: a parser that reads
//!   numbers as doubles (JavaScript's `JSON.parse`) rounds those beyond
//!   2^53, so read them with one that keeps big integers;
//! - strings are JSON strings, up to their first NUL; bytes that are not
//!   UTF-8 become U+FFFD (lossy conversion);
//! - other by-value data (a struct traced whole, `tracemem()`) is
//!   `{"bytes":"HEX"}`, lowercase hex of every byte;
//! - `printf()` is `{"printf":"TEXT"}`, its formatted text; `printa()` is
//!   `{"printa":["@a",...]}` followed by the aggregations' lines;
//! - `stack()` is `{"stack":[FRAME,...]}`, `ustack()` `{"ustack":[FRAME,
//!   ...],"pid":N}`, each frame as dtrace prints it (`mod`sym+0x10` or an
//!   address `0x...`); `sym()` `{"sym":S}`, `mod()` `{"mod":S}`, and
//!   `usym()`, `umod()`, `uaddr()` the same with `"pid":N`.
//!
//! Errors, drops and notices stay on stderr as text.

use super::aggprint::{self, AggData, AggFunc, AggOpts, Aggregation};
use super::format::{self, FormatCtx};
use super::probes::Probe;
use super::value::{cstr, Value};
use serde_json::{json, Value as Json};

/// Appends `v` and a newline to `out`.
fn line(out: &mut Vec<u8>, v: &Json) {
    // Writing a `serde_json::Value` to a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, v);
    out.push(b'\n');
}

fn text(b: &[u8]) -> Json {
    Json::String(String::from_utf8_lossy(b).into_owned())
}

fn hex(b: &[u8]) -> String {
    use std::fmt::Write;
    b.iter().fold(String::with_capacity(b.len() * 2), |mut s, x| {
        let _ = write!(s, "{x:02x}");
        s
    })
}

/// One traced value or key. `string`: whether its D type is `string` (a
/// by-reference record is otherwise bytes).
pub fn value(v: &Value, string: bool, ctx: &FormatCtx) -> Json {
    match v {
        Value::Int { signed: true, .. } => json!(v.sext().unwrap_or(0)),
        Value::Int { .. } => json!(v.zext().unwrap_or(0)),
        Value::Bytes(b) if string => text(cstr(b)),
        Value::Bytes(b) => bytes(b),
        Value::Stack(pcs) => {
            let frames: Vec<String> =
                pcs.iter().take_while(|&&pc| pc != 0).map(|&pc| format::kernel_addr(pc, ctx)).collect();
            json!({ "stack": frames })
        }
        Value::UStack { pid, pcs } => {
            let frames: Vec<String> =
                pcs.iter().take_while(|&&pc| pc != 0).map(|&pc| format::user_addr(*pid, pc, ctx)).collect();
            json!({ "ustack": frames, "pid": pid })
        }
        Value::Sym(a) => json!({ "sym": format::kernel_sym(*a, ctx) }),
        Value::Mod(a) => json!({ "mod": format::kernel_mod(*a, ctx) }),
        Value::USym { pid, addr } => json!({ "usym": format::user_sym(*pid, *addr, ctx), "pid": pid }),
        Value::UMod { pid, addr } => json!({ "umod": format::user_mod(*pid, *addr, ctx), "pid": pid }),
        Value::UAddr { pid, addr } => json!({ "uaddr": format::user_addr(*pid, *addr, ctx), "pid": pid }),
    }
}

/// Raw data: `tracemem()`, or a traced object that is not a string.
pub fn bytes(b: &[u8]) -> Json {
    json!({ "bytes": hex(b) })
}

/// `printf()`'s formatted text.
pub fn printf(formatted: &[u8]) -> Json {
    json!({ "printf": text(formatted) })
}

/// `printa()` of these aggregations (names with their `@`).
pub fn printa(names: &[String]) -> Json {
    json!({ "printa": names })
}

/// What identifies a record: where and when it was made.
pub struct RecordHead<'a> {
    pub cpu: usize,
    pub epid: u32,
    pub probe: Option<&'a Probe>,
    pub timestamp: u64,
}

/// Appends a record's line to `out`.
pub fn record(out: &mut Vec<u8>, head: &RecordHead, data: Vec<Json>) {
    let probe = head.probe.map_or(
        Json::Null,
        |p| json!({ "provider": p.provider, "module": p.module, "function": p.function, "name": p.name }),
    );
    let v = json!({
        "type": "record",
        "cpu": head.cpu,
        "id": head.probe.map_or(0, |p| p.id),
        "epid": head.epid,
        "timestamp": head.timestamp,
        "probe": probe,
        "data": data,
    });
    line(out, &v);
}

/// The function's name, as written in D.
pub fn function_name(f: &AggFunc) -> &'static str {
    match f {
        AggFunc::Count => "count",
        AggFunc::Sum => "sum",
        AggFunc::Min => "min",
        AggFunc::Max => "max",
        AggFunc::Avg => "avg",
        AggFunc::Stddev => "stddev",
        AggFunc::Quantize => "quantize",
        AggFunc::Lquantize { .. } => "lquantize",
        AggFunc::Llquantize { .. } => "llquantize",
    }
}

/// The range of values bucket `i` of a distribution counts, both ends
/// included; `None` for a bucket the function does not have.
pub fn bucket_range(func: &AggFunc, i: usize) -> Option<(i64, i64)> {
    use aggprint::{quantize_bucket_value as qv, QUANTIZE_NBUCKETS, QUANTIZE_ZEROBUCKET};
    match *func {
        AggFunc::Quantize if i >= QUANTIZE_NBUCKETS => None,
        // Negative buckets are labelled by their end nearer zero: -4 counts
        // -7 to -4.
        AggFunc::Quantize if i < QUANTIZE_ZEROBUCKET => Some((if i == 0 { i64::MIN } else { qv(i - 1) + 1 }, qv(i))),
        AggFunc::Quantize => Some((qv(i), if i + 1 == QUANTIZE_NBUCKETS { i64::MAX } else { qv(i + 1) - 1 })),
        AggFunc::Lquantize { base, step, levels } => {
            let levels = usize::from(levels);
            let at = |i: usize| dtrace_core::agg::lquantize_value(i, base, step);
            match i {
                0 => Some((i64::MIN, i64::from(base) - 1)),
                i if i <= levels => Some((at(i), at(i + 1) - 1)),
                i if i == levels + 1 => Some((at(i), i64::MAX)),
                _ => None,
            }
        }
        AggFunc::Llquantize { factor, low, high, nsteps } => {
            let (bounds, over) = aggprint::llquantize_bounds(factor, low, high, nsteps);
            let first = bounds.first().copied().unwrap_or(over);
            match i {
                0 => Some((i64::MIN, first - 1)),
                i if i <= bounds.len() => Some((bounds[i - 1], bounds.get(i).copied().unwrap_or(over) - 1)),
                i if i == bounds.len() + 1 => Some((over, i64::MAX)),
                _ => None,
            }
        }
        _ => None,
    }
}

/// An entry's value as dtrace prints it (normalized by `normal`), or its
/// non-empty buckets; the key and JSON value to put in the line.
fn entry_value(func: &AggFunc, d: &AggData, normal: u64) -> (&'static str, Json) {
    let normal = normal.max(1);
    match d {
        // (long long)*(uint64_t *)addr / normal: an unsigned division, as
        // dtrace prints it.
        AggData::Scalar(v) => ("value", json!(((*v as u64) / normal) as i64)),
        AggData::Avg { count, total } => {
            let avg = if *count != 0 { total.wrapping_div(normal as i64).wrapping_div(*count as i64) } else { 0 };
            ("value", json!(avg))
        }
        AggData::Stddev { .. } => ("value", json!(aggprint::stddev(d, normal))),
        AggData::Buckets(b) => {
            let buckets: Vec<Json> = b
                .iter()
                .enumerate()
                .filter(|(_, &n)| n != 0)
                .filter_map(|(i, &n)| {
                    let (min, max) = bucket_range(func, i)?;
                    Some(json!({ "min": min, "max": max, "count": ((n as u64) / normal) as i64 }))
                })
                .collect();
            ("buckets", Json::Array(buckets))
        }
    }
}

/// Appends one line per entry of `agg` (called `name`, with its `@`) to
/// `out`, in dtrace's order. `strings[k]`: whether key `k` is a string.
pub fn aggregation(
    out: &mut Vec<u8>,
    agg: &Aggregation,
    name: &str,
    strings: &[bool],
    opts: &AggOpts,
    ctx: &FormatCtx,
) {
    for e in aggprint::sorted(agg, opts) {
        let keys: Vec<Json> =
            e.keys.iter().enumerate().map(|(k, v)| value(v, strings.get(k).copied().unwrap_or(false), ctx)).collect();
        let (field, v) = entry_value(&agg.func, &e.data, agg.normal);
        let mut obj = serde_json::Map::new();
        obj.insert("type".into(), json!("aggregation"));
        obj.insert("name".into(), json!(name));
        obj.insert("function".into(), json!(function_name(&agg.func)));
        obj.insert("keys".into(), Json::Array(keys));
        obj.insert(field.into(), v);
        line(out, &Json::Object(obj));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::consumer::aggprint::AggEntry;

    fn parse(out: &[u8]) -> Vec<Json> {
        std::str::from_utf8(out).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
    }

    #[test]
    fn values_are_typed() {
        let ctx = FormatCtx::default();
        assert_eq!(value(&Value::i64(-5), false, &ctx), json!(-5));
        assert_eq!(value(&Value::signed(-1, 1), false, &ctx), json!(-1));
        assert_eq!(value(&Value::unsigned(0xff, 1), false, &ctx), json!(255));
        // Beyond 2^53, exact.
        let big = value(&Value::u64(u64::MAX), false, &ctx);
        assert_eq!(serde_json::to_string(&big).unwrap(), "18446744073709551615");
        assert_eq!(value(&Value::string(b"a\"b\\\n", 16), true, &ctx), json!("a\"b\\\n"));
        // Not UTF-8: lossy; control characters escaped by serde_json.
        let s = value(&Value::string(b"\xff\x01x", 8), true, &ctx);
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"\u{fffd}\\u0001x\"");
        assert_eq!(value(&Value::Bytes(vec![0, 1, 0xab]), false, &ctx), json!({"bytes": "0001ab"}));
        assert_eq!(value(&Value::Stack(vec![0x10, 0x20, 0, 0]), false, &ctx), json!({"stack": ["0x10", "0x20"]}));
        assert_eq!(
            value(&Value::UStack { pid: 7, pcs: vec![0x30, 0] }, false, &ctx),
            json!({"ustack": ["0x30"], "pid": 7})
        );
        assert_eq!(value(&Value::Sym(0x40), false, &ctx), json!({"sym": "0x40"}));
        assert_eq!(value(&Value::UMod { pid: 1, addr: 0x50 }, false, &ctx), json!({"umod": "0x50", "pid": 1}));
        assert_eq!(printf(b"x\n"), json!({"printf": "x\n"}));
        assert_eq!(printa(&["@a".to_string()]), json!({"printa": ["@a"]}));
    }

    #[test]
    fn record_line() {
        let p =
            Probe { id: 1, provider: "dtrace".into(), module: "".into(), function: "".into(), name: "BEGIN".into() };
        let mut out = Vec::new();
        record(&mut out, &RecordHead { cpu: 0, epid: 2, probe: Some(&p), timestamp: 99 }, vec![json!(1)]);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "{\"type\":\"record\",\"cpu\":0,\"id\":1,\"epid\":2,\"timestamp\":99,\"probe\":{\"provider\":\"dtrace\",\
             \"module\":\"\",\"function\":\"\",\"name\":\"BEGIN\"},\"data\":[1]}\n"
        );
    }

    #[test]
    fn bucket_ranges() {
        use aggprint::QUANTIZE_ZEROBUCKET as Z;
        let q = AggFunc::Quantize;
        assert_eq!(bucket_range(&q, Z), Some((0, 0)));
        assert_eq!(bucket_range(&q, Z + 1), Some((1, 1)));
        assert_eq!(bucket_range(&q, Z + 2), Some((2, 3)));
        assert_eq!(bucket_range(&q, Z - 1), Some((-1, -1)));
        assert_eq!(bucket_range(&q, Z - 3), Some((-7, -4)));
        assert_eq!(bucket_range(&q, 0).map(|r| r.0), Some(i64::MIN));
        assert_eq!(bucket_range(&q, 126).map(|r| r.1), Some(i64::MAX));
        assert_eq!(bucket_range(&q, 127), None);
        let l = AggFunc::Lquantize { base: 0, step: 10, levels: 3 };
        assert_eq!(bucket_range(&l, 0), Some((i64::MIN, -1)));
        assert_eq!(bucket_range(&l, 1), Some((0, 9)));
        assert_eq!(bucket_range(&l, 3), Some((20, 29)));
        assert_eq!(bucket_range(&l, 4), Some((30, i64::MAX)));
        assert_eq!(bucket_range(&l, 5), None);
        // factor 10, 10^0 to 10^1, 10 steps: 1..9 one each, then 10..99 by 10.
        let ll = AggFunc::Llquantize { factor: 10, low: 0, high: 1, nsteps: 10 };
        assert_eq!(bucket_range(&ll, 0), Some((i64::MIN, 0)));
        assert_eq!(bucket_range(&ll, 1), Some((1, 1)));
        assert_eq!(bucket_range(&ll, 10), Some((10, 19)));
        assert_eq!(bucket_range(&ll, 18), Some((90, 99)));
        assert_eq!(bucket_range(&ll, 19), Some((100, i64::MAX)));
        assert_eq!(bucket_range(&ll, 20), None);
        // Every bucket's range follows the previous one.
        for f in [q, l, ll] {
            let ranges: Vec<(i64, i64)> = (0..).map_while(|i| bucket_range(&f, i)).collect();
            assert_eq!(ranges.len(), aggprint::nbuckets(&f));
            for w in ranges.windows(2) {
                assert_eq!(w[0].1 + 1, w[1].0, "{f:?}");
            }
        }
    }

    #[test]
    fn aggregation_lines() {
        let agg = Aggregation {
            id: 1,
            func: AggFunc::Avg,
            normal: 1,
            entries: vec![
                AggEntry { keys: vec![Value::string(b"b", 8)], data: AggData::Avg { count: 2, total: 7 } },
                AggEntry { keys: vec![Value::string(b"a", 8)], data: AggData::Avg { count: 1, total: 1 } },
            ],
        };
        let mut out = Vec::new();
        aggregation(&mut out, &agg, "@a", &[true], &AggOpts::default(), &FormatCtx::default());
        assert_eq!(
            parse(&out),
            [
                json!({"type": "aggregation", "name": "@a", "function": "avg", "keys": ["a"], "value": 1}),
                json!({"type": "aggregation", "name": "@a", "function": "avg", "keys": ["b"], "value": 3}),
            ]
        );
        let mut b = vec![0i64; aggprint::QUANTIZE_NBUCKETS];
        b[aggprint::QUANTIZE_ZEROBUCKET + 2] = 4;
        let q = Aggregation {
            id: 2,
            func: AggFunc::Quantize,
            normal: 2,
            entries: vec![AggEntry { keys: vec![], data: AggData::Buckets(b) }],
        };
        let mut out = Vec::new();
        aggregation(&mut out, &q, "@_", &[], &AggOpts::default(), &FormatCtx::default());
        assert_eq!(
            parse(&out),
            [json!({"type": "aggregation", "name": "@_", "function": "quantize", "keys": [],
                "buckets": [{"min": 2, "max": 3, "count": 2}]})]
        );
    }
}
