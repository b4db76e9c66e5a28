//! Kernel types from BTF (the BPF Type Format of `/sys/kernel/btf/vmlinux`).
//!
//! Two layers:
//!
//! * [`Btf`] reads a raw BTF blob. Opening it makes one linear pass that
//!   records where each type record starts; everything else (names, members,
//!   the per-kind name indexes) is decoded only when asked for, because a
//!   vmlinux blob holds well over a hundred thousand types and a script uses
//!   a handful. Every read is bounds-checked: malformed data yields a
//!   [`BtfError`], never a panic or an unbounded loop.
//! * [`BtfTypes`] imports BTF types into the D compiler's [`TypeTable`] on
//!   demand and implements [`KernelTypes`] for the semantic pass.
//!
//! The format is described in the kernel's `Documentation/bpf/btf.rst` and
//! `include/uapi/linux/btf.h`. Only little-endian blobs are accepted (every
//! machine we build for is little-endian).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use crate::parser::types::{KernelTypes, Member, Qual, TagKind, Type, TypeId, TypeTable};
use crate::parser::BtfSource;

/// Where the running kernel publishes its own BTF.
pub const VMLINUX_BTF: &str = "/sys/kernel/btf/vmlinux";

/// `btf_header.magic`, as read little-endian.
const MAGIC: u16 = 0xEB9F;
/// Size of the fixed part of `struct btf_header`.
const HEADER_LEN: usize = 24;
/// Size of `struct btf_type` (name_off, info, size/type).
const TYPE_HEADER_LEN: usize = 12;
/// BTF_MAX_TYPE from the uapi header: ids above it cannot be encoded.
const MAX_TYPES: u32 = 0x000f_ffff;
/// Longest typedef/qualifier chain [`Btf::resolve`] follows. Kernel chains are
/// a few links long; anything past this is corrupt.
const MAX_CHAIN: usize = 64;
/// Deepest recursion the importer allows (by-value nesting plus the
/// typedef/qualifier/array links in between). Keeps corrupt input from
/// exhausting the stack.
const MAX_DEPTH: usize = 256;

/// Why BTF data could not be read or a type could not be decoded.
#[derive(Debug, thiserror::Error)]
pub enum BtfError {
    /// The BTF file could not be read.
    #[error("cannot read BTF file {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The data is shorter than the fixed 24-byte header.
    #[error("BTF data too short: {len} bytes, the header alone needs 24")]
    TooShort { len: usize },
    /// The data is larger than 32-bit offsets can address.
    #[error("BTF data too large: {len} bytes")]
    TooLarge { len: usize },
    /// The header does not start with 0xEB9F little-endian (a big-endian
    /// blob shows up here as 0x9FEB).
    #[error("bad BTF magic {magic:#06x} (expected 0xeb9f, little-endian)")]
    BadMagic { magic: u16 },
    /// The header's version is not 1.
    #[error("unsupported BTF version {version}")]
    BadVersion { version: u8 },
    /// `hdr_len` is smaller than the header or reaches past the data.
    #[error("bad BTF header length {hdr_len}")]
    BadHeaderLen { hdr_len: u32 },
    /// The type or string section reaches past the end of the data.
    #[error("BTF {section} section (offset {offset}, length {len}) extends past the end of the data ({size} bytes)")]
    SectionOutOfBounds { section: &'static str, offset: u64, len: u64, size: usize },
    /// A type record (or its trailing data) runs past the type section.
    #[error("BTF type {id} at byte {offset} is truncated")]
    Truncated { id: u32, offset: usize },
    /// A type record has a kind this reader does not know (0 or above 19);
    /// its length is unknown, so nothing after it can be read.
    #[error("BTF type {id} has unknown kind {kind}")]
    UnknownKind { id: u32, kind: u8 },
    /// More type records than BTF can number.
    #[error("too many BTF types (more than {max})")]
    TooManyTypes { max: u32 },
    /// A type id that names no type in this data.
    #[error("BTF type id {id} out of range (the data has ids 0 to {max})")]
    BadTypeId { id: u32, max: u32 },
    /// A string offset past the string section, an unterminated string or
    /// one that is not UTF-8.
    #[error("bad BTF string at offset {offset}")]
    BadString { offset: u32 },
    /// A chain of typedefs, qualifiers or pointers that leads back to itself
    /// without passing through a struct or union.
    #[error("BTF type {id} refers to itself")]
    Cycle { id: u32 },
    /// Types nested deeper than this reader follows.
    #[error("BTF type {id} nests deeper than {max} levels")]
    TooDeep { id: u32, max: usize },
    /// A type the D type system cannot hold (an integer wider than 255
    /// bytes, say), or a record that is not a type at all (DATASEC).
    #[error("BTF type {id}: {what}")]
    Unsupported { id: u32, what: &'static str },
}

/// The kind of a BTF type record (`BTF_KIND_*`); `Void` is type id 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BtfKind {
    Void,
    Int,
    Ptr,
    Array,
    Struct,
    Union,
    Enum,
    Fwd,
    Typedef,
    Volatile,
    Const,
    Restrict,
    Func,
    FuncProto,
    Var,
    Datasec,
    Float,
    DeclTag,
    TypeTag,
    Enum64,
}

impl BtfKind {
    /// The kind numbered `k` in `btf_type.info`, if it is a known one.
    pub fn from_raw(k: u8) -> Option<BtfKind> {
        use BtfKind::*;
        Some(match k {
            1 => Int,
            2 => Ptr,
            3 => Array,
            4 => Struct,
            5 => Union,
            6 => Enum,
            7 => Fwd,
            8 => Typedef,
            9 => Volatile,
            10 => Const,
            11 => Restrict,
            12 => Func,
            13 => FuncProto,
            14 => Var,
            15 => Datasec,
            16 => Float,
            17 => DeclTag,
            18 => TypeTag,
            19 => Enum64,
            _ => return None,
        })
    }

    /// Bytes of kind-specific data following the 12-byte common header.
    fn trailing_len(self, vlen: usize) -> usize {
        use BtfKind::*;
        match self {
            Int | Var | DeclTag => 4,
            Array => 12,
            Struct | Union | Datasec | Enum64 => 12 * vlen,
            Enum | FuncProto => 8 * vlen,
            _ => 0,
        }
    }
}

/// One struct/union member as BTF records it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BtfMember<'a> {
    /// Empty for anonymous struct/union members.
    pub name: &'a str,
    pub ty: u32,
    pub bit_offset: u32,
    /// The bit-field width, when the struct uses the kind_flag encoding and
    /// this member is a bit-field. Without kind_flag, bit-fields are told by
    /// an INT type narrower than its size (see [`BtfType::Int`]).
    pub bits: Option<u8>,
}

/// One enumerator.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BtfEnumValue<'a> {
    pub name: &'a str,
    /// Sign-extended for signed enums; unsigned 64-bit values wrap.
    pub value: i64,
}

/// One function parameter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BtfParam<'a> {
    /// Empty when BTF does not name it.
    pub name: &'a str,
    pub ty: u32,
}

/// One variable placed in a data section.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BtfSecVar {
    pub ty: u32,
    pub offset: u32,
    pub size: u32,
}

/// A decoded view of one BTF type record; names borrow from the blob.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BtfType<'a> {
    /// Type id 0.
    Void,
    Int {
        name: &'a str,
        size: u32,
        /// BTF_INT_SIGNED.
        signed: bool,
        /// BTF_INT_CHAR.
        char: bool,
        /// BTF_INT_BOOL.
        boolean: bool,
        /// BTF_INT_OFFSET: bits to skip (old-style bit-fields).
        bit_offset: u8,
        /// BTF_INT_BITS: value width in bits.
        bits: u8,
    },
    Ptr {
        target: u32,
    },
    Array {
        elem: u32,
        index: u32,
        len: u32,
    },
    Struct {
        name: &'a str,
        size: u32,
        members: Vec<BtfMember<'a>>,
    },
    Union {
        name: &'a str,
        size: u32,
        members: Vec<BtfMember<'a>>,
    },
    /// BTF_KIND_ENUM (32-bit values) and BTF_KIND_ENUM64 alike; an enum
    /// without enumerators is a forward declaration.
    Enum {
        name: &'a str,
        size: u32,
        signed: bool,
        values: Vec<BtfEnumValue<'a>>,
        wide: bool,
    },
    Fwd {
        name: &'a str,
        union: bool,
    },
    Typedef {
        name: &'a str,
        target: u32,
    },
    Volatile {
        target: u32,
    },
    Const {
        target: u32,
    },
    Restrict {
        target: u32,
    },
    Func {
        name: &'a str,
        proto: u32,
        /// 0 static, 1 global, 2 extern.
        linkage: u16,
    },
    FuncProto {
        ret: u32,
        params: Vec<BtfParam<'a>>,
        varargs: bool,
    },
    Var {
        name: &'a str,
        ty: u32,
        linkage: u32,
    },
    Datasec {
        name: &'a str,
        size: u32,
        vars: Vec<BtfSecVar>,
    },
    Float {
        name: &'a str,
        size: u32,
    },
    DeclTag {
        name: &'a str,
        target: u32,
        /// -1 for the whole target, else the member/parameter index.
        component: i32,
    },
    TypeTag {
        name: &'a str,
        target: u32,
    },
}

/// A kernel function's signature: FUNC → FUNC_PROTO, decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BtfFunction<'a> {
    /// The FUNC record.
    pub id: u32,
    pub name: &'a str,
    /// The FUNC_PROTO record.
    pub proto: u32,
    /// Return type id (0 for void).
    pub ret: u32,
    pub params: Vec<BtfParam<'a>>,
    pub varargs: bool,
}

/// The common 12-byte header of one type record, plus where its trailing
/// data starts.
#[derive(Clone, Copy)]
struct Raw {
    name_off: u32,
    info: u32,
    size_or_type: u32,
    /// Absolute byte position of the kind-specific data.
    body: usize,
}

impl Raw {
    fn vlen(&self) -> usize {
        (self.info & 0xffff) as usize
    }
    fn kind_raw(&self) -> u8 {
        ((self.info >> 24) & 0x1f) as u8
    }
    fn kind_flag(&self) -> bool {
        self.info >> 31 != 0
    }
}

/// Name → type id for one namespace, built on first use.
type NameIndex = HashMap<Box<str>, u32>;

