//! Native benchmarks of the core: each preset's simulation and layout, and
//! the ~1,000-segment stress scenario as segments simulated per second.
//!   cargo bench --bench core

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;
use synack::diagram::{layout, View};
use synack::scenario::presets;

fn presets_run(c: &mut Criterion) {
    let mut group = c.benchmark_group("run");
    for p in presets::PRESETS {
        let scenario = p.scenario();
        let segments = synack::run(&scenario).segments.len() as u64;
        group.throughput(Throughput::Elements(segments));
        group.bench_with_input(BenchmarkId::from_parameter(p.name), &scenario, |b, s| {
            b.iter(|| synack::run(black_box(s)))
        });
    }
    group.finish();
}

fn stress_layout(c: &mut Criterion) {
    let scenario = presets::stress();
    let trace = synack::run(&scenario);
    let mut group = c.benchmark_group("stress");
    group.throughput(Throughput::Elements(trace.segments.len() as u64));
    group.bench_function("run+layout", |b| {
        b.iter(|| layout(&synack::run(black_box(&scenario)), &View::default()))
    });
    group.bench_function("layout", |b| {
        b.iter(|| layout(black_box(&trace), &View::default()))
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(2)).warm_up_time(std::time::Duration::from_millis(500));
    targets = presets_run, stress_layout
}
criterion_main!(benches);
