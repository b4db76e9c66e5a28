//! Semantic analysis: the D type system, identifier scopes, declarations,
//! actions and aggregations. Input: the parsed [`Program`]; output: a
//! [`Checked`] program whose every expression has a type, which is what code
//! generation accepts.
//!
//! As in dtrace(1), declarations (types, variables, inlines, translators,
//! providers) and probe descriptions are processed first, in source order,
//! then each clause is checked in order: so an error in a declaration is
//! reported before one in an earlier clause, just as the illumos compiler
//! (which handles declarations while parsing) reports it.
//!
//! - [`decl`]: declaration specifiers and declarators → types; variable,
//!   typedef, struct/union/enum, inline, translator and provider declarations.
//! - [`expr`]: expressions: identifiers, operators, casts, members, calls.
//! - [`stmt`]: clauses: probe matching, predicates, actions, aggregations,
//!   speculation ordering, printf formats.

mod decl;
mod expr;
mod stmt;

pub use decl::Translator;

use crate::consumer::probes::{Probe, ProbeCatalog};
use crate::parser::ast::{Item, Program, Span};
use crate::parser::btf::BtfTypes;
use crate::parser::errtags::ErrTag;
use crate::parser::lexer::PragmaOption;
use crate::parser::types::{Builtin, KernelTypes, TagKind, TypeId, TypeTable};
use crate::parser::{CompileError, CompileOptions};
use std::collections::HashMap;

/// A checked program: the AST with types, plus everything sema learned.
pub struct Checked {
    pub program: Program,
    pub types: TypeTable,
    pub builtin: Builtin,
    /// Per clause, in order: the probes each description matched.
    pub clauses: Vec<ClauseProbes>,
    /// Global, thread-local and clause-local variables.
    pub vars: HashMap<(VarScope, String), Var>,
    /// Aggregations by name (without `@`).
    pub aggs: HashMap<String, Agg>,
    /// `#pragma D option` settings, in order.
    pub options: Vec<PragmaOption>,
    /// Translators, for `xlate` code generation.
    pub translators: Vec<Translator>,
    /// Inline definitions (the D library's constants included).
    pub inlines: HashMap<String, Inline>,
    /// Enumerators and their values.
    pub enumerators: HashMap<String, (TypeId, i64)>,
}

impl Checked {
    /// The clauses' probe descriptions as written (after macro expansion).
    pub fn probe_specs(&self) -> Vec<String> {
        self.clauses.iter().flat_map(|c| c.specs.iter().map(|(s, _)| s.clone())).collect()
    }

    /// Every probe the program enables, each once, in id order.
    pub fn probes(&self) -> Vec<Probe> {
        let mut v: Vec<Probe> =
            self.clauses.iter().flat_map(|c| c.specs.iter().flat_map(|(_, p)| p.iter().cloned())).collect();
        v.sort_by_key(|p| p.id);
        v.dedup_by_key(|p| p.id);
        v
    }
}

/// The probe descriptions of one clause and what each matched.
#[derive(Clone, Debug, Default)]
pub struct ClauseProbes {
    pub specs: Vec<(String, Vec<Probe>)>,
}

/// Where a D variable lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum VarScope {
    Global,
    /// `self->`
    Thread,
    /// `this->`
    Local,
}

/// A D variable: scalar or associative array.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Var {
    pub ty: TypeId,
    /// `Some(key types)` for associative arrays.
    pub keys: Option<Vec<TypeId>>,
    /// Declared with `extern` (a kernel symbol) rather than a D variable.
    pub external: bool,
    pub line: u32,
}

/// An aggregation: its function and key signature, fixed by first use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Agg {
    pub func: &'static str,
    pub keys: Vec<TypeId>,
    pub line: u32,
    /// lquantize/llquantize constant parameters, fixed by the first use.
    pub params: Option<Vec<i64>>,
}

/// An inline definition: its type, value and (for `inline T name[K k] =`)
/// parameter types.
pub struct Inline {
    pub ty: TypeId,
    pub value: crate::parser::ast::Expr,
    pub params: Option<Vec<TypeId>>,
}

/// Kernel types, loaded the first time a script needs one.
pub enum Kernel {
    NotLoaded(crate::parser::BtfSource),
    Loaded(Option<Box<BtfTypes>>),
}

impl Kernel {
    pub fn get(&mut self) -> Option<&mut BtfTypes> {
        if let Kernel::NotLoaded(src) = self {
            // A broken BTF file behaves like none: kernel references then
            // fail with the "no kernel types" error.
            let loaded = BtfTypes::load(src).ok().flatten().map(Box::new);
            *self = Kernel::Loaded(loaded);
        }
        match self {
            Kernel::Loaded(k) => k.as_deref_mut(),
            Kernel::NotLoaded(_) => None,
        }
    }
}

/// The analysis state for one program.
pub(crate) struct Sema<'a> {
    pub types: TypeTable,
    pub b: Builtin,
    pub kernel: &'a mut Kernel,
    pub catalog: &'a dyn ProbeCatalog,
    pub opts: &'a CompileOptions,
    pub vars: HashMap<(VarScope, String), Var>,
    pub aggs: HashMap<String, Agg>,
    pub inlines: HashMap<String, Inline>,
    pub enumerators: HashMap<String, (TypeId, i64)>,
    pub translators: Vec<decl::Translator>,
    /// Types of built-ins and prototypes, parsed once.
    pub proto_cache: HashMap<&'static str, TypeId>,
    /// The variable an assignment being typed will create, which its own
    /// value may not read.
    pub pending_new: Option<(VarScope, String)>,
    /// An action or aggregating function used as a value in the clause
    /// being checked: dtrace(1) finds that only when generating code, so
    /// the clause's other checks come first.
    pub pending_cg: Option<CompileError>,
}