/// A parsed BTF blob. Cheap to open; decodes lazily.
pub struct Btf {
    data: Vec<u8>,
    /// Absolute byte range of the type section.
    types_end: usize,
    /// Absolute byte range of the string section.
    strs: (usize, usize),
    /// `offsets[id - 1]` is where type `id`'s record starts.
    offsets: Vec<u32>,
    typedefs: OnceLock<NameIndex>,
    structs: OnceLock<NameIndex>,
    unions: OnceLock<NameIndex>,
    enums: OnceLock<NameIndex>,
    funcs: OnceLock<NameIndex>,
    vars: OnceLock<NameIndex>,
}

impl Btf {
    /// The running kernel's BTF, read once per process and shared (the
    /// compiler and the probe catalog both need it); `None` when the kernel
    /// has none or it cannot be read.
    pub fn vmlinux() -> Option<Arc<Btf>> {
        static VMLINUX: OnceLock<Option<Arc<Btf>>> = OnceLock::new();
        VMLINUX.get_or_init(|| Btf::open(VMLINUX_BTF).ok().map(Arc::new)).clone()
    }
}

impl std::fmt::Debug for Btf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Btf")
            .field("bytes", &self.data.len())
            .field("types", &self.offsets.len())
            .finish_non_exhaustive()
    }
}

fn read_u16(data: &[u8], pos: usize) -> Option<u16> {
    let b = data.get(pos..pos.checked_add(2)?)?;
    Some(u16::from_le_bytes(b.try_into().ok()?))
}

fn read_u32(data: &[u8], pos: usize) -> Option<u32> {
    let b = data.get(pos..pos.checked_add(4)?)?;
    Some(u32::from_le_bytes(b.try_into().ok()?))
}

impl Btf {
    /// Reads and indexes the BTF file at `path`.
    pub fn open(path: impl AsRef<Path>) -> Result<Btf, BtfError> {
        let path = path.as_ref();
        let data = std::fs::read(path).map_err(|source| BtfError::Io { path: path.to_path_buf(), source })?;
        Btf::from_bytes(data)
    }

    /// Checks the header and records where every type record starts.
    pub fn from_bytes(data: Vec<u8>) -> Result<Btf, BtfError> {
        let size = data.len();
        if size < HEADER_LEN {
            return Err(BtfError::TooShort { len: size });
        }
        if u32::try_from(size).is_err() {
            return Err(BtfError::TooLarge { len: size });
        }
        let field = |pos| read_u32(&data, pos).ok_or(BtfError::TooShort { len: size });
        let magic = read_u16(&data, 0).ok_or(BtfError::TooShort { len: size })?;
        if magic != MAGIC {
            return Err(BtfError::BadMagic { magic });
        }
        let version = data.get(2).copied().unwrap_or(0);
        if version != 1 {
            return Err(BtfError::BadVersion { version });
        }
        let hdr_len = field(4)?;
        if (hdr_len as usize) < HEADER_LEN || hdr_len as usize > size {
            return Err(BtfError::BadHeaderLen { hdr_len });
        }
        // Section offsets are relative to the end of the header; computed in
        // u64 so that no sum of 32-bit fields can wrap.
        let section = |name: &'static str, off: u32, len: u32| {
            let start = u64::from(hdr_len) + u64::from(off);
            let end = start + u64::from(len);
            if end > size as u64 {
                Err(BtfError::SectionOutOfBounds { section: name, offset: start, len: u64::from(len), size })
            } else {
                Ok((start as usize, end as usize))
            }
        };
        let (types_start, types_end) = section("type", field(8)?, field(12)?)?;
        let strs = section("string", field(16)?, field(20)?)?;

        let mut offsets = Vec::new();
        let mut pos = types_start;
        while pos < types_end {
            let id = offsets.len() as u32 + 1;
            if id > MAX_TYPES {
                return Err(BtfError::TooManyTypes { max: MAX_TYPES });
            }
            let truncated = BtfError::Truncated { id, offset: pos };
            if types_end - pos < TYPE_HEADER_LEN {
                return Err(truncated);
            }
            let info = read_u32(&data, pos + 4).ok_or(BtfError::Truncated { id, offset: pos })?;
            let kind_raw = ((info >> 24) & 0x1f) as u8;
            let kind = BtfKind::from_raw(kind_raw).ok_or(BtfError::UnknownKind { id, kind: kind_raw })?;
            let len = TYPE_HEADER_LEN + kind.trailing_len((info & 0xffff) as usize);
            if types_end - pos < len {
                return Err(truncated);
            }
            offsets.push(pos as u32);
            pos += len;
        }

