//! Double-buffered draining. The engine keeps two buffers per CPU; a
//! snapshot thread asks it to switch them, copies the filled one out into
//! a buffer from a fixed pool and hands it to the printing thread over a
//! channel, which hands it back empty once printed. Printing never delays
//! switching, and a printer that falls behind runs the pool dry: the
//! engine's buffers then fill and the engine counts the drops, which are
//! reported as dtrace(1) reports them.
//!
//! Every CPU is switched at each `switchrate` tick, as dtrace(1) does; in
//! between, a CPU whose active buffer is more than half full is switched
//! early, so that a burst does not overflow the buffer while it waits for
//! the tick (the engines can tell how full a buffer is without switching).

use crossbeam_channel::{bounded, Receiver, RecvTimeoutError, Sender};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// What the snapshot thread needs from an engine.
pub trait Source: Send + Sync {
    fn ncpus(&self) -> usize;
    /// Bytes used in CPU `cpu`'s active buffer, and its capacity.
    fn fill(&self, cpu: usize) -> (usize, usize);
    /// Switches CPU `cpu`'s buffers, appending the records of the filled
    /// one to `into`; the drops counted since the last switch.
    fn switch_into(&self, cpu: usize, into: &mut Vec<u8>) -> u64;
}

/// One CPU's records from one switch.
#[derive(Debug, Default)]
pub struct Filled {
    pub cpu: usize,
    pub data: Vec<u8>,
    pub drops: u64,
}

/// The snapshot thread and the two channels to it.
pub struct Drainer {
    filled: Receiver<Filled>,
    empty: Sender<Vec<u8>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

/// How often the snapshot thread looks at the buffers between ticks.
const POLL: Duration = Duration::from_millis(2);

impl Drainer {
    /// Starts switching `source`'s buffers every `switchrate`, with
    /// `pool` buffers in flight between the two threads.
    pub fn start(source: Arc<dyn Source>, switchrate: Duration, pool: usize) -> Drainer {
        let pool = pool.max(1);
        let (filled_tx, filled) = bounded(pool);
        let (empty, empty_rx) = bounded::<Vec<u8>>(pool);
        for _ in 0..pool {
            // The channel has room for every one of them.
            let _ = empty.try_send(Vec::new());
        }
        let stop = Arc::new(AtomicBool::new(false));
        let stopping = Arc::clone(&stop);
        let thread = std::thread::spawn(move || {
            let mut tick = Instant::now();
            while !stopping.load(Ordering::Relaxed) {
                let due = tick.elapsed() >= switchrate;
                if due {
                    tick = Instant::now();
                }
                for cpu in 0..source.ncpus() {
                    let (used, cap) = source.fill(cpu);
                    if used == 0 || !(due || used > cap / 2) {
                        continue;
                    }
                    // No empty buffer: the printer is behind, and the
                    // records wait in the engine (which drops what does
                    // not fit) until one comes back.
                    let Ok(mut data) = empty_rx.try_recv() else { break };
                    data.clear();
                    let drops = source.switch_into(cpu, &mut data);
                    if filled_tx.send(Filled { cpu, data, drops }).is_err() {
                        return;
                    }
                }
                std::thread::sleep(POLL.min(switchrate));
            }
        });
        Drainer { filled, empty, stop, thread: Some(thread) }
    }

    /// The next filled buffer, waiting up to `timeout`.
    pub fn recv(&self, timeout: Duration) -> Result<Filled, RecvTimeoutError> {
        self.filled.recv_timeout(timeout)
    }

    /// Every filled buffer waiting now.
    pub fn try_recv_all(&self) -> Vec<Filled> {
        self.filled.try_iter().collect()
    }

    /// Returns a printed buffer to the pool.
    pub fn give_back(&self, data: Vec<u8>) {
        let _ = self.empty.try_send(data);
    }

    /// Stops the snapshot thread; returns the buffers it filled and the
    /// printer has not taken yet, in order.
    pub fn finish(mut self) -> Vec<Filled> {
        self.stop.store(true, Ordering::Relaxed);
        // The thread may be blocked handing over a buffer: keep taking
        // them until it has gone.
        let mut left = Vec::new();
        if let Some(t) = self.thread.take() {
            while !t.is_finished() {
                left.extend(self.filled.try_iter());
                std::thread::sleep(Duration::from_millis(1));
            }
            let _ = t.join();
        }
        left.extend(self.filled.try_iter());
        left
    }
}

impl Drop for Drainer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    /// A source whose CPU 0 gains one 8-byte record per call to `fill`.
    struct Counter {
        next: Mutex<u64>,
        taken: Mutex<u64>,
    }

    impl Source for Counter {
        fn ncpus(&self) -> usize {
            1
        }
        fn fill(&self, _: usize) -> (usize, usize) {
            let mut n = self.next.lock().unwrap();
            *n += 1;
            let used = (*n - *self.taken.lock().unwrap()) as usize * 8;
            (used, 16)
        }
        fn switch_into(&self, _: usize, into: &mut Vec<u8>) -> u64 {
            let n = *self.next.lock().unwrap();
            let mut t = self.taken.lock().unwrap();
            for v in *t..n {
                into.extend_from_slice(&v.to_le_bytes());
            }
            *t = n;
            0
        }
    }

    #[test]
    fn records_arrive_in_order_and_buffers_come_back() {
        let src = Arc::new(Counter { next: Mutex::new(0), taken: Mutex::new(0) });
        let d = Drainer::start(src, Duration::from_millis(5), 2);
        let mut seen = Vec::new();
        while seen.len() < 50 {
            let f = d.recv(Duration::from_secs(5)).expect("the snapshot thread hands over buffers");
            seen.extend(f.data.chunks(8).map(|c| u64::from_le_bytes(c.try_into().unwrap())));
            d.give_back(f.data);
        }
        for f in d.finish() {
            seen.extend(f.data.chunks(8).map(|c| u64::from_le_bytes(c.try_into().unwrap())));
        }
        let expected: Vec<u64> = (0..seen.len() as u64).collect();
        assert_eq!(seen, expected);
    }

    #[test]
    fn a_printer_that_keeps_the_buffers_stops_the_switching() {
        let src = Arc::new(Counter { next: Mutex::new(0), taken: Mutex::new(0) });
        let d = Drainer::start(Arc::clone(&src) as Arc<dyn Source>, Duration::from_millis(1), 2);
        // Take both pool buffers and keep them.
        let a = d.recv(Duration::from_secs(5)).unwrap();
        let b = d.recv(Duration::from_secs(5)).unwrap();
        let taken = *src.taken.lock().unwrap();
        std::thread::sleep(Duration::from_millis(50));
        assert_eq!(*src.taken.lock().unwrap(), taken, "no switch without an empty buffer");
        assert!(d.recv(Duration::from_millis(10)).is_err());
        d.give_back(a.data);
        assert!(d.recv(Duration::from_secs(5)).is_ok(), "switching resumes");
        drop(b);
        d.finish();
    }
}