pub(crate) type SResult<T> = Result<T, CompileError>;

pub(crate) fn err<T>(tag: ErrTag, span: Span, msg: impl Into<String>) -> SResult<T> {
    Err(CompileError::new(tag, Some(span.line), msg))
}

/// What the parser learned that the checks after it need.
pub struct AfterParse {
    /// The line the lexer ended on, for errors about the whole program.
    pub eof_line: u32,
    /// Which macro arguments the program referenced.
    pub used_args: Vec<bool>,
    /// `-x argref`: unreferenced macro arguments are allowed.
    pub argref: bool,
    /// `#pragma D attributes|binding` targets: (pragma, ident, line).
    pub pragma_idents: Vec<(&'static str, String, u32)>,
}

/// Checks a parsed program.
pub fn check(
    mut program: Program,
    options: Vec<PragmaOption>,
    types: (TypeTable, Builtin),
    kernel: &mut Kernel,
    opts: &CompileOptions,
    catalog: &dyn ProbeCatalog,
    after: &AfterParse,
) -> Result<Checked, CompileError> {
    let mut s = Sema {
        types: types.0,
        b: types.1,
        kernel,
        catalog,
        opts,
        vars: HashMap::new(),
        aggs: HashMap::new(),
        inlines: HashMap::new(),
        enumerators: HashMap::new(),
        translators: Vec::new(),
        proto_cache: HashMap::new(),
        pending_new: None,
        pending_cg: None,
    };
    s.define_library();
    // Pass 1: what dtrace(1) checks while parsing — declarations, and the
    // calls and constant divisions inside clauses — in source order.
    for item in &mut program.items {
        match item {
            Item::Decl(d) => s.declaration(d)?,
            Item::Inline(i) => s.inline(i)?,
            Item::Translator(t) => s.translator(t)?,
            Item::Provider(p) => s.provider(p)?,
            Item::Clause(c) => s.parse_time_checks(c)?,
        }
    }
    // #pragma attributes/binding must name something the program defines.
    for (pragma, ident, line) in &after.pragma_idents {
        let defined = s.lookup_var(VarScope::Global, ident).is_some() || s.inlines.contains_key(ident);
        if crate::parser::builtins::lookup(ident).is_some() {
            return Err(CompileError::new(
                ErrTag::D_PRAGMA_SCOPE,
                Some(*line),
                format!("#pragma {pragma} cannot modify entity defined outside program scope"),
            ));
        }
        if !defined {
            return Err(CompileError::new(ErrTag::D_PRAGMA_UNUSED, Some(*line), format!("unused #pragma {pragma}")));
        }
    }
    // dtrace(1) checks only the last macro argument for use.
    let last = opts.macro_args.len().saturating_sub(1);
    if !after.argref && last >= 1 && !after.used_args.get(last).copied().unwrap_or(false) {
        return Err(CompileError::new(
            ErrTag::D_MACRO_UNUSED,
            Some(after.eof_line),
            format!("extraneous argument '{}' (${last} is not referenced)", opts.macro_args[last]),
        ));
    }
    if program.items.iter().all(|i| matches!(i, Item::Decl(_))) {
        return Err(CompileError::new(ErrTag::D_EMPTY, Some(after.eof_line), "empty D program translation unit"));
    }
    // Pass 2: each clause against the probes it names.
    let mut clauses = Vec::new();
    for item in &mut program.items {
        if let Item::Clause(c) = item {
            let probes = s.clause_probes(c)?;
            s.clause(c, &probes)?;
            clauses.push(probes);
        }
    }
    Ok(Checked {
        program,
        types: s.types,
        builtin: s.b,
        clauses,
        vars: s.vars,
        aggs: s.aggs,
        options,
        translators: s.translators,
        inlines: s.inlines,
        enumerators: s.enumerators,
    })
}

impl Sema<'_> {
    /// The D library's constants, as `inline int` definitions.
    fn define_library(&mut self) {
        for (name, value) in crate::parser::dlib::CONSTANTS {
            let expr = crate::parser::ast::Expr {
                kind: crate::parser::ast::ExprKind::Int {
                    value: *value as u64,
                    suffix: Default::default(),
                    decimal: true,
                },
                span: Span::default(),
                ty: Some(self.b.int),
            };
            self.inlines.insert(name.to_string(), Inline { ty: self.b.int, value: expr, params: None });
        }
    }

    /// A kernel typedef, imported on first use.
    pub fn kernel_typedef(&mut self, name: &str) -> Option<TypeId> {
        let k = self.kernel.get()?;
        k.typedef(&mut self.types, name)
    }

    /// A kernel struct/union/enum, imported on first use.
    pub fn kernel_tag(&mut self, kind: TagKind, name: &str) -> Option<TypeId> {
        let k = self.kernel.get()?;
        k.tagged(&mut self.types, kind, name)
    }

    /// Completes a forward-declared kernel struct if BTF defines it.
    pub fn complete(&mut self, id: TypeId) -> bool {
        match self.kernel.get() {
            Some(k) => k.complete(&mut self.types, id),
            None => false,
        }
    }

    /// Whether kernel types are available at all.
    pub fn have_kernel_types(&mut self) -> bool {
        self.kernel.get().is_some()
    }
}