        Ok(Btf {
            data,
            types_end,
            strs,
            offsets,
            typedefs: OnceLock::new(),
            structs: OnceLock::new(),
            unions: OnceLock::new(),
            enums: OnceLock::new(),
            funcs: OnceLock::new(),
            vars: OnceLock::new(),
        })
    }

    /// Number of type ids, counting void: valid ids are `0..type_count()`.
    pub fn type_count(&self) -> u32 {
        self.offsets.len() as u32 + 1
    }

    fn bad_id(&self, id: u32) -> BtfError {
        BtfError::BadTypeId { id, max: self.offsets.len() as u32 }
    }

    fn raw(&self, id: u32) -> Result<Raw, BtfError> {
        let idx = id.checked_sub(1).ok_or_else(|| self.bad_id(id))?;
        let pos = *self.offsets.get(idx as usize).ok_or_else(|| self.bad_id(id))? as usize;
        let word = |k: usize| read_u32(&self.data, pos + 4 * k).ok_or(BtfError::Truncated { id, offset: pos });
        Ok(Raw { name_off: word(0)?, info: word(1)?, size_or_type: word(2)?, body: pos + TYPE_HEADER_LEN })
    }

    /// Reads the `k`-th u32 of a record's trailing data, staying inside the
    /// type section.
    fn body_u32(&self, id: u32, raw: &Raw, k: usize) -> Result<u32, BtfError> {
        let pos = raw.body + 4 * k;
        if pos + 4 > self.types_end {
            return Err(BtfError::Truncated { id, offset: pos });
        }
        read_u32(&self.data, pos).ok_or(BtfError::Truncated { id, offset: pos })
    }

    /// The string at `offset` in the string section.
    pub fn string(&self, offset: u32) -> Result<&str, BtfError> {
        // Offset 0 is the empty string by definition.
        if offset == 0 {
            return Ok("");
        }
        let bad = || BtfError::BadString { offset };
        let (start, end) = self.strs;
        let from = start.checked_add(offset as usize).ok_or_else(bad)?;
        let rest = self.data.get(from..end).ok_or_else(bad)?;
        // Unterminated strings are corrupt, not cut at the section's end.
        let len = rest.iter().position(|&b| b == 0).ok_or_else(bad)?;
        let bytes = rest.get(..len).ok_or_else(bad)?;
        std::str::from_utf8(bytes).map_err(|_| bad())
    }

    /// The kind of type `id`.
    pub fn kind(&self, id: u32) -> Result<BtfKind, BtfError> {
        if id == 0 {
            return Ok(BtfKind::Void);
        }
        let raw = self.raw(id)?;
        let k = raw.kind_raw();
        BtfKind::from_raw(k).ok_or(BtfError::UnknownKind { id, kind: k })
    }

    /// The name of type `id` (empty for anonymous types and for kinds
    /// without a name).
    pub fn name(&self, id: u32) -> Result<&str, BtfError> {
        if id == 0 {
            return Ok("");
        }
        let raw = self.raw(id)?;
        self.string(raw.name_off)
    }

    /// Decodes type `id`.
    pub fn get(&self, id: u32) -> Result<BtfType<'_>, BtfError> {
        if id == 0 {
            return Ok(BtfType::Void);
        }
        let raw = self.raw(id)?;
        let k = raw.kind_raw();
        let kind = BtfKind::from_raw(k).ok_or(BtfError::UnknownKind { id, kind: k })?;
        let name = || self.string(raw.name_off);
        let st = raw.size_or_type;
        let u = |k: usize| self.body_u32(id, &raw, k);
        Ok(match kind {
            BtfKind::Void => BtfType::Void,
            BtfKind::Int => {
                let enc = u(0)?;
                BtfType::Int {
                    name: name()?,
                    size: st,
                    signed: (enc >> 24) & 1 != 0,
                    char: (enc >> 24) & 2 != 0,
                    boolean: (enc >> 24) & 4 != 0,
                    bit_offset: (enc >> 16) as u8,
                    bits: enc as u8,
                }
            }
            BtfKind::Ptr => BtfType::Ptr { target: st },
            BtfKind::Array => BtfType::Array { elem: u(0)?, index: u(1)?, len: u(2)? },
            BtfKind::Struct | BtfKind::Union => {
                let mut members = Vec::with_capacity(raw.vlen());
                for i in 0..raw.vlen() {
                    let off = u(3 * i + 2)?;
                    let (bit_offset, bits) = if raw.kind_flag() {
                        let width = (off >> 24) as u8;
                        (off & 0x00ff_ffff, (width != 0).then_some(width))
                    } else {
                        (off, None)
                    };
                    members.push(BtfMember { name: self.string(u(3 * i)?)?, ty: u(3 * i + 1)?, bit_offset, bits });
                }
                if kind == BtfKind::Struct {
                    BtfType::Struct { name: name()?, size: st, members }
                } else {
                    BtfType::Union { name: name()?, size: st, members }
                }
            }
            BtfKind::Enum | BtfKind::Enum64 => {
                let wide = kind == BtfKind::Enum64;
                let signed = raw.kind_flag();
                let mut values = Vec::with_capacity(raw.vlen());
                for i in 0..raw.vlen() {
                    let value = if wide {
                        let lo = u64::from(u(3 * i + 1)?);
                        let hi = u64::from(u(3 * i + 2)?);
                        (hi << 32 | lo) as i64
                    } else if signed {
                        i64::from(u(2 * i + 1)? as i32)
                    } else {
                        i64::from(u(2 * i + 1)?)
                    };
                    let name_off = if wide { u(3 * i)? } else { u(2 * i)? };
                    values.push(BtfEnumValue { name: self.string(name_off)?, value });
                }
                BtfType::Enum { name: name()?, size: st, signed, values, wide }
            }
            BtfKind::Fwd => BtfType::Fwd { name: name()?, union: raw.kind_flag() },
            BtfKind::Typedef => BtfType::Typedef { name: name()?, target: st },
            BtfKind::Volatile => BtfType::Volatile { target: st },
            BtfKind::Const => BtfType::Const { target: st },
            BtfKind::Restrict => BtfType::Restrict { target: st },
            BtfKind::Func => BtfType::Func { name: name()?, proto: st, linkage: raw.vlen() as u16 },
            BtfKind::FuncProto => {
                let mut params = Vec::with_capacity(raw.vlen());
                let mut varargs = false;
                for i in 0..raw.vlen() {
                    let name_off = u(2 * i)?;
                    let ty = u(2 * i + 1)?;
                    // A trailing nameless void parameter marks `...`.
                    if i + 1 == raw.vlen() && name_off == 0 && ty == 0 {
                        varargs = true;
                    } else {
                        params.push(BtfParam { name: self.string(name_off)?, ty });
                    }
                }
                BtfType::FuncProto { ret: st, params, varargs }
            }
            BtfKind::Var => BtfType::Var { name: name()?, ty: st, linkage: u(0)? },
            BtfKind::Datasec => {
                let mut vars = Vec::with_capacity(raw.vlen());
                for i in 0..raw.vlen() {
                    vars.push(BtfSecVar { ty: u(3 * i)?, offset: u(3 * i + 1)?, size: u(3 * i + 2)? });
                }
                BtfType::Datasec { name: name()?, size: st, vars }
            }
            BtfKind::Float => BtfType::Float { name: name()?, size: st },
            BtfKind::DeclTag => BtfType::DeclTag { name: name()?, target: st, component: u(0)? as i32 },
            BtfKind::TypeTag => BtfType::TypeTag { name: name()?, target: st },
        })
    }

    /// Follows typedefs, qualifiers and type tags to the underlying type.
    pub fn resolve(&self, mut id: u32) -> Result<u32, BtfError> {
        let start = id;
        for _ in 0..MAX_CHAIN {
            if id == 0 {
                return Ok(0);
            }
            let raw = self.raw(id)?;
            match BtfKind::from_raw(raw.kind_raw()) {
                Some(BtfKind::Typedef | BtfKind::Volatile | BtfKind::Const | BtfKind::Restrict | BtfKind::TypeTag) => {
                    id = raw.size_or_type
                }
                _ => return Ok(id),
            }
        }
        Err(BtfError::Cycle { id: start })
    }

    /// The type named `name` in the namespace of `kind`. The namespaces with
    /// an index are:
    ///
    /// * `Typedef`, `Func`, `Var`: records of that kind;
    /// * `Struct` / `Union`: the definition, or a FWD of that flavour when
    ///   the data has no definition;
    /// * `Enum`: ENUM and ENUM64, preferring one with enumerators.
    ///
    /// Other kinds have no names worth looking up and give `None`. Each index
    /// is built by one pass over the types the first time it is asked for;
    /// records with unreadable names are left out of it.
    pub fn find(&self, kind: BtfKind, name: &str) -> Option<u32> {
        let cell = match kind {
            BtfKind::Typedef => &self.typedefs,
            BtfKind::Struct => &self.structs,
            BtfKind::Union => &self.unions,
            BtfKind::Enum | BtfKind::Enum64 => &self.enums,
            BtfKind::Func => &self.funcs,
            BtfKind::Var => &self.vars,
            _ => return None,
        };
        cell.get_or_init(|| self.build_index(kind)).get(name).copied()
    }

    fn build_index(&self, want: BtfKind) -> NameIndex {
        let mut map = NameIndex::new();
        for (id, raw) in self.heads() {
            let Some(kind) = BtfKind::from_raw(raw.kind_raw()) else {
                continue;
            };
            // How good a match this record is: 0 no match, 1 a declaration
            // only, 2 a definition. Definitions replace declarations.
            let rank = match (want, kind) {
                (BtfKind::Struct, BtfKind::Struct) | (BtfKind::Union, BtfKind::Union) => 2,
                (BtfKind::Struct, BtfKind::Fwd) if !raw.kind_flag() => 1,
                (BtfKind::Union, BtfKind::Fwd) if raw.kind_flag() => 1,
                (BtfKind::Enum | BtfKind::Enum64, BtfKind::Enum | BtfKind::Enum64) => {
                    if raw.vlen() > 0 {
                        2
                    } else {
                        1
                    }
                }
                (w, k) if w == k => 2,
                _ => 0,
            };
            if rank == 0 || raw.name_off == 0 {
                continue;
            }
            let Ok(name) = self.string(raw.name_off) else {
                continue;
            };
            match map.get(name) {
                None => {
                    map.insert(name.into(), id);
                }
                Some(&old) if rank == 2 && self.index_rank(old) < 2 => {
                    map.insert(name.into(), id);
                }
                Some(_) => {}
            }
        }
        map
    }

    /// Every record's id and common header, in id order, for the passes
    /// over all types (name indexes, function lists). Reads only the two
    /// words those passes need.
    fn heads(&self) -> impl Iterator<Item = (u32, Raw)> + '_ {
        self.offsets.iter().zip(1u32..).filter_map(|(&pos, id)| {
            let pos = pos as usize;
            Some((
                id,
                Raw {
                    name_off: read_u32(&self.data, pos)?,
                    info: read_u32(&self.data, pos + 4)?,
                    size_or_type: 0,
                    body: pos + TYPE_HEADER_LEN,
                },
            ))
        })
    }

    /// 2 for a definition, 1 for a forward declaration (FWD, an enum
    /// without enumerators).
    fn index_rank(&self, id: u32) -> u8 {
        match self.raw(id) {
            Ok(raw) => match BtfKind::from_raw(raw.kind_raw()) {
                Some(BtfKind::Fwd) => 1,
                Some(BtfKind::Enum | BtfKind::Enum64) if raw.vlen() == 0 => 1,
                _ => 2,
            },
            Err(_) => 0,
        }
    }

    /// Names of all FUNC records, each once, in type-id order (the order
    /// the kernel's BTF lists them). Records with unreadable names are
    /// skipped.
    pub fn function_names(&self) -> impl Iterator<Item = &str> + '_ {
        let mut seen = HashSet::new();
        self.heads().filter_map(move |(_, raw)| {
            if BtfKind::from_raw(raw.kind_raw()) != Some(BtfKind::Func) {
                return None;
            }
            let name = self.string(raw.name_off).ok()?;
            (!name.is_empty() && seen.insert(name)).then_some(name)
        })
    }

    /// The signature of kernel function `name`, if BTF describes it.
    pub fn function(&self, name: &str) -> Result<Option<BtfFunction<'_>>, BtfError> {
        match self.find(BtfKind::Func, name) {
            Some(id) => self.function_by_id(id).map(Some),
            None => Ok(None),
        }
    }

    /// The signature of the FUNC record `id`.
    pub fn function_by_id(&self, id: u32) -> Result<BtfFunction<'_>, BtfError> {
        let BtfType::Func { name, proto, .. } = self.get(id)? else {
            return Err(BtfError::Unsupported { id, what: "not a FUNC record" });
        };
        let BtfType::FuncProto { ret, params, varargs } = self.get(proto)? else {
            return Err(BtfError::Unsupported { id: proto, what: "FUNC does not point at a FUNC_PROTO" });
        };
        Ok(BtfFunction { id, name, proto, ret, params, varargs })
    }
}

/// Kernel types from BTF, imported into a [`TypeTable`] on demand.
///
/// One `BtfTypes` serves one `TypeTable`: it remembers which table id each
/// BTF type became. A struct or union reached through a pointer is imported
/// as an incomplete shell (its size is known, `members` is `None`) so that a
/// script naming `struct task_struct` does not pull in half the kernel;
/// [`KernelTypes::complete`] fills a shell in place, so `a->b->c` works as
/// long as the caller completes each struct before reading its members.
/// Structs named directly, through a typedef or embedded by value are
/// imported complete.
pub struct BtfTypes {
    btf: Arc<Btf>,
    imp: Importer,
}

impl std::fmt::Debug for BtfTypes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BtfTypes")
            .field("btf", &self.btf)
            .field("imported", &self.imp.memo.len())
            .finish_non_exhaustive()
    }
}

/// The importer's state, kept apart from the [`Btf`] so that a decoded
/// record (which borrows the blob) can be held while the state changes.
#[derive(Default)]
struct Importer {
    /// BTF id → table id.
    memo: HashMap<u32, TypeId>,
    /// Table id → the BTF struct/union/enum/fwd it came from, for `complete`.
    origin: HashMap<TypeId, u32>,
    /// Structs/unions imported as shells and not yet filled.
    shells: HashSet<u32>,
    /// Typedef/qualifier/pointer/array ids being imported since the last
    /// struct boundary: meeting one again is a cycle no C type can have.
    chain: Vec<u32>,
    /// BTF id → how many pointer/array/typedef/qualifier/function links
    /// its imported type stacks up (see [`Importer::nest`]).
    levels: HashMap<u32, usize>,
    last_error: Option<BtfError>,
}

impl BtfTypes {
    /// An importer over `btf` with nothing imported yet.
    pub fn new(btf: impl Into<Arc<Btf>>) -> BtfTypes {
        let btf = btf.into();
        BtfTypes { btf, imp: Importer::default() }
    }

    /// Opens the kernel types `source` names: `Auto` reads
    /// [`VMLINUX_BTF`] when it exists (and gives `None` when it does not),
    /// `None` gives `None`, `Path` reads that file.
    pub fn load(source: &BtfSource) -> Result<Option<BtfTypes>, BtfError> {
        let path: &Path = match source {
            BtfSource::None => return Ok(None),
            BtfSource::Auto => {
                let p = Path::new(VMLINUX_BTF);
                if !p.exists() {
                    return Ok(None);
                }
                p
            }
            BtfSource::Path(p) => p,
        };
        if matches!(source, BtfSource::Auto) {
            return Ok(Btf::vmlinux().map(BtfTypes::new));
        }
        Btf::open(path).map(|b| Some(BtfTypes::new(b)))
    }

    /// The underlying BTF data (function lists, parameter names).
    pub fn btf(&self) -> &Btf {
        &self.btf
    }

    /// Why the most recent [`KernelTypes`] call that returned `None`/`false`
    /// for a type BTF does have failed, for a better error message.
    pub fn last_error(&self) -> Option<&BtfError> {
        self.imp.last_error.as_ref()
    }

    /// Imports BTF type `id` (complete, if it is a struct or union).
    pub fn import(&mut self, table: &mut TypeTable, id: u32) -> Result<TypeId, BtfError> {
        self.imp.chain.clear();
        self.imp.import(&self.btf, table, id, false, 0)
    }

