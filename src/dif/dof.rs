//! The DOF writer: a [`Program`] becomes DOF version 2 bytes (LP64,
//! little-endian) that [`dtrace_core::dof::parse`] reads back to an equal
//! program. Pure: no I/O, no failure.
//!
//! Layout: the header, the section headers, then each section's data at
//! its alignment, all loadable. Sections are emitted in this order: one
//! string table for probe descriptions (strings shared), the format table
//! (every [`Program::formats`] entry in order, each NUL-terminated, so the
//! parser recovers the same 1-based indices), then per ECB its probe
//! description, its predicate's DIFO, its actions' DIFOs, its action array
//! and its ECB description, and finally the options. A DIFO is its tables
//! (DIF, and integer, string and variable tables when not empty) followed
//! by its DIFO header linking them. The section formats are in
//! [`dtrace_core::dof`].
//!
//! Each action's `uarg` is written as the code generator set it: the
//! aggregation's id for aggregating actions and the actions on an
//! aggregation, and for `printa()` also the statement's number in the high
//! half ([`dtrace_core::dof::printa_uarg`]), which is how the consumer
//! joins `printa(@a, @b)` and keeps `printa(@a); printa(@b);` apart.
//!
//! Writing never fails. A program that breaks the model's rules (a format
//! index out of range, a printf without a format, an invalid DIFO, names
//! too long) gives DOF that `parse` rejects; names or formats containing
//! NUL bytes are cut at the NUL.

use std::collections::HashMap;

use crate::dif::codegen::ActionCode;
use dtrace_core::difo::{DifType, Difo};
use dtrace_core::dof::{
    is_printf_like, layout, sect, Action, ProbeDesc, Program, ACTDESC_SIZE, DIFV_SIZE, DOF_ENCODE_LSB, DOF_MAGIC,
    DOF_MODEL_LP64, DOF_SECF_LOAD, DOF_SECIDX_NONE, DOF_VERSION, HDR_SIZE, SEC_SIZE,
};
use dtrace_core::isa::{DIF_VERSION, NREGS, NTREGS};

/// One section being built.
struct Section {
    kind: u32,
    data: Vec<u8>,
}

/// Sections under construction, indexed as they will be in the file.
#[derive(Default)]
struct Writer {
    secs: Vec<Section>,
    /// The probe-description string table: contents and where each string
    /// already is.
    names: Vec<u8>,
    name_at: HashMap<String, u32>,
}

impl Writer {
    fn push(&mut self, kind: u32, data: Vec<u8>) -> u32 {
        self.secs.push(Section { kind, data });
        (self.secs.len() - 1) as u32
    }

    fn name(&mut self, s: &str) -> u32 {
        if let Some(&at) = self.name_at.get(s) {
            return at;
        }
        let at = self.names.len() as u32;
        self.names.extend_from_slice(s.as_bytes());
        self.names.push(0);
        self.name_at.insert(s.to_string(), at);
        at
    }

    /// Emits `difo`'s tables and header; returns the header's index.
    fn difo(&mut self, difo: &Difo) -> u32 {
        let mut links = vec![self.push(sect::DIF, difo.code.iter().flat_map(|w| w.to_le_bytes()).collect())];
        if !difo.inttab.is_empty() {
            links.push(self.push(sect::INTTAB, difo.inttab.iter().flat_map(|v| v.to_le_bytes()).collect()));
        }
        if !difo.strtab.is_empty() {
            links.push(self.push(sect::STRTAB, difo.strtab.clone()));
        }
        if !difo.vartab.is_empty() {
            let mut d = Vec::with_capacity(difo.vartab.len() * DIFV_SIZE as usize);
            for v in &difo.vartab {
                put32(&mut d, v.name);
                put32(&mut d, v.id);
                d.push(v.kind);
                d.push(v.scope);
                d.extend_from_slice(&v.flags.to_le_bytes());
                put_type(&mut d, &v.ty);
            }
            links.push(self.push(sect::VARTAB, d));
        }
        let mut h = Vec::with_capacity(8 + 4 * links.len());
        put_type(&mut h, &difo.rtype);
        for l in links {
            put32(&mut h, l);
        }
        self.push(sect::DIFOHDR, h)
    }
}

fn put32(d: &mut Vec<u8>, v: u32) {
    d.extend_from_slice(&v.to_le_bytes());
}

fn put64(d: &mut Vec<u8>, v: u64) {
    d.extend_from_slice(&v.to_le_bytes());
}

fn put_type(d: &mut Vec<u8>, t: &DifType) {
    d.extend_from_slice(&[t.kind, t.ckind, t.flags, 0]);
    put32(d, t.size);
}

/// A clause's probe description as DOF carries it: a probe id (`-i`
/// gives clauses numeric descriptions), or the four fields, counted from
/// the right as D counts them.
pub fn probe_desc(spec: &str) -> ProbeDesc {
    match spec.parse::<u32>() {
        Ok(id) => ProbeDesc { id, ..ProbeDesc::default() },
        Err(_) => {
            let d = crate::parser::pdesc::parse(spec).unwrap_or_default();
            ProbeDesc { id: 0, provider: d.provider, module: d.module, function: d.function, name: d.name }
        }
    }
}

