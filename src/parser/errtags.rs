//! The D compiler's diagnostic tags, one table for every stage.
//!
//! The names are DTrace's (illumos `dt_errtags.h`), so a script that fails
//! here fails with the same tag it gets from dtrace(1); `-x errtags` prints
//! the tag in brackets before the message.

macro_rules! errtags {
    ($($(#[$doc:meta])* $tag:ident,)*) => {
        /// A compile error's kind, named as DTrace names it.
        #[allow(non_camel_case_types)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum ErrTag { $($(#[$doc])* $tag,)* }

        impl ErrTag {
            /// Every tag, in DTrace's order.
            pub const ALL: &'static [ErrTag] = &[$(ErrTag::$tag,)*];

            /// The tag's name as `-x errtags` prints it, e.g. `D_SYNTAX`.
            pub fn name(self) -> &'static str {
                match self { $(ErrTag::$tag => stringify!($tag),)* }
            }
        }
    };
}

errtags! {
    /// Unknown D compiler error.
    D_UNKNOWN,
    /// Syntax error in the input stream.
    D_SYNTAX,
    /// Empty translation unit.
    D_EMPTY,
    /// Type definition missing.
    D_TYPE_ERR,
    /// Type member not found.
    D_TYPE_MEMBER,
    /// Relocation remains against a symbol.
    D_ASRELO,
    /// Tracing function called from an expression.
    D_CG_EXPR,
    /// Expression returns a dynamic result.
    D_CG_DYN,
    /// Attributes less than the `amin` setting.
    D_ATTR_MIN,
    /// Identifier space overflow.
    D_ID_OFLOW,
    /// Probe description matches zero probes.
    D_PDESC_ZERO,
    /// Probe description is not valid.
    D_PDESC_INVAL,
    /// Predicate must be of scalar type.
    D_PRED_SCALAR,
    /// Function designator is not an identifier.
    D_FUNC_IDENT,
    /// Function identifier is not defined.
    D_FUNC_UNDEF,
    /// Function identifier is of the wrong kind.
    D_FUNC_IDKIND,
    /// offsetof argument is not a struct or union type.
    D_OFFSETOF_TYPE,
    /// offsetof applied to a bit-field member.
    D_OFFSETOF_BITFIELD,
    /// Invalid sizeof type.
    D_SIZEOF_TYPE,
    /// sizeof applied to a bit-field member.
    D_SIZEOF_BITFIELD,
    /// Invalid stringof type.
    D_STRINGOF_TYPE,
    /// Operand must be an identifier.
    D_OP_IDENT,
    /// Operand must be of integral type.
    D_OP_INT,
    /// Operand must be of scalar type.
    D_OP_SCALAR,
    /// Operand must be of arithmetic type.
    D_OP_ARITH,
    /// Operand must be a writable variable.
    D_OP_WRITE,
    /// Operand must be an lvalue.
    D_OP_LVAL,
    /// Operand types are not compatible.
    D_OP_INCOMPAT,
    /// Operand cannot be void or a function pointer.
    D_OP_VFPTR,
    /// Operand cannot be an array or a function.
    D_OP_ARRFUN,
    /// Operand must be a pointer.
    D_OP_PTR,
    /// Operand must be a struct or union.
    D_OP_SOU,
    /// Operand is of an incomplete type.
    D_OP_INCOMPLETE,
    /// Operand cannot be of dynamic type.
    D_OP_DYN,
    /// Operand cannot be an action.
    D_OP_ACT,
    /// Aggregation cannot be redefined.
    D_AGG_REDEF,
    /// Aggregating function required.
    D_AGG_FUNC,
    /// Aggregation used as a multi-dimensional array.
    D_AGG_MDIM,
    /// Non-array accessed with a tuple.
    D_ARR_BADREF,
    /// Local associative arrays cannot be defined.
    D_ARR_LOCAL,
    /// Division by zero detected.
    D_DIV_ZERO,
    /// Dereference of a non-pointer type.
    D_DEREF_NONPTR,
    /// Dereference of a void pointer.
    D_DEREF_VOID,
    /// Dereference of a function pointer.
    D_DEREF_FUNC,
    /// Unary & applied to a non-lvalue.
    D_ADDROF_LVAL,
    /// Unary & applied to a D variable.
    D_ADDROF_VAR,
    /// Unary & applied to a bit-field member.
    D_ADDROF_BITFIELD,
    /// Translator redeclared.
    D_XLATE_REDECL,
    /// No conversion defined for a member.
    D_XLATE_NOCONV,
    /// No translator for this type combination.
    D_XLATE_NONE,
    /// Translator output must be a struct or union type.
    D_XLATE_SOU,
    /// Translator member type incompatible.
    D_XLATE_INCOMPAT,
    /// Translator member is not valid.
    D_XLATE_MEMB,
    /// Invalid cast expression.
    D_CAST_INVAL,
    /// `#pragma error` message.
    D_PRAGERR,
    /// Invalid control directive.
    D_PRAGCTL_INVAL,
    /// Invalid compiler pragma.
    D_PRAGMA_INVAL,
    /// Unused compiler pragma.
    D_PRAGMA_UNUSED,
    /// Malformed `#pragma` argument list.
    D_PRAGMA_MALFORM,
    /// Failed to set a `#pragma` option.
    D_PRAGMA_OPTSET,
    /// `#pragma` identifier scope error.
    D_PRAGMA_SCOPE,
    /// `#pragma` dependency not satisfied.
    D_PRAGMA_DEPEND,
    /// Macro parameter is not defined.
    D_MACRO_UNDEF,
    /// Macro parameter integer overflow.
    D_MACRO_OFLOW,
    /// Macro parameter is never used.
    D_MACRO_UNUSED,
    /// Integer constant overflow.
    D_INT_OFLOW,
    /// Integer digit is not valid.
    D_INT_DIGIT,
    /// Newline in a string literal.
    D_STR_NL,
    /// Newline in a character constant.
    D_CHR_NL,
    /// Empty character constant.
    D_CHR_NULL,
    /// Character constant is too long.
    D_CHR_OFLOW,
    /// Identifier has the wrong kind for this use.
    D_IDENT_BADREF,
    /// Identifier is not known or defined.
    D_IDENT_UNDEF,
    /// Identifier is ambiguous (variable or enumerator).
    D_IDENT_AMBIG,
    /// Kernel or user symbol reference mismatch.
    D_SYM_BADREF,
    /// No type information available for a symbol reference.
    D_SYM_NOTYPES,
    /// Module or program data model mismatch.
    D_SYM_MODEL,
    /// Reference to an undefined variable.
    D_VAR_UNDEF,
    /// Unsupported variable specification.
    D_VAR_UNSUP,
    /// Prototype length mismatch.
    D_PROTO_LEN,
    /// Prototype argument mismatch.
    D_PROTO_ARG,
    /// Description matches an unstable set of probes.
    D_ARGS_MULTI,
    /// No args[] translator defined.
    D_ARGS_XLATOR,
    /// No args[] available.
    D_ARGS_NONE,
    /// Invalid args[] type.
    D_ARGS_TYPE,
    /// Invalid args[] index.
    D_ARGS_IDX,
    /// Invalid regs[] index.
    D_REGS_IDX,
    /// Invalid aggregation or array key type.
    D_KEY_TYPE,
    /// printf dynamic size argument missing.
    D_PRINTF_DYN_PROTO,
    /// printf dynamic size type mismatch.
    D_PRINTF_DYN_TYPE,
    /// Improper use of a `%@` conversion.
    D_PRINTF_AGG_CONV,
    /// Conversion missing its value argument.
    D_PRINTF_ARG_PROTO,
    /// Conversion argument has the wrong type.
    D_PRINTF_ARG_TYPE,
    /// Extra arguments specified.
    D_PRINTF_ARG_EXTRA,
    /// Format string is not a constant.
    D_PRINTF_ARG_FMT,
    /// Format string is empty.
    D_PRINTF_FMT_EMPTY,
    /// Bad attributes for a char declaration.
    D_DECL_CHARATTR,
    /// Bad attributes for a void declaration.
    D_DECL_VOIDATTR,
    /// signed/unsigned with a non-integer declaration.
    D_DECL_SIGNINT,
    /// long with a non-arithmetic declaration.
    D_DECL_LONGINT,
    /// Old-style declaration or bad type.
    D_DECL_IDENT,
    /// More than one storage class given.
    D_DECL_CLASS,
    /// Storage class not supported in D.
    D_DECL_BADCLASS,
    /// Invalid storage class for a parameter type.
    D_DECL_PARMCLASS,
    /// Bad declaration specifier combination.
    D_DECL_COMBO,
    /// Constant integer required for an array size.
    D_DECL_ARRSUB,
    /// Array declaration requires a dimension or tuple.
    D_DECL_ARRNULL,
    /// Array size too big.
    D_DECL_ARRBIG,
    /// Identifier redeclared.
    D_DECL_IDRED,
    /// Type redeclared.
    D_DECL_TYPERED,
    /// Member name missing.
    D_DECL_MNAME,
    /// Scoping operator used in a declaration.
    D_DECL_SCOPE,
    /// Bit-field requires a constant size expression.
    D_DECL_BFCONST,
    /// Bit-field size too big for its type.
    D_DECL_BFSIZE,
    /// Bit-field type is not valid.
    D_DECL_BFTYPE,
    /// Enumerator requires a constant expression.
    D_DECL_ENCONST,
    /// Enumerator value overflows INT_MAX.
    D_DECL_ENOFLOW,
    /// Useless external declaration.
    D_DECL_USELESS,
    /// Attempt to declare a local associative array.
    D_DECL_LOCASSC,
    /// Attempt to declare a void object.
    D_DECL_VOIDOBJ,
    /// Attempt to declare a dynamic object.
    D_DECL_DYNOBJ,
    /// Declaration uses an incomplete type.
    D_DECL_INCOMPLETE,
    /// Varargs not allowed in a prototype.
    D_DECL_PROTO_VARARGS,
    /// Type not allowed in a prototype.
    D_DECL_PROTO_TYPE,
    /// void must be the sole parameter.
    D_DECL_PROTO_VOID,
    /// A void parameter may not have a name.
    D_DECL_PROTO_NAME,
    /// Parameter name has no formal.
    D_DECL_PROTO_FORM,
    /// commit() after commit().
    D_COMM_COMM,
    /// commit() after a data action.
    D_COMM_DREC,
    /// speculate() after speculate().
    D_SPEC_SPEC,
    /// speculate() after commit().
    D_SPEC_COMM,
    /// speculate() after a data action.
    D_SPEC_DREC,
    /// Aggregating action after commit().
    D_AGG_COMM,
    /// Aggregating action after speculate().
    D_AGG_SPEC,
    /// Aggregation statement has no effect.
    D_AGG_NULL,
    /// Aggregating function needs a scalar.
    D_AGG_SCALAR,
    /// Destructive action after speculate().
    D_ACT_SPEC,
    /// exit() after speculate().
    D_EXIT_SPEC,
    /// Data action after commit().
    D_DREC_COMM,
    /// printa() prototype mismatch.
    D_PRINTA_PROTO,
    /// printa() aggregation argument type mismatch.
    D_PRINTA_AGGARG,
    /// printa() aggregation not defined.
    D_PRINTA_AGGBAD,
    /// printa() aggregations with different key counts.
    D_PRINTA_AGGKEY,
    /// printa() aggregations with incompatible key types.
    D_PRINTA_AGGPROTO,
    /// trace() argument has void type.
    D_TRACE_VOID,
    /// trace() argument has dynamic type.
    D_TRACE_DYN,
    /// tracemem() address has a bad type.
    D_TRACEMEM_ADDR,
    /// tracemem() size has a bad type.
    D_TRACEMEM_SIZE,
    /// tracemem() dynamic size has a bad type.
    D_TRACEMEM_DYNSIZE,
    /// stack() prototype mismatch.
    D_STACK_PROTO,
    /// stack() size argument has a bad type.
    D_STACK_SIZE,
    /// ustack() frames argument has a bad type.
    D_USTACK_FRAMES,
    /// ustack() strsize argument has a bad type.
    D_USTACK_STRSIZE,
    /// ustack() prototype mismatch.
    D_USTACK_PROTO,
    /// lquantize() bad base type.
    D_LQUANT_BASETYPE,
    /// lquantize() bad base value.
    D_LQUANT_BASEVAL,
    /// lquantize() bad limit type.
    D_LQUANT_LIMTYPE,
    /// lquantize() bad limit value.
    D_LQUANT_LIMVAL,
    /// lquantize() limit below base.
    D_LQUANT_MISMATCH,
    /// lquantize() bad step type.
    D_LQUANT_STEPTYPE,
    /// lquantize() bad step value.
    D_LQUANT_STEPVAL,
    /// lquantize() step too large.
    D_LQUANT_STEPLARGE,
    /// lquantize() step too small.
    D_LQUANT_STEPSMALL,
    /// quantize() prototype mismatch.
    D_QUANT_PROTO,
    /// lquantize() base differs from the aggregation's earlier use.
    D_LQUANT_MATCHBASE,
    /// lquantize() limit differs from the aggregation's earlier use.
    D_LQUANT_MATCHLIM,
    /// lquantize() step differs from the aggregation's earlier use.
    D_LQUANT_MATCHSTEP,
    /// llquantize() factor differs from the aggregation's earlier use.
    D_LLQUANT_FACTORMATCH,
    /// llquantize() low magnitude differs from the aggregation's earlier use.
    D_LLQUANT_LOWMATCH,
    /// llquantize() high magnitude differs from the aggregation's earlier use.
    D_LLQUANT_HIGHMATCH,
    /// llquantize() steps differ from the aggregation's earlier use.
    D_LLQUANT_NSTEPMATCH,
    /// llquantize() bad factor type.
    D_LLQUANT_FACTORTYPE,
    /// llquantize() bad factor value.
    D_LLQUANT_FACTORVAL,
    /// llquantize() steps and factor mismatch.
    D_LLQUANT_FACTORNSTEPS,
    /// llquantize() bad number of steps for the factor.
    D_LLQUANT_FACTOREVEN,
    /// llquantize() factor below two.
    D_LLQUANT_FACTORSMALL,
    /// llquantize() bad low magnitude type.
    D_LLQUANT_LOWTYPE,
    /// llquantize() bad low magnitude value.
    D_LLQUANT_LOWVAL,
    /// llquantize() bad high magnitude type.
    D_LLQUANT_HIGHTYPE,
    /// llquantize() bad high magnitude value.
    D_LLQUANT_HIGHVAL,
    /// llquantize() high magnitude below low.
    D_LLQUANT_MAGRANGE,
    /// llquantize() magnitude too large.
    D_LLQUANT_MAGTOOBIG,
    /// llquantize() bad number-of-steps type.
    D_LLQUANT_NSTEPTYPE,
    /// llquantize() bad number-of-steps value.
    D_LLQUANT_NSTEPVAL,
    /// Process probe byte offset exceeds the function size.
    D_PROC_OFF,
    /// Process probe byte offset has an invalid alignment.
    D_PROC_ALIGN,
    /// Invalid process probe name.
    D_PROC_NAME,
    /// Failed to grab the process.
    D_PROC_GRAB,
    /// Process is not dynamically linked.
    D_PROC_DYN,
    /// Invalid process library name.
    D_PROC_LIB,
    /// No such function in the process.
    D_PROC_FUNC,
    /// pid probe creation failed.
    D_PROC_CREATEFAIL,
    /// The user-probe device is not installed.
    D_PROC_NODEV,
    /// User probe pid invalid.
    D_PROC_BADPID,
    /// User probe provider invalid.
    D_PROC_BADPROV,
    /// Problem initializing USDT.
    D_PROC_USDT,
    /// clear() prototype mismatch.
    D_CLEAR_PROTO,
    /// clear() aggregation argument type mismatch.
    D_CLEAR_AGGARG,
    /// clear() aggregation not defined.
    D_CLEAR_AGGBAD,
    /// normalize() prototype mismatch.
    D_NORMALIZE_PROTO,
    /// normalize() value must be a scalar.
    D_NORMALIZE_SCALAR,
    /// normalize() aggregation argument type mismatch.
    D_NORMALIZE_AGGARG,
    /// normalize() aggregation not defined.
    D_NORMALIZE_AGGBAD,
    /// trunc() prototype mismatch.
    D_TRUNC_PROTO,
    /// trunc() value must be a scalar.
    D_TRUNC_SCALAR,
    /// trunc() aggregation argument type mismatch.
    D_TRUNC_AGGARG,
    /// trunc() aggregation not defined.
    D_TRUNC_AGGBAD,
    /// Invalid provider name.
    D_PROV_BADNAME,
    /// Provider and probe interface mismatch.
    D_PROV_INCOMPAT,
    /// Duplicate probe declaration.
    D_PROV_PRDUP,
    /// Probe argument list too long.
    D_PROV_PRARGLEN,
    /// Probe argument translator missing.
    D_PROV_PRXLATOR,
    /// freopen() file name is invalid.
    D_FREOPEN_INVALID,
    /// print() argument has void type.
    D_PRINT_VOID,
    /// print() argument has dynamic type.
    D_PRINT_DYN,
    /// print() argument is an aggregation.
    D_PRINT_AGG,
    /// printm() address has a bad type.
    D_PRINTM_ADDR,
    /// printm() size has a bad type.
    D_PRINTM_SIZE,
}

impl std::fmt::Display for ErrTag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}
