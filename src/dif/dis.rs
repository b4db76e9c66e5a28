//! The `-S` disassembler: one DIFO as dtrace(1) lists it on stderr.
//!
//! The layout is illumos libdtrace's `dt_dis`: a blank line, the header
//! `DIFO <title> returns <type>`, the column titles `OFF OPCODE
//! INSTRUCTION`, one line per instruction (`NN: xxxxxxxx    ` then the
//! mnemonic padded to four columns and its operands, with a `\t\t! `
//! comment naming a constant, string, variable or subroutine), and — when
//! the DIFO references variables — the `NAME ID KND SCP FLAG TYPE` table.
//! Types read like `D type (integer) (size 8)` or `string (unknown) by ref
//! (size 256)`.

use std::fmt::Write;

use dtrace_core::difo::{DifType, Difo};
use dtrace_core::isa::{diftype, difv, Instr, Op};

use crate::parser::builtins::{self, BuiltinKind};

/// CTF type kind names, by number, as the type column prints them.
const CTF_KINDS: [&str; 14] = [
    "unknown", "integer", "float", "pointer", "array", "function", "struct", "union", "enum", "forward", "typedef",
    "volatile", "const", "restrict",
];

/// Type flag: passed by reference to user memory (illumos
/// `DIF_TF_BYUREF`); never produced here, but printed if present.
const TF_BYUREF: u8 = 2;

/// `-S`: every DIFO of a compiled program, each clause's predicate before
/// its actions, titled by address as dtrace(1) does.
pub fn disassemble_program(code: &crate::dif::codegen::Compiled) -> String {
    let difos = code.clauses.iter().flat_map(|c| c.pred.iter().chain(c.actions.iter().filter_map(|a| a.difo.as_ref())));
    difos.map(|d| disassemble(d, &format!("{:p}", d))).collect()
}

/// Disassembles `difo`. `title` stands where dtrace(1) prints the DIFO's
/// address (`0x…`), so callers choose a stable label.
pub fn disassemble(difo: &Difo, title: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "\nDIFO {title} returns {}", type_string(&difo.rtype));
    let _ = writeln!(out, "{:<3} {:<8}    INSTRUCTION", "OFF", "OPCODE");
    for (pc, &word) in difo.code.iter().enumerate() {
        let _ = write!(out, "{pc:02}: {word:08x}    ");
        instruction(&mut out, difo, Instr(word));
        out.push('\n');
    }
    if !difo.vartab.is_empty() {
        let _ = writeln!(out, "\n{:<16} {:<4} {:<3} {:<3} {:<4} TYPE", "NAME", "ID", "KND", "SCP", "FLAG");
    }
    for v in &difo.vartab {
        let kind = match v.kind {
            difv::KIND_ARRAY => "arr".to_string(),
            difv::KIND_SCALAR => "scl".to_string(),
            k => k.to_string(),
        };
        let scope = match v.scope {
            difv::SCOPE_GLOBAL => "glb".to_string(),
            difv::SCOPE_THREAD => "tls".to_string(),
            difv::SCOPE_LOCAL => "loc".to_string(),
            s => s.to_string(),
        };
        // Flags as "/0x…/r/w" without the leading slash.
        let mut flags = String::new();
        let other = v.flags & !(difv::F_REF | difv::F_MOD);
        if other != 0 {
            let _ = write!(flags, "/0x{other:x}");
        }
        if v.flags & difv::F_REF != 0 {
            flags.push_str("/r");
        }
        if v.flags & difv::F_MOD != 0 {
            flags.push_str("/w");
        }
        let flags = flags.get(1..).unwrap_or("");
        let name = c_string(&difo.strtab, v.name as usize);
        let _ = writeln!(out, "{name:<16} {:<4x} {kind:<3} {scope:<3} {flags:<4} {}", v.id, type_string(&v.ty));
    }
    out
}

/// A DIF type as the disassembler prints it.
pub fn type_string(t: &DifType) -> String {
    let kind = match t.kind {
        diftype::CTF => "D type".to_string(),
        diftype::STRING => "string".to_string(),
        k => format!("0x{k:x}"),
    };
    let ckind = CTF_KINDS.get(usize::from(t.ckind)).map_or_else(|| format!("0x{:x}", t.ckind), |s| s.to_string());
    if t.flags & (diftype::F_BYREF | TF_BYUREF) != 0 {
        let user = if t.flags & TF_BYUREF != 0 { "user " } else { "" };
        format!("{kind} ({ckind}) by {user}ref (size {})", t.size)
    } else {
        format!("{kind} ({ckind}) (size {})", t.size)
    }
}