/// A generated clause's actions as DOF actions. Format indexes move up by
/// `format_base`, the formats of the programs before this one in the same
/// DOF.
pub fn actions(code: &[ActionCode], format_base: u64) -> Vec<Action> {
    code.iter()
        .map(|a| Action {
            kind: a.kind,
            difo: a.difo.clone(),
            ntuple: a.ntuple,
            arg: if is_printf_like(a.kind) && a.arg != 0 { a.arg + format_base } else { a.arg },
            uarg: a.uarg,
        })
        .collect()
}

/// Encodes `program` as DOF.
pub fn write(program: &Program) -> Vec<u8> {
    let mut w = Writer::default();
    let names = (!program.ecbs.is_empty()).then(|| w.push(sect::STRTAB, Vec::new()));
    let mut format_at = Vec::with_capacity(program.formats.len());
    let formats = (!program.formats.is_empty()).then(|| {
        let mut d = Vec::new();
        for f in &program.formats {
            format_at.push(d.len() as u64);
            d.extend_from_slice(f);
            d.push(0);
        }
        w.push(sect::STRTAB, d)
    });
    for ecb in &program.ecbs {
        let p = &ecb.probe;
        let mut pd = Vec::with_capacity(24);
        put32(&mut pd, names.unwrap_or(DOF_SECIDX_NONE));
        for s in [&p.provider, &p.module, &p.function, &p.name] {
            let at = w.name(s);
            put32(&mut pd, at);
        }
        put32(&mut pd, p.id);
        let probe = w.push(sect::PROBEDESC, pd);
        let pred = ecb.pred.as_ref().map_or(DOF_SECIDX_NONE, |d| w.difo(d));
        let actions = if ecb.actions.is_empty() {
            DOF_SECIDX_NONE
        } else {
            let mut ad = Vec::with_capacity(ecb.actions.len() * ACTDESC_SIZE as usize);
            for a in &ecb.actions {
                let difo = a.difo.as_ref().map_or(DOF_SECIDX_NONE, |d| w.difo(d));
                // Printf-like actions point at their format in the format
                // table; an index that does not exist gets an offset that
                // cannot, so the parser rejects it.
                let (strtab, arg) = if !is_printf_like(a.kind) || a.arg == 0 {
                    (DOF_SECIDX_NONE, a.arg)
                } else {
                    let at = usize::try_from(a.arg - 1).ok().and_then(|i| format_at.get(i));
                    (formats.unwrap_or(DOF_SECIDX_NONE), at.copied().unwrap_or(u64::MAX))
                };
                put32(&mut ad, difo);
                put32(&mut ad, strtab);
                put32(&mut ad, u32::from(a.kind));
                put32(&mut ad, a.ntuple);
                put64(&mut ad, arg);
                put64(&mut ad, a.uarg);
            }
            w.push(sect::ACTDESC, ad)
        };
        let mut ed = Vec::with_capacity(24);
        put32(&mut ed, probe);
        put32(&mut ed, pred);
        put32(&mut ed, actions);
        put32(&mut ed, 0);
        put64(&mut ed, ecb.uarg);
        w.push(sect::ECBDESC, ed);
    }
    if !program.options.is_empty() {
        let mut od = Vec::with_capacity(program.options.len() * 16);
        for &(option, value) in &program.options {
            put32(&mut od, option);
            put32(&mut od, DOF_SECIDX_NONE);
            put64(&mut od, value);
        }
        w.push(sect::OPTDESC, od);
    }
    if let Some(i) = names {
        w.secs[i as usize].data = std::mem::take(&mut w.names);
    }
    assemble(&w.secs)
}

