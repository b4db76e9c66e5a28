//! Fuzzes DOF parsing, validation and execution: any bytes must give a
//! program or a `DofError`, never a panic, a hang or an abort. What parses
//! must also survive the writer and the disassembler (written back and
//! parsed again it is the same program), and then run: enabled on a
//! driver/core State, its ECBs fired on BEGIN, a tick-like probe, END and
//! ERROR on two CPUs, the buffers switched and read.
#![no_main]

use dtrace::dif::{dis::disassemble, dof::write};
use dtrace_core::dof::{parse, Limits};
use dtrace_core::isa::{flt, var};
use dtrace_core::state::{Config, ProbeEnv, State};
use dtrace_core::vm::{Env, Fault, Space, Value};
use libfuzzer_sys::fuzz_target;

/// A firing's context: a few readable bytes at 0x1000, a process name,
/// the arguments 0..9.
struct FuzzEnv;

impl Env for FuzzEnv {
    fn read(&mut self, _: Space, addr: u64, buf: &mut [u8]) -> Result<(), Fault> {
        const MEM: &[u8] = b"fuzzed memory\0with two strings\0";
        let at = addr.checked_sub(0x1000).filter(|&a| a as usize + buf.len() <= MEM.len());
        match at {
            Some(a) => {
                buf.copy_from_slice(&MEM[a as usize..a as usize + buf.len()]);
                Ok(())
            }
            None => Err(Fault::new(flt::BADADDR, addr)),
        }
    }
    fn variable(&mut self, id: u16) -> Result<Value<'_>, Fault> {
        Ok(if id % 3 == 0 { Value::Str(b"fuzz") } else { Value::Int(u64::from(id)) })
    }
    fn array(&mut self, id: u8, index: u64) -> Result<u64, Fault> {
        Ok(if u16::from(id) == var::ARGS { index } else { 0 })
    }
    fn thread_key(&mut self) -> u64 {
        7
    }
}

impl ProbeEnv for FuzzEnv {
    fn timestamp(&mut self) -> u64 {
        1
    }
}

fuzz_target!(|data: &[u8]| {
    let limits = Limits::default();
    let Ok(program) = parse(data, &limits) else { return };
    let again = parse(&write(&program), &limits);
    assert_eq!(again.as_ref(), Ok(&program), "DOF round trip changed the program");
    for ecb in &program.ecbs {
        for difo in ecb.pred.iter().chain(ecb.actions.iter().filter_map(|a| a.difo.as_ref())) {
            let _ = disassemble(difo, "0");
        }
    }
    // Small buffers so that drops, dynamic variable exhaustion and full
    // speculations happen too.
    let cfg = Config {
        ncpus: 2,
        bufsize: 4096,
        aggsize: 4096,
        dynvarsize: 4096,
        specsize: 512,
        nspec: 2,
        begin_probe: Some(1),
        end_probe: Some(2),
        error_probe: Some(3),
        ..Config::default()
    };
    let Ok(mut st) = State::new(&program, &|i| vec![(i % 4) as u32 + 1], cfg) else { return };
    let mut env = FuzzEnv;
    for probe in [1, 4, 4, 3, 2] {
        for cpu in 0..2 {
            st.fire(probe, cpu, &mut env);
        }
    }
    for cpu in 0..2 {
        let _ = st.switch(cpu).map(|s| s.parts.concat().len());
        let _ = st.aggregations(cpu).map(|a| a.entries().count());
        st.reset_aggregations(cpu);
    }
});