    /// Runs an import for a [`KernelTypes`] method, recording a failure.
    fn record(&mut self, r: Result<TypeId, BtfError>) -> Option<TypeId> {
        match r {
            Ok(t) => Some(t),
            Err(e) => {
                self.imp.last_error = Some(e);
                None
            }
        }
    }
}

/// Index of the first table entry among D's built-in types satisfying
/// `pred`. Builtins sit at the front of every table made by
/// [`TypeTable::new`]; only those are searched, so this stays cheap.
fn builtin(table: &TypeTable, pred: impl Fn(&Type) -> bool) -> Option<TypeId> {
    (0..table.len().min(32) as TypeId).find(|&i| pred(table.get(i)))
}

fn small_size(id: u32, size: u32) -> Result<u8, BtfError> {
    u8::try_from(size).map_err(|_| BtfError::Unsupported { id, what: "scalar wider than 255 bytes" })
}

fn opt_name(name: &str) -> Option<String> {
    (!name.is_empty()).then(|| name.to_string())
}

impl Importer {
    fn memo_get(&self, table: &TypeTable, id: u32) -> Option<TypeId> {
        // An id past the end of the table means this importer was used with
        // another table; treat it as not imported rather than hand out a
        // dangling id.
        self.memo.get(&id).copied().filter(|&t| (t as usize) < table.len())
    }

    fn remember(&mut self, id: u32, tid: TypeId) -> TypeId {
        self.memo.insert(id, tid);
        tid
    }

    /// Imports `id`; `shell` asks for structs/unions as incomplete shells
    /// (they are behind a pointer).
    fn import(
        &mut self,
        btf: &Btf,
        table: &mut TypeTable,
        id: u32,
        shell: bool,
        depth: usize,
    ) -> Result<TypeId, BtfError> {
        if depth > MAX_DEPTH {
            return Err(BtfError::TooDeep { id, max: MAX_DEPTH });
        }
        if let Some(tid) = self.memo_get(table, id) {
            if !shell && self.shells.contains(&id) {
                self.fill_sou(btf, table, id, tid, depth)?;
            }
            return Ok(tid);
        }
        let ty = btf.get(id)?;
        match ty {
            BtfType::Void => {
                let tid = match builtin(table, |t| matches!(t, Type::Void)) {
                    Some(t) => t,
                    None => table.add(Type::Void),
                };
                Ok(self.remember(id, tid))
            }
            BtfType::Int { name, size, signed, .. } => {
                let size = small_size(id, size)?;
                // Plain `char` is signed on the machines we run on, whatever
                // the encoding says.
                let signed = signed || name == "char" || name == "signed char";
                let same = |t: &Type| {
                    matches!(t, Type::Int { name: n, size: s, signed: g }
                        if n == name && *s == size && *g == signed)
                };
                let tid = match builtin(table, same) {
                    Some(t) => t,
                    None => table.add(Type::Int { name: name.to_string(), size, signed }),
                };
                Ok(self.remember(id, tid))
            }
            BtfType::Float { name, size } => {
                let size = small_size(id, size)?;
                let same = |t: &Type| matches!(t, Type::Float { name: n, size: s } if n == name && *s == size);
                let tid = match builtin(table, same) {
                    Some(t) => t,
                    None => table.add(Type::Float { name: name.to_string(), size }),
                };
                Ok(self.remember(id, tid))
            }
            BtfType::Struct { name, size, .. } | BtfType::Union { name, size, .. } => {
                let kind = if matches!(ty, BtfType::Struct { .. }) { TagKind::Struct } else { TagKind::Union };
                let tid = table.add(Type::Sou { kind, name: opt_name(name), size: u64::from(size), members: None });
                self.remember(id, tid);
                self.origin.insert(tid, id);
                if !name.is_empty() && table.tag(kind, name).is_none() {
                    table.add_tag(kind, name, tid);
                }
                if shell {
                    self.shells.insert(id);
                } else {
                    self.fill_sou(btf, table, id, tid, depth)?;
                }
                Ok(tid)
            }
            BtfType::Enum { name, size, values, .. } => {
                let size = small_size(id, size)?;
                let values =
                    (!values.is_empty()).then(|| values.iter().map(|v| (v.name.to_string(), v.value)).collect());
                let tid = table.add(Type::Enum { name: opt_name(name), size, values });
                self.remember(id, tid);
                self.origin.insert(tid, id);
                if !name.is_empty() && table.tag(TagKind::Enum, name).is_none() {
                    table.add_tag(TagKind::Enum, name, tid);
                }
                Ok(tid)
            }
            BtfType::Fwd { name, union } => {
                let kind = if union { TagKind::Union } else { TagKind::Struct };
                let tid = table.add(Type::Sou { kind, name: opt_name(name), size: 0, members: None });
                self.remember(id, tid);
                self.origin.insert(tid, id);
                if !name.is_empty() && table.tag(kind, name).is_none() {
                    table.add_tag(kind, name, tid);
                }
                Ok(tid)
            }
            BtfType::Datasec { .. } => Err(BtfError::Unsupported { id, what: "a DATASEC is not a type" }),
            // Everything else wraps other types: check for a chain that
            // loops back on itself before following it.
            _ => {
                if self.chain.contains(&id) {
                    return Err(BtfError::Cycle { id });
                }
                self.chain.push(id);
                let r = self.import_wrapper(btf, table, id, ty, shell, depth);
                self.chain.pop();
                r
            }
        }
    }

    /// Imports the kinds that wrap other types (pointers, arrays, typedefs,
    /// qualifiers, tags, functions, variables).
    fn import_wrapper(
        &mut self,
        btf: &Btf,
        table: &mut TypeTable,
        id: u32,
        ty: BtfType<'_>,
        shell: bool,
        depth: usize,
    ) -> Result<TypeId, BtfError> {
        let d = depth + 1;
        let tid = match ty {
            BtfType::Ptr { target } => {
                let to = self.import(btf, table, target, true, d)?;
                self.nest(id, &[target])?;
                table.pointer(to)
            }
            BtfType::Array { elem, len, .. } => {
                let elem_tid = self.import(btf, table, elem, shell, d)?;
                self.nest(id, &[elem])?;
                table.array(elem_tid, u64::from(len))
            }
            BtfType::Typedef { name, target } => {
                let target_tid = self.import(btf, table, target, shell, d)?;
                // A struct on the way may already have imported this typedef
                // (typedef struct s T; struct s { T *next; }): reuse it.
                if let Some(t) = self.memo_get(table, id) {
                    return Ok(t);
                }
                self.nest(id, &[target])?;
                let target = target_tid;
                if table.typedef(name).is_none() {
                    table.add_typedef(name, target)
                } else {
                    // The name is taken (a D typedef, or the script's own):
                    // keep the kernel's under its name, unregistered.
                    table.add(Type::Typedef { name: name.to_string(), target })
                }
            }
            BtfType::Volatile { target } | BtfType::Const { target } | BtfType::Restrict { target } => {
                let qual = match ty {
                    BtfType::Volatile { .. } => Qual::Volatile,
                    BtfType::Const { .. } => Qual::Const,
                    _ => Qual::Restrict,
                };
                let target_tid = self.import(btf, table, target, shell, d)?;
                if let Some(t) = self.memo_get(table, id) {
                    return Ok(t);
                }
                self.nest(id, &[target])?;
                table.add(Type::Qualified { qual, target: target_tid })
            }
            // Tags carry attributes D has no use for: the type is its target.
            BtfType::TypeTag { target, .. } | BtfType::DeclTag { target, .. } => {
                let t = self.import(btf, table, target, shell, d)?;
                self.nest(id, &[target])?;
                t
            }
            BtfType::Func { proto, .. } => {
                let t = self.import(btf, table, proto, false, d)?;
                self.nest(id, &[proto])?;
                t
            }
            BtfType::Var { ty, .. } => {
                let t = self.import(btf, table, ty, false, d)?;
                self.nest(id, &[ty])?;
                t
            }
            BtfType::FuncProto { ret, params, varargs } => {
                let ret_btf = ret;
                let ret = self.import(btf, table, ret, false, d)?;
                let mut ps = Vec::with_capacity(params.len());
                for p in &params {
                    ps.push(self.import(btf, table, p.ty, false, d)?);
                }
                if let Some(t) = self.memo_get(table, id) {
                    return Ok(t);
                }
                let parts: Vec<u32> = std::iter::once(ret_btf).chain(params.iter().map(|p| p.ty)).collect();
                self.nest(id, &parts)?;
                table.add(Type::Function { ret, params: ps, varargs })
            }
            _ => return Err(BtfError::Unsupported { id, what: "unexpected kind" }),
        };
        Ok(self.remember(id, tid))
    }

    /// Records how deeply wrapper `id` nests over the types in `parts` and
    /// refuses more than [`MAX_DEPTH`]. The table's name and size walks
    /// recurse through these links, and importing a long chain one link at
    /// a time (deepest first) must not build one deeper than a single
    /// import may. Structs and unions count as level 0: those walks stop
    /// at them.
    fn nest(&mut self, id: u32, parts: &[u32]) -> Result<(), BtfError> {
        let below = parts.iter().map(|p| self.levels.get(p).copied().unwrap_or(0)).max().unwrap_or(0);
        if below >= MAX_DEPTH {
            return Err(BtfError::TooDeep { id, max: MAX_DEPTH });
        }
        self.levels.insert(id, below + 1);
        Ok(())
    }

    /// Fills the members of struct/union `id`, already in the table as `tid`.
    fn fill_sou(
        &mut self,
        btf: &Btf,
        table: &mut TypeTable,
        id: u32,
        tid: TypeId,
        depth: usize,
    ) -> Result<(), BtfError> {
        // Off the shell list first: a member that leads back here (by a
        // corrupt by-value cycle) then sees the placeholder and stops.
        self.shells.remove(&id);
        // Members start a new chain: a typedef met again after a struct is
        // legitimate C (typedef struct s T; struct s { T *next; }).
        let saved = std::mem::take(&mut self.chain);
        let r = self.fill_members(btf, table, id, tid, depth);
        self.chain = saved;
        if r.is_err() {
            // Leave it incomplete, and let a later request try again.
            self.shells.insert(id);
        }
        r
    }

