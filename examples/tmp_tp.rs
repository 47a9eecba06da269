use kyc_check::screen::{Options, Query, Screener};
use kyc_check::snapshot::Snapshot;
use std::time::Instant;
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let bytes = std::fs::read(&args[0]).unwrap();
    let snapshot = Snapshot::from_bytes(&bytes).unwrap();
    let screener = Screener::new(&snapshot);
    let options = Options::default();
    let text = std::fs::read_to_string(&args[1]).unwrap();
    let qs: Vec<Query> = text
        .lines()
        .filter_map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).ok()?;
            Some(Query::name(v.get("name")?.as_str()?.to_string()))
        })
        .collect();
    let mode = args.get(2).map(|s| s.as_str()).unwrap_or("pass");
    if mode == "load" {
        let mut ts = Vec::new();
        for _ in 0..std::env::var("LOADS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(15)
        {
            let s = Snapshot::from_bytes(&bytes).unwrap();
            let t = Instant::now();
            s.index.prepare_for_queries();
            ts.push(t.elapsed().as_secs_f64() * 1e3);
        }
        ts.sort_by(|a, b| a.partial_cmp(b).unwrap());
        println!(
            "prepare_for_queries: min {:.3} ms median {:.3} ms",
            ts[0],
            ts[ts.len() / 2]
        );
        return;
    }
    if mode == "dist" {
        let mut ts: Vec<(f64, usize)> = Vec::new();
        let mut thrash: Option<Vec<u64>> =
            std::env::var("THRASH").ok().map(|_| vec![0u64; 8 << 20]);
        for q in &qs {
            screener.screen(q, &options);
        }
        for (i, q) in qs.iter().enumerate() {
            let mut best = f64::MAX;
            for _ in 0..5 {
                if let Some(buf) = thrash.as_mut() {
                    for x in buf.iter_mut().step_by(8) {
                        *x = x.wrapping_add(1);
                    }
                    std::hint::black_box(&buf);
                }
                let t = Instant::now();
                std::hint::black_box(screener.screen(q, &options));
                best = best.min(t.elapsed().as_secs_f64() * 1e6);
            }
            ts.push((best, i));
        }
        let total: f64 = ts.iter().map(|t| t.0).sum();
        ts.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap());
        let n = ts.len();
        for frac in [0.01, 0.05, 0.1, 0.25, 0.5] {
            let k = (n as f64 * frac) as usize;
            let s: f64 = ts[..k].iter().map(|t| t.0).sum();
            println!(
                "top {:.0}%: {:.1}% of time",
                frac * 100.0,
                s / total * 100.0
            );
        }
        println!(
            "mean {:.1} us, median {:.1} us",
            total / n as f64,
            ts[n / 2].0
        );
        if let Ok(path) = std::env::var("TOP_OUT") {
            let lines: Vec<&str> = text.lines().collect();
            let top: Vec<&str> = ts
                .iter()
                .take(ts.len() / 10)
                .map(|(_, i)| lines[*i])
                .collect();
            std::fs::write(path, top.join("\n")).unwrap();
        }
        for (t, i) in ts.iter().take(25) {
            println!("{t:.0} us  {:?}", qs[*i]);
        }
        return;
    }
    if std::env::var("EAGER").is_ok() {
        for id in 0..snapshot.index.vocabulary_size() {
            std::hint::black_box(snapshot.index.token(id as u32));
        }
    }
    let passes: usize = std::env::var("PASSES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(4);
    for pass in 0..passes {
        let t = Instant::now();
        if mode == "pass" {
            for q in &qs {
                std::hint::black_box(screener.screen(q, &options));
            }
        } else {
            for q in &qs {
                for _ in 0..3 {
                    std::hint::black_box(screener.screen(q, &options));
                }
            }
        }
        let el = t.elapsed().as_secs_f64();
        let n = if mode == "pass" {
            qs.len()
        } else {
            qs.len() * 3
        };
        println!(
            "pass {pass}: {:.4} ms/query, {:.0} q/s",
            el * 1e3 / n as f64,
            n as f64 / el
        );
    }
}
