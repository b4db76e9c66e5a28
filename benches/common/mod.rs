//! What the benches share: a D clause enabled on a driver/core State, and
//! a minimal probe environment to fire it with.

use dtrace::consumer::probes::KnownProviders;
use dtrace::dif::{codegen, dof};
use dtrace::parser::builtins;
use dtrace::parser::{compile, CompileOptions, Origin};
use dtrace_core::dof::{Ecb, Program};
use dtrace_core::isa::{flt, var};
use dtrace_core::state::{Config, ProbeEnv, State};
use dtrace_core::vm::{Env, Fault, Space, Value};

/// A probe firing's context: every built-in is 0 but `execname` and arg0.
pub struct BenchEnv {
    execname: u16,
    pub arg0: u64,
}

impl Env for BenchEnv {
    fn read(&mut self, _: Space, addr: u64, _: &mut [u8]) -> Result<(), Fault> {
        Err(Fault::new(flt::BADADDR, addr))
    }
    fn variable(&mut self, id: u16) -> Result<Value<'_>, Fault> {
        Ok(if id == self.execname { Value::Str(b"bash") } else { Value::Int(0) })
    }
    fn array(&mut self, id: u8, index: u64) -> Result<u64, Fault> {
        Ok(if u16::from(id) == var::ARGS && index == 0 { self.arg0 } else { 0 })
    }
    fn thread_key(&mut self) -> u64 {
        1
    }
}

impl ProbeEnv for BenchEnv {
    fn timestamp(&mut self) -> u64 {
        0
    }
}

/// `clause` enabled on probe 1 of a one-CPU State.
pub fn enable(clause: &str) -> State {
    let origin = Origin::ProbeSpec(clause.into());
    let opts = CompileOptions { macro_args: vec!["bench".into()], ..Default::default() };
    let checked = compile(clause, &origin, &opts, &KnownProviders::new()).expect("bench clause compiles");
    let code = codegen::generate(&checked).expect("bench clause generates");
    let ecbs = code
        .clauses
        .iter()
        .map(|c| Ecb { pred: c.pred.clone(), actions: dof::actions(&c.actions, 0), ..Ecb::default() })
        .collect();
    let program = Program { ecbs, ..Program::default() };
    let cfg = Config { aggsize: 256 << 20, ..Config::default() };
    State::new(&program, &|_| vec![1], cfg).expect("bench program enables")
}

pub fn env() -> BenchEnv {
    let execname = builtins::lookup("execname").map_or(0, |b| b.id);
    BenchEnv { execname, arg0: 0 }
}