/// Lays out the header, section headers and section data.
fn assemble(secs: &[Section]) -> Vec<u8> {
    let secoff = HDR_SIZE;
    let mut at = secoff + SEC_SIZE * secs.len() as u64;
    let mut placed = Vec::with_capacity(secs.len());
    for s in secs {
        let (align, entsize) = layout(s.kind).unwrap_or((1, 0));
        at = at.next_multiple_of(u64::from(align));
        placed.push((at, align, entsize));
        at += s.data.len() as u64;
    }
    let total = at;
    let mut out = Vec::with_capacity(total as usize);
    out.extend_from_slice(&DOF_MAGIC);
    out.extend_from_slice(&[DOF_MODEL_LP64, DOF_ENCODE_LSB, DOF_VERSION, DIF_VERSION, NREGS, NTREGS]);
    out.resize(16, 0);
    put32(&mut out, 0); // flags
    put32(&mut out, HDR_SIZE as u32);
    put32(&mut out, SEC_SIZE as u32);
    put32(&mut out, secs.len() as u32);
    put64(&mut out, secoff);
    put64(&mut out, total); // loadsz: everything is loadable
    put64(&mut out, total); // filesz
    put64(&mut out, 0); // pad
    for (s, &(offset, align, entsize)) in secs.iter().zip(&placed) {
        put32(&mut out, s.kind);
        put32(&mut out, align);
        put32(&mut out, DOF_SECF_LOAD);
        put32(&mut out, entsize);
        put64(&mut out, offset);
        put64(&mut out, s.data.len() as u64);
    }
    for (s, &(offset, _, _)) in secs.iter().zip(&placed) {
        out.resize(offset as usize, 0);
        out.extend_from_slice(&s.data);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use dtrace_core::difo::DifVar;
    use dtrace_core::dof::{parse, Action, DofError, Ecb, Limits, ProbeDesc};
    use dtrace_core::isa::opt::DTRACEOPT_UNSET;
    use dtrace_core::isa::{act, diftype, difv, Instr, Op};
    use dtrace_core::validate::{validate, DifError};

    /// Deterministic generator (xorshift64*) so every run tests the same
    /// programs.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
        }
        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
        fn chance(&mut self, percent: u64) -> bool {
            self.below(100) < percent
        }
        fn word(&mut self, max: u64) -> String {
            let n = self.below(max + 1);
            (0..n).map(|_| (b'a' + self.below(26) as u8) as char).collect()
        }
    }

    const INT: DifType = DifType { kind: diftype::CTF, ckind: 1, flags: 0, size: 8 };
    const STR: DifType = DifType { kind: diftype::STRING, ckind: 0, flags: diftype::F_BYREF, size: 256 };

    /// A random valid DIFO: constants, strings, variables, arithmetic and
    /// forward branches, ending in `ret`.
    fn gen_difo(r: &mut Rng) -> Difo {
        let mut d = Difo { rtype: if r.chance(20) { STR } else { INT }, ..Default::default() };
        for _ in 0..r.below(4) {
            d.inttab.push(r.next());
        }
        let mut strings = Vec::new();
        for _ in 0..r.below(4) {
            strings.push(d.strtab.len() as u16);
            d.strtab.extend_from_slice(r.word(12).as_bytes());
            d.strtab.push(0);
        }
        let scopes = [
            (difv::SCOPE_GLOBAL, difv::KIND_SCALAR, Op::Ldgs, Op::Stgs),
            (difv::SCOPE_THREAD, difv::KIND_SCALAR, Op::Ldts, Op::Stts),
            (difv::SCOPE_LOCAL, difv::KIND_SCALAR, Op::Ldls, Op::Stls),
            (difv::SCOPE_GLOBAL, difv::KIND_ARRAY, Op::Ldgaa, Op::Stgaa),
            (difv::SCOPE_THREAD, difv::KIND_ARRAY, Op::Ldtaa, Op::Sttaa),
        ];
        let mut vars = Vec::new();
        for (n, &(scope, kind, ld, st)) in scopes.iter().enumerate() {
            if r.chance(40) {
                let name = d.strtab.len() as u32;
                d.strtab.extend_from_slice(format!("v{n}").as_bytes());
                d.strtab.push(0);
                let id = 0x500 + 8 * n as u32 + r.below(8) as u32;
                let ty = if r.chance(30) { STR } else { INT };
                d.vartab.push(DifVar { name, id, kind, scope, flags: difv::F_REF | difv::F_MOD, ty });
                vars.push((id as u16, ld, st));
            }
        }
        let len = 1 + r.below(30) as usize;
        let reg = |r: &mut Rng| 1 + r.below(7) as u8;
        for pc in 0..len - 1 {
            let i = match r.below(8) {
                0 if !d.inttab.is_empty() => Instr::table(Op::Setx, r.below(d.inttab.len() as u64) as u16, reg(r)),
                1 if !strings.is_empty() => {
                    Instr::table(Op::Sets, strings[r.below(strings.len() as u64) as usize], reg(r))
                }
                2 if !vars.is_empty() => {
                    let (id, ld, st) = vars[r.below(vars.len() as u64) as usize];
                    Instr::table(if r.chance(50) { ld } else { st }, id, reg(r))
                }
                3 => {
                    let target = pc as u64 + 1 + r.below((len - pc - 1) as u64);
                    Instr::branch(Op::Bne, target as u32)
                }
                4 => Instr::table(Op::Call, r.below(50) as u16, reg(r)),
                5 => Instr::alu(Op::Cmp, reg(r), reg(r), 0),
                _ => Instr::alu(
                    [Op::Add, Op::Sub, Op::Mul, Op::And, Op::Sra][r.below(5) as usize],
                    reg(r),
                    reg(r),
                    reg(r),
                ),
            };
            d.code.push(i.0);
        }
        d.code.push(Instr::alu(Op::Ret, 0, 0, reg(r)).0);
        d
    }

    fn gen_program(r: &mut Rng) -> Program {
        let mut p = Program::default();
        for _ in 0..r.below(6) {
            p.formats.push(format!("{} %d\\n", r.word(10)).into_bytes());
        }
        let kinds = [
            act::DIFEXPR,
            act::EXIT,
            act::PRINTF,
            act::PRINTA,
            act::LIBACT,
            act::TRACEMEM,
            act::USTACK,
            act::STACK,
            act::SPECULATE,
            act::COMMIT,
            act::DISCARD,
            act::SYSTEM,
            act::FREOPEN,
            act::AGG_COUNT,
            act::AGG_SUM,
            act::AGG_QUANTIZE,
            act::AGG_LQUANTIZE,
            act::AGG_LLQUANTIZE,
        ];
        let providers = ["dtrace", "profile", "syscall", "fbt", ""];
        for _ in 0..r.below(5) {
            let probe = ProbeDesc {
                id: if r.chance(20) { r.below(1000) as u32 } else { 0 },
                provider: providers[r.below(providers.len() as u64) as usize].to_string(),
                module: r.word(6),
                function: r.word(20),
                name: ["BEGIN", "END", "tick-1s", "entry", ""][r.below(5) as usize].to_string(),
            };
            let mut e = Ecb { probe, uarg: r.next(), ..Default::default() };
            if r.chance(40) {
                e.pred = Some(gen_difo(r));
            }
            for _ in 0..r.below(6) {
                let mut kind = kinds[r.below(kinds.len() as u64) as usize];
                let mut a = Action { kind, uarg: r.next(), ..Default::default() };
                if is_printf_like(kind) {
                    if p.formats.is_empty() {
                        kind = act::DIFEXPR;
                        a.kind = kind;
                    } else {
                        a.arg = 1 + r.below(p.formats.len() as u64);
                    }
                    if kind == act::PRINTA && r.chance(30) {
                        a.arg = 0;
                    }
                } else {
                    a.arg = r.next();
                }
                if kind >= act::AGG_COUNT {
                    // Keys first, as the code generator emits them.
                    let keys = r.below(3) as u32;
                    for _ in 0..keys {
                        // A value, or a stack or symbol key (no DIFO for a stack).
                        let key = match r.below(4) {
                            0 => Action { kind: act::STACK, arg: r.below(30), ..Default::default() },
                            1 => Action { kind: act::USYM, difo: Some(gen_difo(r)), ..Default::default() },
                            _ => Action { kind: act::DIFEXPR, difo: Some(gen_difo(r)), ..Default::default() },
                        };
                        e.actions.push(key);
                    }
                    a.ntuple = keys;
                }
                if kind != act::EXIT || r.chance(50) {
                    a.difo = Some(gen_difo(r));
                }
                e.actions.push(a);
            }
            p.ecbs.push(e);
        }
        for _ in 0..r.below(4) {
            p.options.push((r.below(32) as u32, r.below(1 << 20)));
        }
        // Formats travel with the actions that use them; keep only
        // programs where each one is used, or none are kept.
        let used =
            |i: usize| p.ecbs.iter().flat_map(|e| &e.actions).any(|a| is_printf_like(a.kind) && a.arg == i as u64 + 1);
        if !(0..p.formats.len()).all(used) {
            let printf_free = p.ecbs.iter().flat_map(|e| &e.actions).all(|a| !is_printf_like(a.kind) || a.arg == 0);
            if printf_free {
                p.formats.clear();
            } else {
                // Point the first printf at every format in turn by adding
                // printf actions to the first ECB.
                let n = p.formats.len() as u64;
                let first = &mut p.ecbs[0];
                for i in 1..=n {
                    first.actions.push(Action { kind: act::PRINTF, arg: i, ..Default::default() });
                }
            }
        }
        p
    }

    #[test]
    fn generated_difos_are_valid() {
        let mut r = Rng(7);
        for _ in 0..2000 {
            let d = gen_difo(&mut r);
            assert_eq!(validate(&d, &Limits::default()), Ok(()), "{d:?}");
        }
    }

    #[test]
    fn programs_round_trip() {
        let mut r = Rng(0x5eed);
        let limits = Limits::default();
        let mut kinds = std::collections::HashSet::new();
        for n in 0..600 {
            let p = gen_program(&mut r);
            let bytes = write(&p);
            let back = parse(&bytes, &limits).unwrap_or_else(|e| panic!("program {n}: {e}\n{p:?}"));
            assert_eq!(back, p, "program {n}");
            assert_eq!(write(&back), bytes, "program {n}: bytes are stable");
            kinds.extend(p.ecbs.iter().flat_map(|e| &e.actions).map(|a| a.kind));
        }
        assert!(kinds.len() >= 15, "{kinds:?}");
    }

    #[test]
    fn empty_program_round_trips() {
        let p = Program::default();
        let bytes = write(&p);
        assert_eq!(bytes.len(), 64);
        assert_eq!(parse(&bytes, &Limits::default()), Ok(p));
    }

    // ---- malformed DOF ----

    /// A small valid program with a predicate, a printf, an aggregation
    /// with a key, and an option.
    fn base() -> Program {
        let ret1 = |v: u64| Difo {
            code: vec![Instr::table(Op::Setx, 0, 1).0, Instr::alu(Op::Ret, 0, 0, 1).0],
            inttab: vec![v],
            rtype: INT,
            ..Default::default()
        };
        let with_var = Difo {
            code: vec![Instr::table(Op::Ldgs, 0x500, 1).0, Instr::alu(Op::Ret, 0, 0, 1).0],
            strtab: b"x\0".to_vec(),
            vartab: vec![DifVar { name: 0, id: 0x500, kind: 1, scope: 0, flags: 1, ty: INT }],
            rtype: INT,
            ..Default::default()
        };
        Program {
            ecbs: vec![Ecb {
                probe: ProbeDesc {
                    id: 0,
                    provider: "profile".into(),
                    module: "".into(),
                    function: "".into(),
                    name: "tick-1s".into(),
                },
                pred: Some(with_var),
                actions: vec![
                    Action { kind: act::PRINTF, difo: Some(ret1(1)), arg: 1, ..Default::default() },
                    Action { kind: act::DIFEXPR, difo: Some(ret1(2)), ..Default::default() },
                    Action { kind: act::AGG_COUNT, ntuple: 1, uarg: 1, ..Default::default() },
                ],
                uarg: 0,
            }],
            options: vec![(0, 4 << 20)],
            formats: vec![b"%d\n".to_vec()],
        }
    }

    /// Section headers of `dof`: (type, offset, size) by index.
    fn sections(dof: &[u8]) -> Vec<(u32, usize, usize)> {
        let n = u32::from_le_bytes(dof[28..32].try_into().unwrap()) as usize;
        (0..n)
            .map(|i| {
                let h = &dof[64 + 32 * i..96 + 32 * i];
                let kind = u32::from_le_bytes(h[0..4].try_into().unwrap());
                let off = u64::from_le_bytes(h[16..24].try_into().unwrap()) as usize;
                let size = u64::from_le_bytes(h[24..32].try_into().unwrap()) as usize;
                (kind, off, size)
            })
            .collect()
    }

    /// Index of the `nth` section of `kind`.
    fn find(dof: &[u8], kind: u32, nth: usize) -> usize {
        sections(dof).iter().enumerate().filter(|(_, s)| s.0 == kind).nth(nth).unwrap().0
    }

    /// In-place patches; methods so that `d.set32(data(d, ..), v)` borrows
    /// `d` for the offset first.
    trait Patch {
        fn set32(&mut self, at: usize, v: u32);
        fn set64(&mut self, at: usize, v: u64);
    }

    impl Patch for Vec<u8> {
        fn set32(&mut self, at: usize, v: u32) {
            self[at..at + 4].copy_from_slice(&v.to_le_bytes());
        }
        fn set64(&mut self, at: usize, v: u64) {
            self[at..at + 8].copy_from_slice(&v.to_le_bytes());
        }
    }

    /// Byte offset of field `field` of section header `i`.
    fn hdr(i: usize, field: usize) -> usize {
        64 + 32 * i + field
    }

    /// Byte offset of `at` within the data of section `i`.
    fn data(dof: &[u8], i: usize, at: usize) -> usize {
        sections(dof)[i].1 + at
    }

    fn rejects(patch: impl FnOnce(&mut Vec<u8>), want: DofError) {
        rejects_program(&base(), patch, want);
    }

    fn rejects_program(p: &Program, patch: impl FnOnce(&mut Vec<u8>), want: DofError) {
        let mut dof = write(p);
        patch(&mut dof);
        assert_eq!(parse(&dof, &Limits::default()), Err(want));
    }

    #[test]
    fn base_is_valid() {
        let dof = write(&base());
        assert_eq!(parse(&dof, &Limits::default()), Ok(base()));
    }

    #[test]
    fn rejects_truncated_dof() {
        let dof = write(&base());
        let l = Limits::default();
        assert_eq!(parse(&dof[..63], &l), Err(DofError::Truncated { need: 64, have: 63 }));
        let n = dof.len() as u64;
        assert_eq!(parse(&dof[..dof.len() - 1], &l), Err(DofError::Truncated { need: n, have: n - 1 }));
    }

    #[test]
    fn rejects_bad_identification() {
        rejects(|d| d[1] = b'E', DofError::BadMagic);
        rejects(|d| d[4] = 1, DofError::BadModel(1));
        rejects(|d| d[5] = 2, DofError::BadEncoding(2));
        rejects(|d| d[6] = 1, DofError::BadVersion(1));
        rejects(|d| d[6] = 3, DofError::BadVersion(3));
        rejects(|d| d[7] = 1, DofError::BadDifVersion(1));
        rejects(|d| d[8] = 9, DofError::BadRegisters { integer: 9, tuple: 8 });
        rejects(|d| d[9] = 16, DofError::BadRegisters { integer: 8, tuple: 16 });
        rejects(|d| d[12] = 1, DofError::BadIdentPad);
        rejects(|d| d[60] = 1, DofError::BadIdentPad);
        rejects(|d| d.set32(16, 1), DofError::BadFlags(1));
        rejects(|d| d.set32(20, 60), DofError::BadHeaderSize(60));
        rejects(|d| d.set32(24, 24), DofError::BadSectionHeaderSize(24));
    }

    #[test]
    fn rejects_bad_sizes_and_section_table() {
        let len = write(&base()).len() as u64;
        rejects(|d| d.set64(48, len - 8), DofError::BadLoadSize { loadsz: len, filesz: len - 8 });
        rejects(|d| d.set64(40, 32), DofError::BadLoadSize { loadsz: 32, filesz: len });
        rejects(|d| d.set64(32, 68), DofError::BadSectionTable);
        rejects(|d| d.set64(32, 0), DofError::BadSectionTable);
        rejects(|d| d.set64(32, len), DofError::BadSectionTable);
        rejects(|d| d.set32(28, u32::MAX), DofError::BadSectionTable);
        let small = Limits { max_dof_size: 100, ..Limits::default() };
        assert_eq!(parse(&write(&base()), &small), Err(DofError::TooLarge { size: len, max: 100 }));
    }

    #[test]
    fn rejects_bad_section_headers() {
        let dof = write(&base());
        let ecb = find(&dof, sect::ECBDESC, 0) as u32;
        let e = ecb as usize;
        let strtab = find(&dof, sect::STRTAB, 0);
        let len = dof.len() as u64;
        rejects(|d| d.set32(hdr(e, 0), 99), DofError::UnknownSection { section: ecb, kind: 99 });
        rejects(|d| d.set32(hdr(e, 0), sect::RELTAB), DofError::UnsupportedSection { section: ecb, kind: 10 });
        rejects(|d| d.set32(hdr(e, 0), sect::PROVIDER), DofError::UnsupportedSection { section: ecb, kind: 15 });
        rejects(|d| d.set32(hdr(e, 8), 0), DofError::BadSectionFlags { section: ecb, flags: 0 });
        rejects(|d| d.set32(hdr(e, 8), 3), DofError::BadSectionFlags { section: ecb, flags: 3 });
        rejects(|d| d.set32(hdr(e, 4), 3), DofError::BadAlignment { section: ecb, align: 3 });
        rejects(|d| d.set32(hdr(e, 4), 4), DofError::BadAlignment { section: ecb, align: 4 });
        rejects(|d| d.set32(hdr(e, 12), 24), DofError::BadEntrySize { section: ecb, entsize: 24 });
        rejects(|d| d.set64(hdr(e, 16), data(d, e, 4) as u64), DofError::Misaligned { section: ecb });
        rejects(|d| d.set64(hdr(e, 16), len), DofError::SectionOutOfBounds { section: ecb });
        rejects(|d| d.set64(hdr(e, 24), u64::MAX - 7), DofError::SectionOutOfBounds { section: ecb });
        rejects(|d| d.set64(hdr(e, 24), 32), DofError::BadSectionSize { section: ecb, size: 32 });
        // Over the file header, over another section.
        rejects(|d| d.set64(hdr(e, 16), 0), DofError::Overlap { section: ecb, other: DOF_SECIDX_NONE });
        let opt = find(&dof, sect::OPTDESC, 0) as u32;
        rejects(
            |d| {
                let at = sections(d)[e].1 as u64;
                d.set64(hdr(opt as usize, 16), at);
            },
            DofError::Overlap { section: opt.max(ecb), other: opt.min(ecb) },
        );
        // A string table whose last byte is not NUL.
        rejects(
            |d| {
                let (_, off, size) = sections(d)[strtab];
                d[off + size - 1] = b'x';
            },
            DofError::UnterminatedStrtab { section: strtab as u32 },
        );
        let act = find(&dof, sect::ACTDESC, 0) as u32;
        rejects(|d| d.set64(hdr(act as usize, 24), 40), DofError::BadSectionSize { section: act, size: 40 });
        let few = Limits { max_actions: 2, ..Limits::default() };
        assert_eq!(parse(&dof, &few), Err(DofError::TooManyActions { section: act, count: 3, max: 2 }));
    }

    #[test]
    fn rejects_bad_links() {
        let dof = write(&base());
        let e = find(&dof, sect::ECBDESC, 0);
        let ecb = e as u32;
        let probe = find(&dof, sect::PROBEDESC, 0) as u32;
        rejects(|d| d.set32(data(d, e, 0), 999), DofError::BadLink { section: ecb, link: 999 });
        rejects(|d| d.set32(data(d, e, 0), DOF_SECIDX_NONE), DofError::BadLink { section: ecb, link: u32::MAX });
        rejects(
            |d| d.set32(data(d, e, 0), ecb),
            DofError::WrongLinkType { section: ecb, link: ecb, expected: sect::PROBEDESC, found: sect::ECBDESC },
        );
        rejects(
            |d| d.set32(data(d, e, 4), probe),
            DofError::WrongLinkType { section: ecb, link: probe, expected: sect::DIFOHDR, found: sect::PROBEDESC },
        );
        rejects(
            |d| d.set32(data(d, e, 8), probe),
            DofError::WrongLinkType { section: ecb, link: probe, expected: sect::ACTDESC, found: sect::PROBEDESC },
        );
        rejects(|d| d.set32(data(d, e, 12), 1), DofError::Reserved { section: ecb });
        // A link to a section that is present but not loaded.
        let names = find(&dof, sect::STRTAB, 0);
        rejects(
            |d| {
                d.set32(hdr(names, 0), sect::COMMENTS);
                d.set32(hdr(names, 8), 0);
            },
            DofError::BadLink { section: probe, link: names as u32 },
        );
    }

    #[test]
    fn rejects_bad_probe_descriptions() {
        let dof = write(&base());
        let p = find(&dof, sect::PROBEDESC, 0);
        let names = find(&dof, sect::STRTAB, 0) as u32;
        let names_len = sections(&dof)[names as usize].2 as u64;
        rejects(
            |d| d.set32(data(d, p, 16), names_len as u32),
            DofError::BadStringOffset { section: names, offset: names_len },
        );
        rejects(
            |d| {
                let at = data(d, names as usize, 0);
                d[at] = 0xff;
            },
            DofError::NotUtf8 { section: p as u32 },
        );
        let mut long = base();
        long.ecbs[0].probe.function = "f".repeat(128);
        let dof = write(&long);
        assert_eq!(
            parse(&dof, &Limits::default()),
            Err(DofError::NameTooLong { section: p as u32, len: 128, max: 127 })
        );
        long.ecbs[0].probe.function.pop();
        assert_eq!(parse(&write(&long), &Limits::default()), Ok(long));
    }

    #[test]
    fn rejects_bad_difos() {
        let dof = write(&base());
        let h = find(&dof, sect::DIFOHDR, 0);
        let hs = h as u32;
        let dif = find(&dof, sect::DIF, 0);
        let ecb = find(&dof, sect::ECBDESC, 0) as u32;
        // Links start after the 8-byte return type: DIF, STRTAB, VARTAB.
        rejects(|d| d.set32(data(d, h, 8), 999), DofError::BadLink { section: hs, link: 999 });
        rejects(|d| d.set32(data(d, h, 8), ecb), DofError::BadDifoTable { section: hs, link: ecb });
        rejects(|d| d.set32(data(d, h, 12), dif as u32), DofError::DuplicateDifoTable { section: hs, kind: sect::DIF });
        // Shrink the header to one link, the string table: no DIF left.
        rejects(
            |d| {
                let s = u32::from_le_bytes(d[data(d, h, 12)..data(d, h, 16)].try_into().unwrap());
                d.set32(data(d, h, 8), s);
                d.set64(hdr(h, 24), 12);
            },
            DofError::MissingDif { section: hs },
        );
        rejects(
            |d| {
                let at = data(d, h, 3);
                d[at] = 1;
            },
            DofError::Reserved { section: hs },
        );
        let vt = find(&dof, sect::VARTAB, 0) as u32;
        rejects(
            |d| {
                let at = data(d, vt as usize, 15);
                d[at] = 1;
            },
            DofError::Reserved { section: vt },
        );
        let tiny = Limits { max_difo_size: 8, ..Limits::default() };
        assert_eq!(parse(&dof, &tiny), Err(DofError::DifoTooLarge { section: hs, size: 10, max: 8 }));
        // Bad instructions.
        let bad = |word: u32, error| {
            rejects(|d| d.set32(data(d, dif, 0), word), DofError::InvalidDifo { section: hs, error });
        };
        bad(0, DifError::BadOpcode { pc: 0, op: 0 });
        bad(Instr::branch(Op::Ba, 0).0, DifError::BackwardBranch { pc: 0, target: 0 });
        bad(Instr::alu(Op::Add, 1, 2, 9).0, DifError::BadRegister { pc: 0, reg: 9 });
        bad(Instr::table(Op::Ldgs, 0x501, 1).0, DifError::UndeclaredVariable { pc: 0, id: 0x501 });
        bad(Instr::table(Op::Setx, 0, 1).0, DifError::BadInteger { pc: 0, index: 0 });
        rejects(
            |d| d.set32(data(d, dif, 4), Instr::alu(Op::Nop, 0, 0, 0).0),
            DofError::InvalidDifo { section: hs, error: DifError::NoRet { pc: 1 } },
        );
    }

    #[test]
    fn rejects_bad_actions() {
        let dof = write(&base());
        let a = find(&dof, sect::ACTDESC, 0);
        let s = a as u32;
        let names = find(&dof, sect::STRTAB, 0) as u32;
        let at = |d: &[u8], i: usize, f: usize| data(d, a, 32 * i + f);
        rejects(|d| d.set32(at(d, 1, 8), 0x777), DofError::UnknownAction { section: s, index: 1, kind: 0x777 });
        rejects(|d| d.set32(at(d, 1, 8), 0x10001), DofError::UnknownAction { section: s, index: 1, kind: 0x10001 });
        // Format offset inside a format, past the table, in another table,
        // missing; a string table on a DIFEXPR.
        rejects(|d| d.set64(at(d, 0, 16), 1), DofError::BadFormat { section: s, index: 0 });
        rejects(|d| d.set64(at(d, 0, 16), 4), DofError::BadFormat { section: s, index: 0 });
        rejects(|d| d.set32(at(d, 0, 4), DOF_SECIDX_NONE), DofError::BadFormat { section: s, index: 0 });
        rejects(|d| d.set32(at(d, 1, 4), names), DofError::BadFormat { section: s, index: 1 });
        // Tuples: more keys than actions before, a key no key action
        // records (printf), ntuple on a non-aggregation.
        rejects(|d| d.set32(at(d, 2, 12), 3), DofError::BadTuple { section: s, index: 2 });
        rejects(|d| d.set32(at(d, 2, 12), 2), DofError::BadTuple { section: s, index: 2 });
        rejects(|d| d.set32(at(d, 1, 12), 1), DofError::BadTuple { section: s, index: 1 });
        // Two printfs whose formats sit in different string tables.
        let mut p = base();
        p.ecbs[0].actions.push(Action { kind: act::PRINTF, arg: 1, ..Default::default() });
        rejects_program(&p, |d| d.set32(at(d, 3, 4), names), DofError::BadFormat { section: s, index: 3 });
        let mut p = base();
        p.ecbs[0].actions[0].arg = 2;
        assert_eq!(parse(&write(&p), &Limits::default()), Err(DofError::BadFormat { section: s, index: 0 }));
        p.ecbs[0].actions[0].arg = 0;
        assert_eq!(parse(&write(&p), &Limits::default()), Err(DofError::BadFormat { section: s, index: 0 }));
        // An empty format is one (freopen("") has it).
        p.formats[0].clear();
        p.ecbs[0].actions[0].arg = 1;
        assert_eq!(parse(&write(&p), &Limits::default()).map(|q| q.formats), Ok(vec![Vec::new()]));
    }

    #[test]
    fn rejects_bad_options() {
        let dof = write(&base());
        let o = find(&dof, sect::OPTDESC, 0);
        let s = o as u32;
        rejects(|d| d.set32(data(d, o, 4), 0), DofError::BadOption { section: s, index: 0 });
        rejects(|d| d.set64(data(d, o, 8), DTRACEOPT_UNSET as u64), DofError::BadOption { section: s, index: 0 });
        rejects(|d| d.set64(hdr(o, 24), 8), DofError::BadSectionSize { section: s, size: 8 });
    }

    #[test]
    fn rejects_amplifying_reuse() {
        // One large predicate shared by many ECBs through patched links.
        let big = Difo {
            code: std::iter::repeat_n(Instr::alu(Op::Nop, 0, 0, 0).0, 16 * 1024)
                .chain([Instr::alu(Op::Ret, 0, 0, 0).0])
                .collect(),
            rtype: INT,
            ..Default::default()
        };
        let mut p = Program::default();
        for i in 0..200 {
            let probe = ProbeDesc { name: format!("p{i}"), ..Default::default() };
            p.ecbs.push(Ecb { probe, pred: (i == 0).then(|| big.clone()), ..Default::default() });
        }
        let mut dof = write(&p);
        assert_eq!(parse(&dof, &Limits::default()), Ok(p));
        let pred = find(&dof, sect::DIFOHDR, 0) as u32;
        for n in 0..200 {
            let e = find(&dof, sect::ECBDESC, n);
            let at = data(&dof, e, 4);
            dof.set32(at, pred);
        }
        assert_eq!(parse(&dof, &Limits::default()), Err(DofError::ExcessiveReuse));
    }

    /// Every prefix and every single-byte change of a valid DOF parses or
    /// fails cleanly.
    #[test]
    fn truncations_and_byte_flips_never_panic() {
        let mut r = Rng(99);
        let limits = Limits::default();
        for _ in 0..20 {
            let dof = write(&gen_program(&mut r));
            for n in 0..dof.len().min(400) {
                let _ = parse(&dof[..n], &limits);
            }
            for _ in 0..500 {
                let mut d = dof.clone();
                let i = r.below(d.len() as u64) as usize;
                d[i] ^= 1 << r.below(8);
                if let Ok(p) = parse(&d, &limits) {
                    // Whatever is accepted writes and reads back the same.
                    assert_eq!(parse(&write(&p), &limits), Ok(p));
                }
            }
        }
    }
}