    fn fill_members(
        &mut self,
        btf: &Btf,
        table: &mut TypeTable,
        id: u32,
        tid: TypeId,
        depth: usize,
    ) -> Result<(), BtfError> {
        let (kind, name, size, members) = match btf.get(id)? {
            BtfType::Struct { name, size, members } => (TagKind::Struct, name, size, members),
            BtfType::Union { name, size, members } => (TagKind::Union, name, size, members),
            _ => return Err(BtfError::Unsupported { id, what: "not a struct or union" }),
        };
        let mut out = Vec::with_capacity(members.len());
        for m in &members {
            let ty = self.import(btf, table, m.ty, false, depth + 1)?;
            let mut bit_offset = u64::from(m.bit_offset);
            let mut bits = m.bits;
            if bits.is_none() {
                // Without kind_flag a bit-field is a member whose INT type
                // is narrower than its storage.
                if let Ok(BtfType::Int { size, bit_offset: skip, bits: width, .. }) =
                    btf.resolve(m.ty).and_then(|r| btf.get(r))
                {
                    if width != 0 && u32::from(width) < size.saturating_mul(8) {
                        bits = Some(width);
                        bit_offset += u64::from(skip);
                    }
                }
            }
            out.push(Member { name: m.name.to_string(), ty, bit_offset, bits });
        }
        table.set(tid, Type::Sou { kind, name: opt_name(name), size: u64::from(size), members: Some(out) });
        Ok(())
    }

    /// Completes table type `tid` (a struct/union/enum without a body) from
    /// BTF: its own record if it is a shell, else the definition of the same
    /// name.
    fn complete(&mut self, btf: &Btf, table: &mut TypeTable, tid: TypeId) -> Result<bool, BtfError> {
        let (kind, name) = match table.get(tid) {
            Type::Sou { members: Some(_), .. } | Type::Enum { values: Some(_), .. } => return Ok(true),
            Type::Sou { kind, name, .. } => (*kind, name.clone()),
            Type::Enum { name, .. } => (TagKind::Enum, name.clone()),
            _ => return Ok(false),
        };
        self.chain.clear();
        if let Some(&bid) = self.origin.get(&tid) {
            if matches!(btf.kind(bid)?, BtfKind::Struct | BtfKind::Union) {
                self.fill_sou(btf, table, bid, tid, 0)?;
                return Ok(true);
            }
        }
        let Some(name) = name else { return Ok(false) };
        let want = match kind {
            TagKind::Struct => BtfKind::Struct,
            TagKind::Union => BtfKind::Union,
            TagKind::Enum => BtfKind::Enum,
        };
        let Some(def) = btf.find(want, &name) else {
            return Ok(false);
        };
        if btf.index_rank(def) < 2 {
            return Ok(false); // BTF only declares it too
        }
        if let Some(other) = self.memo_get(table, def) {
            if other != tid {
                // Already imported under another id: make sure that one is
                // complete and give this one the same body.
                let full = self.import(btf, table, def, false, 0)?;
                let body = table.get(full).clone();
                table.set(tid, body);
                return Ok(true);
            }
        }
        self.memo.insert(def, tid);
        self.origin.insert(tid, def);
        match btf.get(def)? {
            BtfType::Struct { .. } | BtfType::Union { .. } => {
                self.fill_sou(btf, table, def, tid, 0)?;
            }
            BtfType::Enum { size, values, .. } => {
                let values = values.iter().map(|v| (v.name.to_string(), v.value)).collect();
                table.set(tid, Type::Enum { name: Some(name), size: small_size(def, size)?, values: Some(values) });
            }
            _ => return Ok(false),
        }
        Ok(true)
    }
}

impl KernelTypes for BtfTypes {
    fn typedef(&mut self, table: &mut TypeTable, name: &str) -> Option<TypeId> {
        let id = self.btf.find(BtfKind::Typedef, name)?;
        let r = self.import(table, id);
        self.record(r)
    }

    fn tagged(&mut self, table: &mut TypeTable, kind: TagKind, name: &str) -> Option<TypeId> {
        let want = match kind {
            TagKind::Struct => BtfKind::Struct,
            TagKind::Union => BtfKind::Union,
            TagKind::Enum => BtfKind::Enum,
        };
        let id = self.btf.find(want, name)?;
        let r = self.import(table, id);
        self.record(r)
    }

    fn complete(&mut self, table: &mut TypeTable, id: TypeId) -> bool {
        if id as usize >= table.len() {
            return false;
        }
        match self.imp.complete(&self.btf, table, id) {
            Ok(done) => done,
            Err(e) => {
                self.imp.last_error = Some(e);
                false
            }
        }
    }

    fn variable(&mut self, table: &mut TypeTable, name: &str) -> Option<TypeId> {
        // vmlinux BTF only has VAR records for per-CPU variables.
        let id = self.btf.find(BtfKind::Var, name)?;
        let r = self.import(table, id);
        self.record(r)
    }

    fn function(&mut self, table: &mut TypeTable, name: &str) -> Option<TypeId> {
        let id = self.btf.find(BtfKind::Func, name)?;
        let r = self.import(table, id);
        self.record(r)
    }