/// The NUL-terminated string at `off` of `tab` (empty when outside).
fn c_string(tab: &[u8], off: usize) -> String {
    let rest = tab.get(off..).unwrap_or(&[]);
    let end = rest.iter().position(|&b| b == 0).unwrap_or(rest.len());
    String::from_utf8_lossy(&rest[..end]).into_owned()
}

/// The scope a variable instruction's mnemonic implies: its third letter
/// (`ldgs`, `stts`, `ldls`, `ldgaa`, ...).
fn scope_of(mnemonic: &str) -> Option<u8> {
    match mnemonic.as_bytes().get(2) {
        Some(b'g') => Some(difv::SCOPE_GLOBAL),
        Some(b't') => Some(difv::SCOPE_THREAD),
        Some(b'l') => Some(difv::SCOPE_LOCAL),
        _ => None,
    }
}

/// The `! DT_VAR(id) = "name"` comment, when the variable table names it.
fn var_comment(out: &mut String, difo: &Difo, mnemonic: &str, id: u32) {
    let Some(scope) = scope_of(mnemonic) else { return };
    let Some(v) = difo.vartab.iter().find(|v| v.id == id && v.scope == scope) else { return };
    if (v.name as usize) < difo.strtab.len() {
        let _ = write!(out, "\t\t! DT_VAR({id}) = \"{}\"", c_string(&difo.strtab, v.name as usize));
    }
}

