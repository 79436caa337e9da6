//! Prints how long a full preview (constraints, every possible topology,
//! ranking) takes for growing vCPU counts: the dashboard runs one per
//! keystroke in the browser. Run with `bench/topology`.

use std::collections::BTreeMap;
use std::time::Instant;

fn main() {
    let specs: BTreeMap<String, String> = [("hw:cpu_max_threads", "2"), ("hw:cpu_sockets", "2")]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    let image = BTreeMap::new();
    println!(
        "{:>6} {:>10} {:>14}",
        "vcpus", "topologies", "µs per preview"
    );
    for vcpus in [1, 8, 64, 128, 720, 1024, 4096] {
        let flavor = topology::Flavor {
            vcpus,
            extra_specs: &specs,
        };
        let runs = 200;
        let start = Instant::now();
        let mut count = 0;
        for _ in 0..runs {
            count = topology::preview(&flavor, &image)
                .map(|p| p.ranked.len())
                .unwrap_or(0);
        }
        let micros = start.elapsed().as_secs_f64() * 1e6 / f64::from(runs);
        println!("{vcpus:>6} {count:>10} {micros:>14.1}");
    }
}