    fn is_typedef(&mut self, name: &str) -> bool {
        self.btf.find(BtfKind::Typedef, name).is_some()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A tiny BTF writer for synthetic blobs (the probe catalog's tests use
    /// it too).
    pub(crate) struct Writer {
        types: Vec<u8>,
        strs: Vec<u8>,
        next: u32,
    }

    pub(crate) const SIGNED: u32 = 1;
    pub(crate) const CHAR: u32 = 2;
    const BOOL: u32 = 4;

    impl Writer {
        pub(crate) fn new() -> Writer {
            Writer { types: Vec::new(), strs: vec![0], next: 1 }
        }

        /// The id the next record will get.
        fn next_id(&self) -> u32 {
            self.next
        }

        fn s(&mut self, name: &str) -> u32 {
            if name.is_empty() {
                return 0;
            }
            let off = self.strs.len() as u32;
            self.strs.extend_from_slice(name.as_bytes());
            self.strs.push(0);
            off
        }

        fn words(&mut self, w: &[u32]) {
            for x in w {
                self.types.extend_from_slice(&x.to_le_bytes());
            }
        }

        fn rec(&mut self, name: &str, kind: u32, vlen: u32, kflag: bool, st: u32, tail: &[u32]) -> u32 {
            let n = self.s(name);
            let info = vlen | kind << 24 | u32::from(kflag) << 31;
            self.words(&[n, info, st]);
            self.words(tail);
            self.next += 1;
            self.next - 1
        }

        pub(crate) fn int(&mut self, name: &str, size: u32, enc: u32, bits: u32) -> u32 {
            self.rec(name, 1, 0, false, size, &[enc << 24 | bits])
        }
        pub(crate) fn ptr(&mut self, to: u32) -> u32 {
            self.rec("", 2, 0, false, to, &[])
        }
        fn array(&mut self, elem: u32, index: u32, len: u32) -> u32 {
            self.rec("", 3, 0, false, 0, &[elem, index, len])
        }
        /// Members: (name, type, bit offset, bit-field width or 0).
        pub(crate) fn sou(&mut self, union: bool, name: &str, size: u32, members: &[(&str, u32, u32, u32)]) -> u32 {
            let kflag = members.iter().any(|m| m.3 != 0);
            let mut tail = Vec::new();
            for &(n, ty, off, bits) in members {
                let n = self.s(n);
                let off = if kflag { bits << 24 | off } else { off };
                tail.extend_from_slice(&[n, ty, off]);
            }
            let kind = if union { 5 } else { 4 };
            self.rec(name, kind, members.len() as u32, kflag, size, &tail)
        }
        fn enum32(&mut self, name: &str, signed: bool, values: &[(&str, i32)]) -> u32 {
            let mut tail = Vec::new();
            for &(n, v) in values {
                let n = self.s(n);
                tail.extend_from_slice(&[n, v as u32]);
            }
            self.rec(name, 6, values.len() as u32, signed, 4, &tail)
        }
        fn enum64(&mut self, name: &str, values: &[(&str, u64)]) -> u32 {
            let mut tail = Vec::new();
            for &(n, v) in values {
                let n = self.s(n);
                tail.extend_from_slice(&[n, v as u32, (v >> 32) as u32]);
            }
            self.rec(name, 19, values.len() as u32, false, 8, &tail)
        }
        fn fwd(&mut self, name: &str, union: bool) -> u32 {
            self.rec(name, 7, 0, union, 0, &[])
        }
        pub(crate) fn typedef(&mut self, name: &str, to: u32) -> u32 {
            self.rec(name, 8, 0, false, to, &[])
        }
        fn volatile(&mut self, to: u32) -> u32 {
            self.rec("", 9, 0, false, to, &[])
        }
        pub(crate) fn konst(&mut self, to: u32) -> u32 {
            self.rec("", 10, 0, false, to, &[])
        }
        fn restrict(&mut self, to: u32) -> u32 {
            self.rec("", 11, 0, false, to, &[])
        }
        pub(crate) fn func(&mut self, name: &str, proto: u32) -> u32 {
            self.rec(name, 12, 1, false, proto, &[])
        }
        /// Params: (name, type); ("", 0) last means `...`.
        pub(crate) fn proto(&mut self, ret: u32, params: &[(&str, u32)]) -> u32 {
            let mut tail = Vec::new();
            for &(n, ty) in params {
                let n = self.s(n);
                tail.extend_from_slice(&[n, ty]);
            }
            self.rec("", 13, params.len() as u32, false, ret, &tail)
        }
        fn var(&mut self, name: &str, ty: u32) -> u32 {
            self.rec(name, 14, 0, false, ty, &[1])
        }
        fn datasec(&mut self, name: &str, vars: &[(u32, u32, u32)]) -> u32 {
            let tail: Vec<u32> = vars.iter().flat_map(|&(a, b, c)| [a, b, c]).collect();
            self.rec(name, 15, vars.len() as u32, false, 64, &tail)
        }
        fn float(&mut self, name: &str, size: u32) -> u32 {
            self.rec(name, 16, 0, false, size, &[])
        }
        fn decl_tag(&mut self, name: &str, to: u32, component: i32) -> u32 {
            self.rec(name, 17, 0, false, to, &[component as u32])
        }
        fn type_tag(&mut self, name: &str, to: u32) -> u32 {
            self.rec(name, 18, 0, false, to, &[])
        }

        pub(crate) fn finish(&self) -> Vec<u8> {
            let mut out = Vec::new();
            out.extend_from_slice(&MAGIC.to_le_bytes());
            out.push(1);
            out.push(0);
            let tl = self.types.len() as u32;
            for w in [24, 0, tl, tl, self.strs.len() as u32] {
                out.extend_from_slice(&w.to_le_bytes());
            }
            out.extend_from_slice(&self.types);
            out.extend_from_slice(&self.strs);
            out
        }
    }

    /// Ids of the interesting records in [`sample`].
    #[allow(dead_code)]
    struct Ids {
        int: u32,
        ulong: u32,
        chr: u32,
        uchar: u32,
        boolean: u32,
        node: u32,
        node_ptr: u32,
        s32: u32,
        mypid: u32,
        node_t: u32,
        color: u32,
        big: u32,
        const_char: u32,
        const_char_ptr: u32,
        char_ptr_const: u32,
        proto: u32,
        func: u32,
        var: u32,
        dbl: u32,
        outer: u32,
        inner: u32,
        opaque: u32,
        old_bits: u32,
        tagged_ptr: u32,
        datasec: u32,
    }

    fn sample() -> (Vec<u8>, Ids) {
        let mut w = Writer::new();
        let int = w.int("int", 4, SIGNED, 32);
        let ulong = w.int("long unsigned int", 8, 0, 64);
        let chr = w.int("char", 1, CHAR, 8);
        let uchar = w.int("unsigned char", 1, 0, 8);
        let boolean = w.int("_Bool", 1, BOOL, 8);
        // struct node { int val; struct node *next; unsigned int flags:3; unsigned char arr[4]; }
        let node = w.next_id();
        let node_ptr = node + 1;
        let arr = node + 2;
        let uint = node + 3;
        w.sou(
            false,
            "node",
            24,
            &[("val", int, 0, 0), ("next", node_ptr, 64, 0), ("flags", uint, 128, 3), ("arr", arr, 136, 0)],
        );
        w.ptr(node);
        w.array(uchar, int, 4);
        w.int("unsigned int", 4, 0, 32);
        let s32 = w.typedef("s32", int);
        let mypid = w.typedef("mypid_t", s32);
        let node_t = w.typedef("node_t", node);
        let color = w.enum32("color", true, &[("RED", 0), ("GREEN", 1), ("NEG", -1)]);
        let big = w.enum64("big", &[("HUGE", 1 << 40)]);
        let const_char = w.konst(chr);
        let const_char_ptr = w.ptr(const_char);
        let char_ptr = w.ptr(chr);
        let char_ptr_const = w.konst(char_ptr);
        let proto = w.proto(ulong, &[("fmt", const_char_ptr), ("n", node_ptr), ("", 0)]);
        let func = w.func("myfunc", proto);
        w.func("myfunc", proto); // duplicate FUNC, as vmlinux has for statics
        let var = w.var("cpu_number", int);
        let dbl = w.float("double", 8);
        // struct outer { struct inner *p; volatile int v; int *restrict r; }; struct inner { int x; }
        let outer = w.next_id();
        let inner_ptr = outer + 1;
        let inner = outer + 2;
        let vol = outer + 3;
        let int_ptr = outer + 4;
        let rptr = outer + 5;
        w.sou(false, "outer", 24, &[("p", inner_ptr, 0, 0), ("v", vol, 64, 0), ("r", rptr, 128, 0)]);
        w.ptr(inner);
        w.sou(false, "inner", 4, &[("x", int, 0, 0)]);
        w.volatile(int);
        w.ptr(int);
        w.restrict(int_ptr);
        let opaque = w.fwd("opaque", false);
        // Old-style bit-field: no kind_flag, the INT itself is 5 bits at offset 2.
        let bits5 = w.int("unsigned int", 4, 0, 5);
        let old_bits = w.sou(false, "oldbits", 4, &[("a", bits5, 0, 0), ("b", int, 0, 0)]);
        let tag = w.type_tag("user", int);
        let tagged_ptr = w.ptr(tag);
        w.decl_tag("noinline", func, -1);
        let datasec = w.datasec(".data..percpu", &[(var, 0, 4)]);
        w.union_with_fwd();
        let ids = Ids {
            int,
            ulong,
            chr,
            uchar,
            boolean,
            node,
            node_ptr,
            s32,
            mypid,
            node_t,
            color,
            big,
            const_char,
            const_char_ptr,
            char_ptr_const,
            proto,
            func,
            var,
            dbl,
            outer,
            inner,
            opaque,
            old_bits,
            tagged_ptr,
            datasec,
        };
        (w.finish(), ids)
    }

    impl Writer {
        /// `union u;` declared first, defined later: the index must prefer
        /// the definition.
        fn union_with_fwd(&mut self) {
            self.fwd("u", true);
            let int = 1;
            self.sou(true, "u", 8, &[("i", int, 0, 0), ("l", 2, 0, 0)]);
        }
    }

    fn types(blob: Vec<u8>) -> BtfTypes {
        BtfTypes::new(Btf::from_bytes(blob).expect("valid blob"))
    }

    fn members(table: &TypeTable, id: TypeId) -> Vec<Member> {
        match table.get(table.resolve(id)) {
            Type::Sou { members: Some(m), .. } => m.clone(),
            other => panic!("not a complete struct: {other:?}"),
        }
    }

    fn member(table: &TypeTable, id: TypeId, name: &str) -> Member {
        members(table, id).into_iter().find(|m| m.name == name).unwrap_or_else(|| panic!("no member {name}"))
    }

    #[test]
    fn decodes_every_kind() {
        let (blob, ids) = sample();
        let btf = Btf::from_bytes(blob).unwrap();
        assert_eq!(btf.get(0).unwrap(), BtfType::Void);
        assert!(matches!(btf.get(ids.int).unwrap(), BtfType::Int { name: "int", size: 4, signed: true, bits: 32, .. }));
        assert!(matches!(btf.get(ids.boolean).unwrap(), BtfType::Int { boolean: true, .. }));
        let BtfType::Struct { name, size, members } = btf.get(ids.node).unwrap() else { panic!() };
        assert_eq!((name, size, members.len()), ("node", 24, 4));
        assert_eq!(members[2].bits, Some(3));
        assert_eq!(members[2].bit_offset, 128);
        assert_eq!(members[1].bits, None);
        let BtfType::Enum { values, signed, wide, .. } = btf.get(ids.color).unwrap() else { panic!() };
        assert!(signed && !wide);
        assert_eq!(values[2], BtfEnumValue { name: "NEG", value: -1 });
        let BtfType::Enum { values, wide, .. } = btf.get(ids.big).unwrap() else { panic!() };
        assert!(wide);
        assert_eq!(values[0].value, 1 << 40);
        assert_eq!(btf.get(ids.opaque).unwrap(), BtfType::Fwd { name: "opaque", union: false });
        assert_eq!(btf.get(ids.dbl).unwrap(), BtfType::Float { name: "double", size: 8 });
        assert!(matches!(btf.get(ids.var).unwrap(), BtfType::Var { name: "cpu_number", .. }));
        assert!(matches!(btf.get(ids.datasec).unwrap(), BtfType::Datasec { ref vars, .. } if vars.len() == 1));
        assert_eq!(btf.kind(ids.tagged_ptr).unwrap(), BtfKind::Ptr);
        assert_eq!(btf.resolve(ids.mypid).unwrap(), ids.int);
        assert!(btf.get(btf.type_count()).is_err());

        // Lookups by kind and name.
        assert_eq!(btf.find(BtfKind::Typedef, "mypid_t"), Some(ids.mypid));
        assert_eq!(btf.find(BtfKind::Struct, "node"), Some(ids.node));
        assert_eq!(btf.find(BtfKind::Struct, "opaque"), Some(ids.opaque));
        assert_eq!(btf.find(BtfKind::Union, "opaque"), None);
        assert_eq!(btf.kind(btf.find(BtfKind::Union, "u").unwrap()).unwrap(), BtfKind::Union);
        assert_eq!(btf.find(BtfKind::Enum, "big"), Some(ids.big));
        assert_eq!(btf.find(BtfKind::Var, "cpu_number"), Some(ids.var));
        assert_eq!(btf.find(BtfKind::Int, "int"), None);

        // Functions.
        let names: Vec<&str> = btf.function_names().collect();
        assert_eq!(names, ["myfunc"]);
        let f = btf.function("myfunc").unwrap().unwrap();
        assert_eq!((f.id, f.proto, f.ret, f.varargs), (ids.func, ids.proto, ids.ulong, true));
        let params: Vec<(&str, u32)> = f.params.iter().map(|p| (p.name, p.ty)).collect();
        assert_eq!(params, [("fmt", ids.const_char_ptr), ("n", ids.node_ptr)]);
        assert!(btf.function("nosuch").unwrap().is_none());
    }

    #[test]
    fn imports_ints_typedefs_and_enums() {
        let (blob, ids) = sample();
        let mut k = types(blob);
        let (mut t, b) = TypeTable::new();

        assert!(k.is_typedef("mypid_t"));
        assert!(!k.is_typedef("node"));
        let pid = k.typedef(&mut t, "mypid_t").unwrap();
        assert_eq!(t.name(pid), "mypid_t");
        let Type::Typedef { target, .. } = t.get(pid) else { panic!() };
        assert_eq!(t.name(*target), "s32");
        // BTF's `int` is D's `int`.
        assert_eq!(t.resolve(pid), b.int);
        assert_eq!(t.size_of(pid, 256), 4);
        assert!(t.is_signed(pid));
        assert_eq!(t.typedef("s32"), Some(*target));

        let ulong = k.import(&mut t, ids.ulong).unwrap();
        assert_eq!(t.get(ulong), &Type::Int { name: "long unsigned int".into(), size: 8, signed: false });
        let chr = k.import(&mut t, ids.chr).unwrap();
        assert_eq!(chr, b.char);
        let boolean = k.import(&mut t, ids.boolean).unwrap();
        assert_eq!(t.name(boolean), "_Bool");
        assert!(!t.is_signed(boolean));
        let dbl = k.import(&mut t, ids.dbl).unwrap();
        assert_eq!(t.get(dbl), &Type::Float { name: "double".into(), size: 8 });

        let color = k.tagged(&mut t, TagKind::Enum, "color").unwrap();
        assert_eq!(t.name(color), "enum color");
        let Type::Enum { values: Some(v), size: 4, .. } = t.get(color) else { panic!() };
        assert_eq!(v[2], ("NEG".to_string(), -1));
        assert_eq!(t.tag(TagKind::Enum, "color"), Some(color));
        let big = k.tagged(&mut t, TagKind::Enum, "big").unwrap();
        assert_eq!(t.size_of(big, 0), 8);
        let Type::Enum { values: Some(v), .. } = t.get(big) else { panic!() };
        assert_eq!(v[0].1, 1 << 40);

        // Imports are memoized.
        let n = t.len();
        assert_eq!(k.typedef(&mut t, "mypid_t"), Some(pid));
        assert_eq!(k.tagged(&mut t, TagKind::Enum, "color"), Some(color));
        assert_eq!(t.len(), n);

        assert_eq!(k.typedef(&mut t, "nosuch"), None);
        assert_eq!(k.tagged(&mut t, TagKind::Struct, "color"), None);
    }

    #[test]
    fn imports_self_referencing_struct_with_bitfield() {
        let (blob, _) = sample();
        let mut k = types(blob);
        let (mut t, _) = TypeTable::new();
        let node = k.tagged(&mut t, TagKind::Struct, "node").unwrap();
        assert_eq!(t.name(node), "struct node");
        assert_eq!(t.size_of(node, 0), 24);
        assert_eq!(t.tag(TagKind::Struct, "node"), Some(node));
        let next = member(&t, node, "next");
        assert_eq!(t.name(next.ty), "struct node *");
        assert_eq!(t.get(next.ty), &Type::Pointer(node));
        assert_eq!((next.bit_offset, next.bits), (64, None));
        let flags = member(&t, node, "flags");
        assert_eq!((flags.bit_offset, flags.bits), (128, Some(3)));
        assert_eq!(t.name(flags.ty), "unsigned int");
        let arr = member(&t, node, "arr");
        assert_eq!(t.name(arr.ty), "unsigned char [4]");
        assert_eq!(t.size_of(arr.ty, 0), 4);
        assert_eq!(arr.bit_offset, 136);

        // A typedef of the struct is the same struct.
        let node_t = k.typedef(&mut t, "node_t").unwrap();
        assert_eq!(t.resolve(node_t), node);

        // Old-style bit-fields: width and offset from the INT.
        let ob = k.tagged(&mut t, TagKind::Struct, "oldbits").unwrap();
        let a = member(&t, ob, "a");
        assert_eq!((a.bit_offset, a.bits), (0, Some(5)));
        assert_eq!(member(&t, ob, "b").bits, None);

        // The union definition wins over its forward declaration.
        let u = k.tagged(&mut t, TagKind::Union, "u").unwrap();
        assert_eq!(t.name(u), "union u");
        assert_eq!(members(&t, u).len(), 2);
    }

    #[test]
    fn imports_functions_qualifiers_and_variables() {
        let (blob, ids) = sample();
        let mut k = types(blob);
        let (mut t, _) = TypeTable::new();
        let f = k.function(&mut t, "myfunc").unwrap();
        assert_eq!(t.name(f), "long unsigned int (const char *, struct node *, ...)");
        let Type::Function { params, varargs, .. } = t.get(f).clone() else { panic!() };
        assert!(varargs);
        // const char *: a pointer to a const char.
        let Type::Pointer(cc) = *t.get(params[0]) else { panic!() };
        assert!(matches!(t.get(cc), Type::Qualified { qual: Qual::Const, .. }));
        // char *const: a const pointer.
        let cp = k.import(&mut t, ids.char_ptr_const).unwrap();
        let Type::Qualified { qual: Qual::Const, target } = t.get(cp) else { panic!() };
        assert!(t.is_pointer(*target) && t.is_pointer(cp));
        let cc2 = k.import(&mut t, ids.const_char).unwrap();
        assert_eq!(cc2, cc);

        let v = k.variable(&mut t, "cpu_number").unwrap();
        assert_eq!(t.name(v), "int");
        assert_eq!(k.variable(&mut t, "nosuch"), None);
        assert_eq!(k.function(&mut t, "nosuch"), None);

        // Type tags are transparent.
        let tp = k.import(&mut t, ids.tagged_ptr).unwrap();
        assert_eq!(t.name(tp), "int *");
        // A DATASEC is not a type.
        assert!(k.import(&mut t, ids.datasec).is_err());
    }

    #[test]
    fn pointers_import_shells_that_complete_fills() {
        let (blob, ids) = sample();
        let mut k = types(blob);
        let (mut t, _) = TypeTable::new();
        let outer = k.tagged(&mut t, TagKind::Struct, "outer").unwrap();
        let p = member(&t, outer, "p");
        let inner = t.pointee(p.ty).unwrap();
        assert!(matches!(t.get(inner), Type::Sou { members: None, size: 4, .. }));
        assert_eq!(t.name(p.ty), "struct inner *");
        assert_eq!(t.name(member(&t, outer, "v").ty), "volatile int");
        assert!(matches!(t.get(member(&t, outer, "r").ty), Type::Qualified { qual: Qual::Restrict, .. }));
        assert!(k.complete(&mut t, inner));
        assert_eq!(t.name(member(&t, inner, "x").ty), "int");
        // Naming the struct gives the same (now complete) type.
        assert_eq!(k.tagged(&mut t, TagKind::Struct, "inner"), Some(inner));
        assert_eq!(k.import(&mut t, ids.inner).unwrap(), inner);

        // A shell reached again by value is filled then.
        let (blob, _) = sample();
        let mut k = types(blob);
        let (mut t, _) = TypeTable::new();
        let outer = k.tagged(&mut t, TagKind::Struct, "outer").unwrap();
        let inner = t.pointee(member(&t, outer, "p").ty).unwrap();
        assert_eq!(k.tagged(&mut t, TagKind::Struct, "inner"), Some(inner));
        assert_eq!(members(&t, inner).len(), 1);

        // Only declared in BTF: stays incomplete.
        let opaque = k.tagged(&mut t, TagKind::Struct, "opaque").unwrap();
        assert_eq!(t.name(opaque), "struct opaque");
        assert!(!k.complete(&mut t, opaque));
        // A script's own forward declaration is completed from BTF.
        let fwd = t.add(Type::Sou { kind: TagKind::Struct, name: Some("node".into()), size: 0, members: None });
        assert!(k.complete(&mut t, fwd));
        assert_eq!(t.size_of(fwd, 0), 24);
        assert_eq!(members(&t, fwd).len(), 4);
        let efwd = t.add(Type::Enum { name: Some("color".into()), size: 4, values: None });
        assert!(k.complete(&mut t, efwd));
        assert!(!k.complete(&mut t, 0));
        assert!(!k.complete(&mut t, 1_000_000));
    }

    // ---- malformed input ----

    fn header(type_len: u32, str_len: u32) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(&MAGIC.to_le_bytes());
        out.extend_from_slice(&[1, 0]);
        for w in [24, 0, type_len, type_len, str_len] {
            out.extend_from_slice(&w.to_le_bytes());
        }
        out
    }

    #[test]
    fn rejects_bad_headers() {
        let (blob, _) = sample();
        assert!(matches!(Btf::from_bytes(blob[..10].to_vec()), Err(BtfError::TooShort { len: 10 })));
        assert!(matches!(Btf::from_bytes(Vec::new()), Err(BtfError::TooShort { .. })));
        let mut bad = blob.clone();
        bad.swap(0, 1);
        assert!(matches!(Btf::from_bytes(bad), Err(BtfError::BadMagic { magic: 0x9feb })));
        let mut bad = blob.clone();
        bad[2] = 2;
        assert!(matches!(Btf::from_bytes(bad), Err(BtfError::BadVersion { version: 2 })));
        let mut bad = blob.clone();
        bad[4..8].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(matches!(Btf::from_bytes(bad), Err(BtfError::BadHeaderLen { .. })));
        let mut bad = blob.clone();
        bad[4..8].copy_from_slice(&8u32.to_le_bytes());
        assert!(matches!(Btf::from_bytes(bad), Err(BtfError::BadHeaderLen { hdr_len: 8 })));
        // type_len past the end
        let mut bad = blob.clone();
        bad[12..16].copy_from_slice(&(blob.len() as u32).to_le_bytes());
        assert!(matches!(Btf::from_bytes(bad), Err(BtfError::SectionOutOfBounds { section: "type", .. })));
        // offsets that would wrap a 32-bit sum
        let mut bad = blob.clone();
        bad[16..20].copy_from_slice(&u32::MAX.to_le_bytes());
        bad[20..24].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(matches!(Btf::from_bytes(bad), Err(BtfError::SectionOutOfBounds { section: "string", .. })));
        // Whole file cut short.
        assert!(Btf::from_bytes(blob[..blob.len() - 3].to_vec()).is_err());
        // An empty but valid blob.
        let empty = Btf::from_bytes(header(0, 0)).unwrap();
        assert_eq!(empty.type_count(), 1);
        assert_eq!(empty.function_names().count(), 0);
        assert!(empty.get(1).is_err());
    }

    #[test]
    fn rejects_bad_records() {
        // A record cut short: a struct claiming 2 members but carrying one.
        let mut w = Writer::new();
        w.rec("s", 4, 2, false, 4, &[0, 0, 0]);
        assert!(matches!(Btf::from_bytes(w.finish()), Err(BtfError::Truncated { id: 1, .. })));
        // A record header cut short.
        let mut w = Writer::new();
        w.int("int", 4, SIGNED, 32);
        w.words(&[0, 0]);
        assert!(matches!(Btf::from_bytes(w.finish()), Err(BtfError::Truncated { id: 2, .. })));
        // Unknown kinds.
        for kind in [0, 20, 31] {
            let mut w = Writer::new();
            w.rec("x", kind, 0, false, 0, &[]);
            assert!(matches!(Btf::from_bytes(w.finish()), Err(BtfError::UnknownKind { id: 1, .. })));
        }
    }

    #[test]
    fn bad_references_fail_cleanly() {
        let mut w = Writer::new();
        let int = w.int("int", 4, SIGNED, 32);
        let s = w.sou(false, "s", 8, &[("a", int, 0, 0), ("b", 999, 32, 0)]);
        let td = w.typedef("bad_t", 12345);
        let p = w.ptr(777);
        let arr = w.array(888, int, 2);
        let proto = w.proto(int, &[("x", 4242)]);
        w.func("f", proto);
        w.func("g", int); // FUNC not pointing at a FUNC_PROTO
                          // Names out of range.
        let badname = w.rec("", 8, 0, false, int, &[]);
        let tl = w.types.len();
        w.types[tl - 12..tl - 8].copy_from_slice(&0x00ff_ffffu32.to_le_bytes());
        let blob = w.finish();
        let btf = Btf::from_bytes(blob.clone()).unwrap();
        assert!(matches!(btf.name(badname), Err(BtfError::BadString { .. })));
        assert!(btf.get(badname).is_err());
        assert!(matches!(btf.resolve(td), Err(BtfError::BadTypeId { id: 12345, .. })));
        assert!(btf.function("g").is_err());

        let mut k = types(blob);
        let (mut t, _) = TypeTable::new();
        assert_eq!(k.tagged(&mut t, TagKind::Struct, "s"), None);
        assert!(matches!(k.last_error(), Some(BtfError::BadTypeId { id: 999, .. })));
        // The struct stays incomplete, and completing it fails the same way.
        let sid = t.tag(TagKind::Struct, "s").unwrap();
        assert!(!k.complete(&mut t, sid));
        assert_eq!(k.typedef(&mut t, "bad_t"), None);
        for id in [s, p, arr, proto] {
            assert!(k.import(&mut t, id).is_err(), "id {id}");
        }
        assert_eq!(k.function(&mut t, "f"), None);
        assert_eq!(k.function(&mut t, "g").map(|f| t.name(f)), Some("int".into()));
    }

    #[test]
    fn string_section_errors() {
        // The last string is not NUL-terminated.
        let mut w = Writer::new();
        let int = w.int("int", 4, SIGNED, 32);
        w.strs.pop();
        let btf = Btf::from_bytes(w.finish()).unwrap();
        assert!(matches!(btf.name(int), Err(BtfError::BadString { offset: 1 })));
        assert!(matches!(btf.string(1000), Err(BtfError::BadString { offset: 1000 })));
        assert!(btf.find(BtfKind::Typedef, "int").is_none());
        // Not UTF-8.
        let mut w = Writer::new();
        let int = w.int("int", 4, SIGNED, 32);
        w.strs[1] = 0xff;
        let btf = Btf::from_bytes(w.finish()).unwrap();
        assert!(btf.get(int).is_err());
        let mut k = BtfTypes::new(btf);
        let (mut t, _) = TypeTable::new();
        assert!(k.import(&mut t, int).is_err());
    }

    #[test]
    fn cycles_are_bounded() {
        let mut w = Writer::new();
        // typedef a_t b_t; typedef b_t a_t;
        let a = w.next_id();
        w.typedef("a_t", a + 1);
        w.typedef("b_t", a);
        // A pointer to itself, a const of itself.
        let p = w.next_id();
        w.ptr(p);
        let c = w.next_id();
        w.konst(c);
        // A struct that contains itself by value.
        let s = w.next_id();
        w.sou(false, "selfish", 8, &[("me", s, 0, 0)]);
        // A chain of 1000 pointers: deeper than the importer follows.
        let first = w.next_id();
        for i in 0..1000 {
            w.ptr(first + i + 1);
        }
        w.int("int", 4, SIGNED, 32);
        // A chain of typedefs longer than resolve follows.
        let tfirst = w.next_id();
        for i in 0..100 {
            w.typedef(&format!("t{i}"), tfirst + i + 1);
        }
        w.int("int", 4, SIGNED, 32);
        let btf = Btf::from_bytes(w.finish()).unwrap();
        assert!(matches!(btf.resolve(a), Err(BtfError::Cycle { .. })));
        assert!(btf.resolve(tfirst).is_err());
        let mut k = BtfTypes::new(btf);
        let (mut t, _) = TypeTable::new();
        assert_eq!(k.typedef(&mut t, "a_t"), None);
        assert!(matches!(k.last_error(), Some(BtfError::Cycle { .. })));
        assert!(matches!(k.import(&mut t, p), Err(BtfError::Cycle { .. })));
        assert!(matches!(k.import(&mut t, c), Err(BtfError::Cycle { .. })));
        // By-value self containment ends at the placeholder.
        let sid = k.tagged(&mut t, TagKind::Struct, "selfish").unwrap();
        assert_eq!(member(&t, sid, "me").ty, sid);
        assert!(matches!(k.import(&mut t, first), Err(BtfError::TooDeep { .. })));
        // Importing the chain one link at a time, deepest first, stops at
        // the same bound instead of stacking up 1000 pointers.
        let (mut t2, _) = TypeTable::new();
        let mut ok = 0;
        for id in (first..first + 1000).rev() {
            if k.import(&mut t2, id).is_ok() {
                ok += 1;
            }
        }
        assert_eq!(ok, MAX_DEPTH);
        // The typedef chain itself is fine for the importer (it is acyclic).
        let t0 = k.typedef(&mut t, "t0").unwrap();
        assert_eq!(t.name(t0), "t0");
    }

    /// Exercises everything on one (possibly corrupt) blob; must not panic.
    fn exercise(blob: Vec<u8>) {
        let Ok(btf) = Btf::from_bytes(blob) else {
            return;
        };
        let n = btf.type_count();
        for id in 0..n + 2 {
            let _ = btf.get(id);
            let _ = btf.resolve(id);
            let _ = btf.name(id);
            let _ = btf.kind(id);
            let _ = btf.function_by_id(id);
        }
        let _: Vec<&str> = btf.function_names().collect();
        for name in ["node", "u", "myfunc", "mypid_t", "color", "cpu_number", "opaque"] {
            for kind in [BtfKind::Typedef, BtfKind::Struct, BtfKind::Union, BtfKind::Enum, BtfKind::Func, BtfKind::Var]
            {
                let _ = btf.find(kind, name);
            }
            let _ = btf.function(name);
        }
        let mut k = BtfTypes::new(btf);
        let (mut t, _) = TypeTable::new();
        for name in ["node", "u", "mypid_t", "color", "opaque", "outer"] {
            let _ = k.tagged(&mut t, TagKind::Struct, name);
            let _ = k.tagged(&mut t, TagKind::Union, name);
            let _ = k.tagged(&mut t, TagKind::Enum, name);
            let _ = k.typedef(&mut t, name);
            let _ = k.is_typedef(name);
        }
        let _ = k.function(&mut t, "myfunc");
        let _ = k.variable(&mut t, "cpu_number");
        for id in 0..n + 2 {
            let _ = k.import(&mut t, id);
        }
        for id in 0..t.len() as TypeId {
            let _ = k.complete(&mut t, id);
        }
        // The table must stay printable and measurable.
        for id in 0..t.len() as TypeId {
            let _ = t.name(id);
            let _ = t.size_of(id, 256);
        }
    }

    #[test]
    fn corrupted_blobs_never_panic() {
        let (blob, _) = sample();
        exercise(blob.clone());
        // xorshift: deterministic and dependency-free.
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for round in 0..3000 {
            let mut b = blob.clone();
            match round % 4 {
                0 => {
                    let cut = (next() as usize) % b.len();
                    b.truncate(cut);
                }
                1 => {
                    let i = (next() as usize) % b.len();
                    b[i] ^= 1 << (next() % 8);
                }
                2 => {
                    // Several random bytes, skipping the header so that the
                    // type records themselves get exercised.
                    for _ in 0..4 {
                        let i = 24 + (next() as usize) % (b.len() - 24);
                        b[i] = next() as u8;
                    }
                }
                _ => {
                    // A type-id-sized word somewhere in the type section.
                    let words = (b.len() - 24) / 4;
                    let i = 24 + 4 * ((next() as usize) % words);
                    let v = (next() % 64) as u32;
                    b[i..i + 4].copy_from_slice(&v.to_le_bytes());
                }
            }
            exercise(b);
        }
    }

    #[test]
    fn load_follows_the_source() {
        assert!(BtfTypes::load(&BtfSource::None).unwrap().is_none());
        let missing = BtfSource::Path("/nonexistent/btf/vmlinux".into());
        assert!(matches!(BtfTypes::load(&missing), Err(BtfError::Io { .. })));
        let (blob, _) = sample();
        let path = std::env::temp_dir().join(format!("dtrace-btf-test-{}", std::process::id()));
        std::fs::write(&path, blob).unwrap();
        let loaded = BtfTypes::load(&BtfSource::Path(path.clone()));
        let _ = std::fs::remove_file(&path);
        let mut k = loaded.unwrap().unwrap();
        assert!(k.is_typedef("node_t"));
    }

    // ---- the running kernel ----

    #[test]
    fn real_kernel_btf() {
        if !Path::new(VMLINUX_BTF).exists() {
            eprintln!("skipped: no {VMLINUX_BTF}");
            return;
        }
        let mut k = BtfTypes::load(&BtfSource::Auto).unwrap().unwrap();
        let (mut t, _) = TypeTable::new();
        assert!(k.is_typedef("pid_t"));
        assert!(!k.is_typedef("task_struct"));
        let task = k.tagged(&mut t, TagKind::Struct, "task_struct").unwrap();
        assert_eq!(t.name(task), "struct task_struct");
        let pid = member(&t, task, "pid");
        assert_eq!(t.name(pid.ty), "pid_t");
        assert_eq!(t.size_of(pid.ty, 0), 4);
        assert!(matches!(t.base(pid.ty), Type::Int { size: 4, signed: true, .. }));
        let comm = member(&t, task, "comm");
        let Type::Array { elem, len: 16 } = t.base(comm.ty) else { panic!("comm is {}", t.name(comm.ty)) };
        assert!(matches!(t.base(*elem), Type::Int { name, size: 1, signed: true } if name == "char"));
        let u64_ = k.typedef(&mut t, "u64").unwrap();
        assert!(matches!(t.base(u64_), Type::Int { size: 8, signed: false, .. }));

        // curthread->real_parent->pid, curthread->mm->...
        let parent = member(&t, task, "real_parent");
        assert_eq!(t.pointee(parent.ty), Some(task));
        let mm = member(&t, task, "mm");
        let mm_struct = t.pointee(mm.ty).unwrap();
        assert!(k.complete(&mut t, mm_struct));
        assert!(!members(&t, mm_struct).is_empty());

        assert!(k.btf().function_names().any(|f| f == "vfs_read"));
        let f = k.function(&mut t, "vfs_read").unwrap();
        let Type::Function { params, .. } = t.get(f) else { panic!() };
        assert_eq!(params.len(), 4);
        let sig = k.btf().function("vfs_read").unwrap().unwrap();
        assert_eq!(sig.params[0].name, "file");
    }
}
