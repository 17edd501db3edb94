//! Running jobs on a few threads with at most `per_host` at a time against
//! one host: polite to servers, and a slow host holds up only its own jobs.

use std::collections::{HashMap, VecDeque};
use std::sync::{Condvar, Mutex};

/// How many jobs run at once.
#[derive(Clone, Copy, Debug)]
pub struct Parallelism {
    /// Threads in all.
    pub workers: usize,
    /// Jobs at once against one host.
    pub per_host: usize,
}

impl Default for Parallelism {
    fn default() -> Self {
        Parallelism {
            workers: 8,
            per_host: 2,
        }
    }
}

struct Queue {
    waiting: VecDeque<usize>,
    busy: HashMap<String, usize>,
}

/// Runs `job(i)` for every `i` in `0..hosts.len()`, where `hosts[i]` is the
/// host job `i` talks to, and returns the results in that order.
pub fn run<T: Send>(hosts: &[String], parallelism: Parallelism, job: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let per_host = parallelism.per_host.max(1);
    let workers = parallelism.workers.clamp(1, hosts.len().max(1));
    let queue = Mutex::new(Queue {
        waiting: (0..hosts.len()).collect(),
        busy: HashMap::new(),
    });
    let changed = Condvar::new();
    let results: Vec<Mutex<Option<T>>> = hosts.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let next = {
                    let mut q = queue.lock().expect("not poisoned");
                    loop {
                        if q.waiting.is_empty() {
                            break None;
                        }
                        let free = q
                            .waiting
                            .iter()
                            .position(|&i| q.busy.get(&hosts[i]).copied().unwrap_or(0) < per_host);
                        if let Some(at) = free {
                            let i = q.waiting.remove(at).expect("position is in range");
                            *q.busy.entry(hosts[i].clone()).or_default() += 1;
                            break Some(i);
                        }
                        q = changed.wait(q).expect("not poisoned");
                    }
                };
                let Some(i) = next else {
                    changed.notify_all();
                    return;
                };
                let result = job(i);
                *results[i].lock().expect("not poisoned") = Some(result);
                let mut q = queue.lock().expect("not poisoned");
                if let Some(n) = q.busy.get_mut(&hosts[i]) {
                    *n -= 1;
                }
                drop(q);
                changed.notify_all();
            });
        }
    });
    results
        .into_iter()
        .map(|r| r.into_inner().expect("not poisoned").expect("every job ran"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn no_host_sees_more_than_its_limit_and_every_job_runs_once() {
        let hosts: Vec<String> = (0..40).map(|i| format!("h{}", i % 3)).collect();
        let running: Vec<AtomicUsize> = (0..3).map(|_| AtomicUsize::new(0)).collect();
        let peak: Vec<AtomicUsize> = (0..3).map(|_| AtomicUsize::new(0)).collect();
        let out = run(
            &hosts,
            Parallelism {
                workers: 6,
                per_host: 2,
            },
            |i| {
                let h = i % 3;
                let now = running[h].fetch_add(1, Ordering::SeqCst) + 1;
                peak[h].fetch_max(now, Ordering::SeqCst);
                std::thread::yield_now();
                running[h].fetch_sub(1, Ordering::SeqCst);
                i * 2
            },
        );
        assert_eq!(out, (0..40).map(|i| i * 2).collect::<Vec<_>>());
        assert!(peak.iter().all(|p| p.load(Ordering::SeqCst) <= 2));
        assert!(run(&[], Parallelism::default(), |i| i).is_empty());
    }
}