/// Appends the text of one instruction.
fn instruction(out: &mut String, difo: &Difo, i: Instr) {
    let Some(op) = i.op() else {
        out.push_str("(illegal opcode)");
        return;
    };
    let name = op.mnemonic();
    let (r1, r2, rd) = (i.r1(), i.r2(), i.rd());
    use Op::*;
    let _ = match op {
        Or | Xor | And | Sll | Srl | Sub | Add | Mul | Sdiv | Udiv | Srem | Urem | Sra | Copys => {
            write!(out, "{name:<4} %r{r1}, %r{r2}, %r{rd}")
        }
        Not | Mov | Allocs => write!(out, "{name:<4} %r{r1}, %r{rd}"),
        Cmp | Scmp => write!(out, "{name:<4} %r{r1}, %r{r2}"),
        Tst => write!(out, "{name:<4} %r{r1}"),
        Ba | Be | Bne | Bg | Bgu | Bge | Bgeu | Bl | Blu | Ble | Bleu => write!(out, "{name:<4} {}", i.label()),
        Ldsb | Ldsh | Ldsw | Ldub | Lduh | Lduw | Ldx | Uldsb | Uldsh | Uldsw | Uldub | Ulduh | Ulduw | Uldx
        | Rldsb | Rldsh | Rldsw | Rldub | Rlduh | Rlduw | Rldx => write!(out, "{name:<4} [%r{r1}], %r{rd}"),
        Stb | Sth | Stw | Stx => write!(out, "{name:<4} %r{r1}, [%r{rd}]"),
        Nop | Popts | Flushts => write!(out, "{name}"),
        Ret => write!(out, "{name:<4} %r{rd}"),
        Setx => {
            let index = i.index();
            let _ = write!(out, "{name:<4} DT_INTEGER[{index}], %r{rd}");
            match difo.inttab.get(usize::from(index)) {
                Some(v) => write!(out, "\t\t! 0x{v:x}"),
                None => Ok(()),
            }
        }
        Sets => {
            let off = usize::from(i.index());
            let _ = write!(out, "{name:<4} DT_STRING[{off}], %r{rd}");
            if off < difo.strtab.len() {
                write!(out, "\t\t! \"{}\"", c_string(&difo.strtab, off))
            } else {
                Ok(())
            }
        }
        Ldga | Ldta => {
            // The array id sits in the r1 field, the index register in r2.
            let _ = write!(out, "{name:<4} DT_VAR({r1}), %r{r2}, %r{rd}");
            var_comment(out, difo, name, u32::from(r1));
            Ok(())
        }
        Ldgs | Ldts | Ldls | Ldgaa | Ldtaa => {
            let _ = write!(out, "{name:<4} DT_VAR({}), %r{rd}", i.index());
            var_comment(out, difo, name, u32::from(i.index()));
            Ok(())
        }
        Stgs | Stts | Stls | Stgaa | Sttaa => {
            let _ = write!(out, "{name:<4} %r{rd}, DT_VAR({})", i.index());
            var_comment(out, difo, name, u32::from(i.index()));
            Ok(())
        }
        Call => {
            let subr = i.index();
            let sname = builtins::by_id(BuiltinKind::Subroutine, subr).map_or("unknown", |b| b.name);
            write!(out, "{name:<4} DIF_SUBR({subr}), %r{rd}\t\t! {sname}")
        }
        Pushtv | Pushtr => {
            // The type sits in the r1 field.
            let pad = if op == Pushtv {
                let _ = write!(out, "{name:<4} DT_TYPE({r1}), %r{rd}");
                "\t\t"
            } else {
                let _ = write!(out, "{name:<4} DT_TYPE({r1}), %r{r2}, %r{rd}");
                "\t"
            };
            match r1 {
                diftype::CTF => write!(out, "{pad}! DT_TYPE({r1}) = D type"),
                diftype::STRING => write!(out, "{pad}! DT_TYPE({r1}) = string"),
                _ => Ok(()),
            }
        }
        Xlate | Xlarg => write!(out, "{name:<4} DT_XLREF[{}], %r{rd}", i.index()),
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use dtrace_core::difo::DifVar;

    const INT: DifType = DifType { kind: diftype::CTF, ckind: 1, flags: 0, size: 8 };
    const STR: DifType = DifType { kind: diftype::STRING, ckind: 0, flags: diftype::F_BYREF, size: 256 };

    #[test]
    fn global_plus_constant() {
        // x + 42
        let d = Difo {
            code: vec![
                Instr::table(Op::Ldgs, 0x500, 1).0,
                Instr::table(Op::Setx, 0, 2).0,
                Instr::alu(Op::Add, 1, 2, 1).0,
                Instr::alu(Op::Ret, 0, 0, 1).0,
            ],
            inttab: vec![42],
            strtab: b"x\0".to_vec(),
            vartab: vec![DifVar { name: 0, id: 0x500, kind: 1, scope: 0, flags: difv::F_REF, ty: INT }],
            rtype: INT,
        };
        let want = "
DIFO 0x1 returns D type (integer) (size 8)
OFF OPCODE      INSTRUCTION
00: 29050001    ldgs DT_VAR(1280), %r1\t\t! DT_VAR(1280) = \"x\"
01: 25000002    setx DT_INTEGER[0], %r2\t\t! 0x2a
02: 07010201    add  %r1, %r2, %r1
03: 23000001    ret  %r1

NAME             ID   KND SCP FLAG TYPE
x                500  scl glb r    D type (integer) (size 8)
";
        assert_eq!(disassemble(&d, "0x1"), want);
    }

    #[test]
    fn strings_calls_branches_and_tuples() {
        // self->s = strlen("foo") > 2 ? "big" : "small", roughly, with an
        // associative store keyed by args[0].
        let d = Difo {
            code: vec![
                Instr::table(Op::Sets, 0, 1).0,
                Instr::alu(Op::Pushtr, diftype::STRING, 0, 1).0,
                Instr::table(Op::Call, 12, 2).0,
                Instr::alu(Op::Flushts, 0, 0, 0).0,
                Instr::alu(Op::Cmp, 2, 0, 0).0,
                Instr::branch(Op::Ble, 7).0,
                Instr::table(Op::Sets, 4, 3).0,
                Instr::ldga(0, 0, 4).0,
                Instr::alu(Op::Pushtv, diftype::CTF, 0, 4).0,
                Instr::table(Op::Stgaa, 0x501, 3).0,
                Instr::alu(Op::Popts, 0, 0, 0).0,
                Instr::table(Op::Stts, 0x500, 3).0,
                Instr::alu(Op::Ldx, 4, 0, 5).0,
                Instr::alu(Op::Stw, 5, 0, 4).0,
                Instr::alu(Op::Tst, 5, 0, 0).0,
                Instr::alu(Op::Not, 5, 0, 6).0,
                Instr::table(Op::Call, 46, 7).0,
                0x5000_0000,
                Instr::alu(Op::Ret, 0, 0, 3).0,
            ],
            inttab: vec![],
            strtab: b"foo\0big\0a\0s\0args\0".to_vec(),
            vartab: vec![
                DifVar { name: 8, id: 0x501, kind: 0, scope: 0, flags: difv::F_MOD, ty: STR },
                DifVar { name: 10, id: 0x500, kind: 1, scope: 1, flags: difv::F_MOD | 0x10, ty: STR },
                DifVar { name: 12, id: 0, kind: 0, scope: 0, flags: difv::F_REF, ty: DifType::default() },
            ],
            rtype: STR,
        };
        let want = "
DIFO clause returns string (unknown) by ref (size 256)
OFF OPCODE      INSTRUCTION
00: 26000001    sets DT_STRING[0], %r1\t\t! \"foo\"
01: 30010001    pushtr DT_TYPE(1), %r0, %r1\t! DT_TYPE(1) = string
02: 2f000c02    call DIF_SUBR(12), %r2\t\t! strlen
03: 33000000    flushts
04: 0f020000    cmp  %r2, %r0
05: 1a000007    ble  7
06: 26000403    sets DT_STRING[4], %r3\t\t! \"big\"
07: 28000004    ldga DT_VAR(0), %r0, %r4\t\t! DT_VAR(0) = \"args\"
08: 31000004    pushtv DT_TYPE(0), %r4\t\t! DT_TYPE(0) = D type
09: 36050103    stgaa %r3, DT_VAR(1281)\t\t! DT_VAR(1281) = \"a\"
10: 32000000    popts
11: 2d050003    stts %r3, DT_VAR(1280)\t\t! DT_VAR(1280) = \"s\"
12: 22040005    ldx  [%r4], %r5
13: 3e050004    stw  %r5, [%r4]
14: 10050000    tst  %r5
15: 0d050006    not  %r5, %r6
16: 2f002e07    call DIF_SUBR(46), %r7\t\t! unknown
17: 50000000    (illegal opcode)
18: 23000003    ret  %r3

NAME             ID   KND SCP FLAG TYPE
a                501  arr glb w    string (unknown) by ref (size 256)
s                500  scl tls 0x10/w string (unknown) by ref (size 256)
args             0    arr glb r    D type (unknown) (size 0)
";
        assert_eq!(disassemble(&d, "clause"), want);
    }

    #[test]
    fn no_variables_no_table_and_out_of_range_operands() {
        let d = Difo {
            code: vec![
                Instr::table(Op::Setx, 3, 1).0,
                Instr::table(Op::Sets, 99, 1).0,
                Instr::table(Op::Ldls, 0x502, 1).0,
                Instr::table(Op::Xlate, 2, 1).0,
                Instr::alu(Op::Pushtv, 7, 0, 1).0,
                Instr::alu(Op::Ret, 0, 0, 1).0,
            ],
            rtype: DifType { kind: 5, ckind: 20, flags: 2, size: 4 },
            ..Default::default()
        };
        let want = "
DIFO 0x2 returns 0x5 (0x14) by user ref (size 4)
OFF OPCODE      INSTRUCTION
00: 25000301    setx DT_INTEGER[3], %r1
01: 26006301    sets DT_STRING[99], %r1
02: 38050201    ldls DT_VAR(1282), %r1
03: 4e000201    xlate DT_XLREF[2], %r1
04: 31070001    pushtv DT_TYPE(7), %r1
05: 23000001    ret  %r1
";
        assert_eq!(disassemble(&d, "0x2"), want);
    }

    #[test]
    fn type_strings() {
        assert_eq!(type_string(&INT), "D type (integer) (size 8)");
        assert_eq!(type_string(&DifType { kind: 0, ckind: 6, flags: 1, size: 24 }), "D type (struct) by ref (size 24)");
        assert_eq!(type_string(&DifType { kind: 0, ckind: 3, flags: 0, size: 8 }), "D type (pointer) (size 8)");
    }
}