/// The code generator's output for the pass corpus survives DOF: every
/// DIFO validates, and every program writes and reads back unchanged.
#[cfg(test)]
mod corpus {
    use super::*;
    use crate::dif::codegen::generate;
    use dtrace_core::dof::{parse, Ecb, Limits};
    use dtrace_core::validate::validate;

    #[test]
    fn pass_corpus_round_trips() {
        let limits = Limits::default();
        let mut programs = 0;
        for (path, ck) in crate::dif::pass_corpus() {
            let Ok(code) = generate(&ck) else { continue };
            let mut p = Program { formats: code.formats.clone(), ..Default::default() };
            for c in &code.clauses {
                let difos = c.pred.iter().chain(c.actions.iter().filter_map(|a| a.difo.as_ref()));
                for d in difos {
                    if let Err(e) = validate(d, &limits) {
                        panic!("{}: {e}\n{}", path.display(), crate::dif::dis::disassemble(d, "0"));
                    }
                }
                let actions = super::actions(&c.actions, 0);
                for spec in &c.probes {
                    let probe = probe_desc(spec);
                    p.ecbs.push(Ecb { probe, pred: c.pred.clone(), actions: actions.clone(), uarg: 0 });
                }
            }
            let bytes = write(&p);
            match parse(&bytes, &limits) {
                Ok(back) => assert!(back == p, "{}: program changed in DOF", path.display()),
                Err(e) => panic!("{}: {e}", path.display()),
            }
            programs += 1;
        }
        assert!(programs > 100, "only {programs} programs");
    }
}
