//! Fuzzes DOF parsing and validation (`dtrace_core::dof::parse`): any bytes
//! must give a program or a `DofError`, never a panic, a hang or an abort.
//! What parses must also survive the writer and the disassembler: written
//! back and parsed again it is the same program.
#![no_main]

use dtrace::dif::{dis::disassemble, dof::write};
use dtrace_core::dof::{parse, Limits};
use libfuzzer_sys::fuzz_target;

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
});
