//! The DIF instruction set, with illumos numbering: the one definition the
//! compiler (`src/dif`), the disassembler and every engine's virtual machine
//! share.
//!
//! An instruction is a 32-bit word. ALU form: `op << 24 | r1 << 16 | r2 << 8
//! | rd`; branch form: `op << 24 | label` (a 24-bit instruction index, forward
//! only); table form (setx, sets, ldgs, ..., call): `op << 24 | index << 8 |
//! rd`. There are eight integer registers; `%r0` always reads zero.

/// Number of integer registers (`%r0`..`%r7`).
pub const NREGS: u8 = 8;
/// Number of tuple-stack entries.
pub const NTREGS: u8 = 8;
/// The DIF version this instruction set is.
pub const DIF_VERSION: u8 = 2;
/// Largest DIF object, in instructions (256 KiB of code).
pub const DIF_MAX_INSTRS: usize = 256 * 1024 / 4;

macro_rules! opcodes {
    ($($(#[$doc:meta])* $name:ident = $val:literal, $mnem:literal;)*) => {
        /// A DIF opcode. Each variant's doc gives its operands and effect.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[repr(u8)]
        pub enum Op { $($(#[$doc])* $name = $val,)* }

        impl Op {
            /// The opcode with number `v`, if there is one.
            #[inline]
            pub fn from_u8(v: u8) -> Option<Op> {
                match v { $($val => Some(Op::$name),)* _ => None }
            }

            /// The mnemonic `-S` prints (`add`, `ldgs`, `ret`, ...).
            pub fn mnemonic(self) -> &'static str {
                match self { $(Op::$name => $mnem,)* }
            }
        }
    };
}

opcodes! {
    /// `or r1, r2, rd`: rd = r1 | r2.
    Or = 1, "or";
    /// `xor r1, r2, rd`: rd = r1 ^ r2.
    Xor = 2, "xor";
    /// `and r1, r2, rd`: rd = r1 & r2.
    And = 3, "and";
    /// `sll r1, r2, rd`: rd = r1 << r2.
    Sll = 4, "sll";
    /// `srl r1, r2, rd`: rd = r1 >> r2 (logical).
    Srl = 5, "srl";
    /// `sub r1, r2, rd`: rd = r1 - r2.
    Sub = 6, "sub";
    /// `add r1, r2, rd`: rd = r1 + r2.
    Add = 7, "add";
    /// `mul r1, r2, rd`: rd = r1 * r2.
    Mul = 8, "mul";
    /// `sdiv r1, r2, rd`: signed division; r2 == 0 faults.
    Sdiv = 9, "sdiv";
    /// `udiv r1, r2, rd`: unsigned division; r2 == 0 faults.
    Udiv = 10, "udiv";
    /// `srem r1, r2, rd`: signed remainder; r2 == 0 faults.
    Srem = 11, "srem";
    /// `urem r1, r2, rd`: unsigned remainder; r2 == 0 faults.
    Urem = 12, "urem";
    /// `not r1, rd`: rd = !r1 (bitwise).
    Not = 13, "not";
    /// `mov r1, rd`: rd = r1.
    Mov = 14, "mov";
    /// `cmp r1, r2`: set condition codes from r1 - r2.
    Cmp = 15, "cmp";
    /// `tst r1`: set condition codes from r1.
    Tst = 16, "tst";
    /// `ba label`: branch always.
    Ba = 17, "ba";
    /// `be label`: branch if equal.
    Be = 18, "be";
    /// `bne label`: branch if not equal.
    Bne = 19, "bne";
    /// `bg label`: branch if greater (signed).
    Bg = 20, "bg";
    /// `bgu label`: branch if greater (unsigned).
    Bgu = 21, "bgu";
    /// `bge label`: branch if greater or equal (signed).
    Bge = 22, "bge";
    /// `bgeu label`: branch if greater or equal (unsigned).
    Bgeu = 23, "bgeu";
    /// `bl label`: branch if less (signed).
    Bl = 24, "bl";
    /// `blu label`: branch if less (unsigned).
    Blu = 25, "blu";
    /// `ble label`: branch if less or equal (signed).
    Ble = 26, "ble";
    /// `bleu label`: branch if less or equal (unsigned).
    Bleu = 27, "bleu";
    /// `ldsb [r1], rd`: load signed byte from kernel memory (checked).
    Ldsb = 28, "ldsb";
    /// `ldsh [r1], rd`: load signed halfword.
    Ldsh = 29, "ldsh";
    /// `ldsw [r1], rd`: load signed word.
    Ldsw = 30, "ldsw";
    /// `ldub [r1], rd`: load unsigned byte.
    Ldub = 31, "ldub";
    /// `lduh [r1], rd`: load unsigned halfword.
    Lduh = 32, "lduh";
    /// `lduw [r1], rd`: load unsigned word.
    Lduw = 33, "lduw";
    /// `ldx [r1], rd`: load 64-bit word.
    Ldx = 34, "ldx";
    /// `ret rd`: return rd (by value, or a pointer for by-reference types).
    Ret = 35, "ret";
    /// `nop`.
    Nop = 36, "nop";
    /// `setx index, rd`: rd = integer table[index].
    Setx = 37, "setx";
    /// `sets index, rd`: rd = address of string table entry at offset index.
    Sets = 38, "sets";
    /// `scmp r1, r2`: compare the strings r1 and r2, setting condition codes.
    Scmp = 39, "scmp";
    /// `ldga var, r1, rd`: rd = built-in array var[r1] (`args[]`).
    Ldga = 40, "ldga";
    /// `ldgs var, rd`: rd = global scalar var.
    Ldgs = 41, "ldgs";
    /// `stgs var, rd`: global scalar var = rd.
    Stgs = 42, "stgs";
    /// `ldta var, r1, rd`: thread-local array (unused by the compiler).
    Ldta = 43, "ldta";
    /// `ldts var, rd`: rd = thread-local scalar var.
    Ldts = 44, "ldts";
    /// `stts var, rd`: thread-local scalar var = rd.
    Stts = 45, "stts";
    /// `sra r1, r2, rd`: rd = r1 >> r2 (arithmetic).
    Sra = 46, "sra";
    /// `call subr, rd`: rd = subroutine(tuple stack).
    Call = 47, "call";
    /// `pushtr type, rs, rv`: push the by-reference value whose address is
    /// in rv, of the size in rs; `type` (the r1 field) is a DIF type kind.
    Pushtr = 48, "pushtr";
    /// `pushtv type, rs, rv`: push the by-value value in rv.
    Pushtv = 49, "pushtv";
    /// `popts`: pop the tuple stack.
    Popts = 50, "popts";
    /// `flushts`: empty the tuple stack.
    Flushts = 51, "flushts";
    /// `ldgaa var, rd`: rd = global associative var[tuple stack].
    Ldgaa = 52, "ldgaa";
    /// `ldtaa var, rd`: rd = thread-local associative var[tuple stack].
    Ldtaa = 53, "ldtaa";
    /// `stgaa var, rd`: global associative var[tuple stack] = rd.
    Stgaa = 54, "stgaa";
    /// `sttaa var, rd`: thread-local associative var[tuple stack] = rd.
    Sttaa = 55, "sttaa";
    /// `ldls var, rd`: rd = clause-local scalar var.
    Ldls = 56, "ldls";
    /// `stls var, rd`: clause-local scalar var = rd.
    Stls = 57, "stls";
    /// `allocs r1, rd`: rd = r1 bytes of zeroed scratch space.
    Allocs = 58, "allocs";
    /// `copys r1, r2, rd`: copy r2 bytes from r1 to rd.
    Copys = 59, "copys";
    /// `stb r1, [rd]`: store byte (scratch memory only).
    Stb = 60, "stb";
    /// `sth r1, [rd]`: store halfword.
    Sth = 61, "sth";
    /// `stw r1, [rd]`: store word.
    Stw = 62, "stw";
    /// `stx r1, [rd]`: store 64-bit word.
    Stx = 63, "stx";
    /// `uldsb [r1], rd`: load signed byte from user memory.
    Uldsb = 64, "uldsb";
    /// `uldsh [r1], rd`: load signed halfword from user memory.
    Uldsh = 65, "uldsh";
    /// `uldsw [r1], rd`: load signed word from user memory.
    Uldsw = 66, "uldsw";
    /// `uldub [r1], rd`: load unsigned byte from user memory.
    Uldub = 67, "uldub";
    /// `ulduh [r1], rd`: load unsigned halfword from user memory.
    Ulduh = 68, "ulduh";
    /// `ulduw [r1], rd`: load unsigned word from user memory.
    Ulduw = 69, "ulduw";
    /// `uldx [r1], rd`: load 64-bit word from user memory.
    Uldx = 70, "uldx";
    /// `rldsb [r1], rd`: restricted load (after an access check).
    Rldsb = 71, "rldsb";
    /// `rldsh [r1], rd`: restricted load.
    Rldsh = 72, "rldsh";
    /// `rldsw [r1], rd`: restricted load.
    Rldsw = 73, "rldsw";
    /// `rldub [r1], rd`: restricted load.
    Rldub = 74, "rldub";
    /// `rlduh [r1], rd`: restricted load.
    Rlduh = 75, "rlduh";
    /// `rlduw [r1], rd`: restricted load.
    Rlduw = 76, "rlduw";
    /// `rldx [r1], rd`: restricted load.
    Rldx = 77, "rldx";
    /// `xlate index, rd`: translator reference (resolved by the compiler).
    Xlate = 78, "xlate";
    /// `xlarg index, rd`: translator argument reference.
    Xlarg = 79, "xlarg";
}

/// An encoded instruction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Instr(pub u32);

impl Instr {
    /// ALU form: `op r1, r2, rd`.
    pub const fn alu(op: Op, r1: u8, r2: u8, rd: u8) -> Instr {
        Instr((op as u32) << 24 | (r1 as u32) << 16 | (r2 as u32) << 8 | rd as u32)
    }

    /// Branch form: `op label`.
    pub const fn branch(op: Op, label: u32) -> Instr {
        Instr((op as u32) << 24 | (label & 0x00ff_ffff))
    }

    /// Table form: `op index, rd` (setx, sets, ldgs, stgs, call, ...).
    pub const fn table(op: Op, index: u16, rd: u8) -> Instr {
        Instr((op as u32) << 24 | (index as u32) << 8 | rd as u32)
    }

    /// `ldga var, r1, rd`: var in bits 16..24, index register, destination.
    pub const fn ldga(var: u8, r1: u8, rd: u8) -> Instr {
        Instr((Op::Ldga as u32) << 24 | (var as u32) << 16 | (r1 as u32) << 8 | rd as u32)
    }

    pub const fn op_byte(self) -> u8 {
        (self.0 >> 24) as u8
    }
    #[inline]
    pub fn op(self) -> Option<Op> {
        Op::from_u8(self.op_byte())
    }
    pub const fn r1(self) -> u8 {
        (self.0 >> 16) as u8
    }
    pub const fn r2(self) -> u8 {
        (self.0 >> 8) as u8
    }
    pub const fn rd(self) -> u8 {
        self.0 as u8
    }
    /// Branch target (an instruction index).
    pub const fn label(self) -> u32 {
        self.0 & 0x00ff_ffff
    }
    /// Table index of the table form.
    pub const fn index(self) -> u16 {
        (self.0 >> 8) as u16
    }
}

/// Variable ids: built-in arrays below 0x100, scalars from 0x100, user
/// variables from 0x500 (arrays from 0x80).
pub mod var {
    pub const ARGS: u16 = 0x00;
    pub const REGS: u16 = 0x01;
    pub const UREGS: u16 = 0x02;
    /// First id of user-defined arrays.
    pub const ARRAY_MIN: u16 = 0x80;
    /// First id of built-in scalars (`curthread`).
    pub const SCALAR_MIN: u16 = 0x100;
    /// `epid`: known to the state running the ECB, not to the probe's engine.
    pub const EPID: u16 = 0x104;
    /// `pid`: what usym(), umod() and uaddr() keys record with the address.
    pub const PID: u16 = 0x116;
    /// First id of user-defined scalars and associative arrays.
    pub const OTHER_MIN: u16 = 0x500;
    pub const MAX: u16 = 0xffff;
}

/// Variable record fields (DIFV_*).
pub mod difv {
    pub const KIND_ARRAY: u8 = 0;
    pub const KIND_SCALAR: u8 = 1;
    pub const SCOPE_GLOBAL: u8 = 0;
    pub const SCOPE_THREAD: u8 = 1;
    pub const SCOPE_LOCAL: u8 = 2;
    pub const F_REF: u16 = 1;
    pub const F_MOD: u16 = 2;
}

/// DIF type kinds (DIF_TYPE_*): CTF-described or D string.
pub mod diftype {
    pub const CTF: u8 = 0;
    pub const STRING: u8 = 1;
    /// Passed by reference rather than by value.
    pub const F_BYREF: u8 = 1;
}

/// Action kinds (DTRACEACT_*).
pub mod act {
    pub const NONE: u16 = 0;
    pub const DIFEXPR: u16 = 1;
    pub const EXIT: u16 = 2;
    pub const PRINTF: u16 = 3;
    pub const PRINTA: u16 = 4;
    pub const LIBACT: u16 = 5;
    pub const TRACEMEM: u16 = 6;
    pub const TRACEMEM_DYNSIZE: u16 = 7;
    pub const USTACK: u16 = 0x101;
    pub const JSTACK: u16 = 0x102;
    pub const USYM: u16 = 0x103;
    pub const UMOD: u16 = 0x104;
    pub const UADDR: u16 = 0x105;
    pub const STOP: u16 = 0x201;
    pub const RAISE: u16 = 0x202;
    pub const SYSTEM: u16 = 0x203;
    pub const FREOPEN: u16 = 0x204;
    pub const STACK: u16 = 0x401;
    pub const SYM: u16 = 0x402;
    pub const MOD: u16 = 0x403;
    pub const BREAKPOINT: u16 = 0x501;
    pub const PANIC: u16 = 0x502;
    pub const CHILL: u16 = 0x503;
    pub const SPECULATE: u16 = 0x601;
    pub const COMMIT: u16 = 0x602;
    pub const DISCARD: u16 = 0x603;
    pub const AGG_COUNT: u16 = 0x701;
    pub const AGG_MIN: u16 = 0x702;
    pub const AGG_MAX: u16 = 0x703;
    pub const AGG_AVG: u16 = 0x704;
    pub const AGG_SUM: u16 = 0x705;
    pub const AGG_STDDEV: u16 = 0x706;
    pub const AGG_QUANTIZE: u16 = 0x707;
    pub const AGG_LQUANTIZE: u16 = 0x708;
    pub const AGG_LLQUANTIZE: u16 = 0x709;

    /// Whether an action kind aggregates.
    pub const fn is_aggregation(kind: u16) -> bool {
        kind >= AGG_COUNT && kind <= AGG_LLQUANTIZE
    }

    /// Whether an action of this kind may be part of an aggregation's key:
    /// a value (DIFEXPR), or what dt_cc.c's dt_action_aggregate records a
    /// stack(), ustack(), jstack(), sym(), mod(), usym(), umod() or uaddr()
    /// key with, the action of that name, so the key holds the frames or the
    /// address (and its process) as the action's record would.
    pub const fn is_key_part(kind: u16) -> bool {
        matches!(kind, DIFEXPR | STACK | USTACK | JSTACK | SYM | MOD | USYM | UMOD | UADDR)
    }

    /// Whether an action kind takes a format string (its `arg` is the
    /// format's 1-based index).
    pub const fn is_printf_like(kind: u16) -> bool {
        matches!(kind, PRINTF | PRINTA | SYSTEM | FREOPEN)
    }

    /// Whether an action changes the traced system and so needs `-w`
    /// (DTRACEACT_ISDESTRUCTIVE: the process- and kernel-destructive classes).
    pub const fn is_destructive(kind: u16) -> bool {
        matches!(kind & 0xff00, 0x200 | 0x500)
    }
}

/// DTrace fault kinds (`DTRACEFLT_*`), as [`Fault::kind`] and the ERROR
/// probe's `arg4` carry them.
pub mod flt {
    /// Unknown fault.
    pub const UNKNOWN: u8 = 0;
    /// Bad address: a load or store the address space refused.
    pub const BADADDR: u8 = 1;
    /// Misaligned access.
    pub const BADALIGN: u8 = 2;
    /// Illegal operation: bad opcode, register, table index, argument.
    pub const ILLOP: u8 = 3;
    /// Division (or remainder) by zero.
    pub const DIVZERO: u8 = 4;
    /// Out of scratch space.
    pub const NOSCRATCH: u8 = 5;
    /// Kernel memory access denied.
    pub const KPRIV: u8 = 6;
    /// User memory access denied.
    pub const UPRIV: u8 = 7;
    /// Tuple stack overflow.
    pub const TUPOFLOW: u8 = 8;
    /// Bad stack.
    pub const BADSTACK: u8 = 9;

    /// How dtrace(1) names a fault kind (dtrace_faultstr()).
    pub const fn describe(kind: u8) -> &'static str {
        match kind {
            BADADDR => "invalid address",
            BADALIGN => "invalid alignment",
            ILLOP => "illegal operation",
            DIVZERO => "divide-by-zero",
            NOSCRATCH => "out of scratch space",
            KPRIV => "invalid kernel access",
            UPRIV => "invalid user access",
            TUPOFLOW => "tuple stack overflow",
            BADSTACK => "bad stack",
            _ => "unknown fault",
        }
    }

    /// Whether dtrace(1) shows the faulting address after the name
    /// (dt_handle_err() does for these kinds only).
    pub const fn shows_address(kind: u8) -> bool {
        matches!(kind, BADADDR | BADALIGN | BADSTACK)
    }
}

/// Subroutine numbers (`DIF_SUBR_*`, illumos numbering; 49 `d_path` is
/// the Linux addition).
pub mod subr {
    pub const RAND: u16 = 0;
    pub const COPYIN: u16 = 8;
    pub const COPYINSTR: u16 = 9;
    pub const SPECULATION: u16 = 10;
    pub const PROGENYOF: u16 = 11;
    pub const STRLEN: u16 = 12;
    pub const COPYOUT: u16 = 13;
    pub const COPYOUTSTR: u16 = 14;
    pub const ALLOCA: u16 = 15;
    pub const BCOPY: u16 = 16;
    pub const COPYINTO: u16 = 17;
    pub const GETMAJOR: u16 = 20;
    pub const GETMINOR: u16 = 21;
    pub const STRJOIN: u16 = 23;
    pub const LLTOSTR: u16 = 24;
    pub const BASENAME: u16 = 25;
    pub const DIRNAME: u16 = 26;
    pub const CLEANPATH: u16 = 27;
    pub const STRCHR: u16 = 28;
    pub const STRRCHR: u16 = 29;
    pub const STRSTR: u16 = 30;
    pub const STRTOK: u16 = 31;
    pub const SUBSTR: u16 = 32;
    pub const INDEX: u16 = 33;
    pub const RINDEX: u16 = 34;
    pub const HTONS: u16 = 35;
    pub const HTONL: u16 = 36;
    pub const HTONLL: u16 = 37;
    pub const NTOHS: u16 = 38;
    pub const NTOHL: u16 = 39;
    pub const NTOHLL: u16 = 40;
    pub const INET_NTOP: u16 = 41;
    pub const INET_NTOA: u16 = 42;
    pub const INET_NTOA6: u16 = 43;
    pub const TOUPPER: u16 = 44;
    pub const TOLOWER: u16 = 45;
    pub const JSON: u16 = 47;
    pub const STRTOLL: u16 = 48;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fault_names() {
        assert_eq!(flt::describe(flt::BADADDR), "invalid address");
        assert_eq!(flt::describe(flt::KPRIV), "invalid kernel access");
        assert_eq!(flt::describe(200), "unknown fault");
        let shown: alloc::vec::Vec<u8> = (0..=10).filter(|&k| flt::shows_address(k)).collect();
        assert_eq!(shown, [flt::BADADDR, flt::BADALIGN, flt::BADSTACK]);
    }

    #[test]
    fn every_opcode_round_trips() {
        for v in 0..=255u8 {
            if let Some(op) = Op::from_u8(v) {
                assert_eq!(op as u8, v);
                assert!(!op.mnemonic().is_empty());
            }
        }
        assert_eq!(Op::from_u8(0), None);
        assert_eq!(Op::from_u8(80), None);
        assert_eq!(Op::Sra as u8, 46);
        assert_eq!(Op::Xlarg as u8, 79);
    }

    #[test]
    fn encodings() {
        let i = Instr::alu(Op::Add, 1, 2, 3);
        assert_eq!(i.0, 0x0701_0203);
        assert_eq!((i.op(), i.r1(), i.r2(), i.rd()), (Some(Op::Add), 1, 2, 3));
        let b = Instr::branch(Op::Be, 0x1234);
        assert_eq!((b.op(), b.label()), (Some(Op::Be), 0x1234));
        let t = Instr::table(Op::Setx, 513, 7);
        assert_eq!((t.op(), t.index(), t.rd()), (Some(Op::Setx), 513, 7));
    }
}

/// Option ids and values of the DOF option section (`DTRACEOPT_*`,
/// illumos numbering): the consumer writes them, engines read them.
pub mod opt {
    /// The DOF value of an option that is not set.
    pub const DTRACEOPT_UNSET: i64 = -2;

    /// DOF option ids (`DTRACEOPT_*`, illumos numbering).
    pub const DTRACEOPT_BUFSIZE: u16 = 0;
    pub const DTRACEOPT_BUFPOLICY: u16 = 1;
    pub const DTRACEOPT_DYNVARSIZE: u16 = 2;
    pub const DTRACEOPT_AGGSIZE: u16 = 3;
    pub const DTRACEOPT_SPECSIZE: u16 = 4;
    pub const DTRACEOPT_NSPEC: u16 = 5;
    pub const DTRACEOPT_STRSIZE: u16 = 6;
    pub const DTRACEOPT_CLEANRATE: u16 = 7;
    pub const DTRACEOPT_CPU: u16 = 8;
    pub const DTRACEOPT_BUFRESIZE: u16 = 9;
    pub const DTRACEOPT_GRABANON: u16 = 10;
    pub const DTRACEOPT_FLOWINDENT: u16 = 11;
    pub const DTRACEOPT_QUIET: u16 = 12;
    pub const DTRACEOPT_STACKFRAMES: u16 = 13;
    pub const DTRACEOPT_USTACKFRAMES: u16 = 14;
    pub const DTRACEOPT_AGGRATE: u16 = 15;
    pub const DTRACEOPT_SWITCHRATE: u16 = 16;
    pub const DTRACEOPT_STATUSRATE: u16 = 17;
    pub const DTRACEOPT_DESTRUCTIVE: u16 = 18;
    pub const DTRACEOPT_STACKINDENT: u16 = 19;
    pub const DTRACEOPT_RAWBYTES: u16 = 20;
    pub const DTRACEOPT_JSTACKFRAMES: u16 = 21;
    pub const DTRACEOPT_JSTACKSTRSIZE: u16 = 22;
    pub const DTRACEOPT_AGGSORTKEY: u16 = 23;
    pub const DTRACEOPT_AGGSORTREV: u16 = 24;
    pub const DTRACEOPT_AGGSORTPOS: u16 = 25;
    pub const DTRACEOPT_AGGSORTKEYPOS: u16 = 26;
    pub const DTRACEOPT_TEMPORAL: u16 = 27;
    pub const DTRACEOPT_AGGHIST: u16 = 28;
    pub const DTRACEOPT_AGGPACK: u16 = 29;
    pub const DTRACEOPT_AGGZOOM: u16 = 30;
    pub const DTRACEOPT_ZONE: u16 = 31;
    /// Number of DOF option ids.
    pub const DTRACEOPT_MAX: u16 = 32;

    /// `bufpolicy` values as sent to the engine.
    pub const DTRACEOPT_BUFPOLICY_RING: i64 = 0;
    pub const DTRACEOPT_BUFPOLICY_FILL: i64 = 1;
    pub const DTRACEOPT_BUFPOLICY_SWITCH: i64 = 2;
    /// `bufresize` values as sent to the engine.
    pub const DTRACEOPT_BUFRESIZE_AUTO: i64 = 0;
    pub const DTRACEOPT_BUFRESIZE_MANUAL: i64 = 1;
}
