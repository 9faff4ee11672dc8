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

/// 100,000 connections: 1,000 a second for 100 s, linux profile, the server closing first.
fn load_100k(c: &mut Criterion) {
    let scenario = synack::load::LoadScenario {
        rate_per_s: 1000,
        duration_s: 100,
        ..synack::load::LoadScenario::default()
    };
    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    group.throughput(Throughput::Elements(100_000));
    group.bench_function("100k-connections", |b| {
        b.iter(|| synack::load::run_load(black_box(&scenario)))
    });
    group.finish();
}

/// A packetdrill script of 101 statements (a handshake, then 48 segments of
/// data, each acknowledged), read and run against one endpoint.
fn drill_100(c: &mut Criterion) {
    let src = synack::drill::data_script(48);
    let options = synack::drill::Options {
        profile: synack::tcp::ProfileName::Linux,
        ignore_timing: false,
        strict: false,
    };
    c.bench_function("drill/101-statements", |b| {
        b.iter(|| synack::drill::run(&synack::drill::read(black_box(&src)).unwrap(), options))
    });
}

/// One preset under four stacks, each run compared with the first, as
/// `synack compare` and the Compare view do it (issue 24's budget: < 5 ms).
fn compare_four(c: &mut Criterion) {
    use synack::compare::{differences, Column};
    use synack::tcp::ProfileName::{FreeBsd, Linux, MacOs, Windows};
    let columns = [Linux, FreeBsd, MacOs, Windows].map(Column::Model);
    let mut group = c.benchmark_group("compare-four-stacks");
    for name in ["client-close", "lost-fin", "syn-timeout", "stress"] {
        let scenario = presets::by_name(name).unwrap();
        group.bench_with_input(BenchmarkId::from_parameter(name), &scenario, |b, s| {
            b.iter(|| {
                let runs: Vec<_> = columns.iter().map(|c| c.run(black_box(s))).collect();
                runs[1..]
                    .iter()
                    .map(|r| differences(&runs[0], r).len())
                    .sum::<usize>()
            })
        });
    }
    group.finish();
}

/// The stress run written as a pcapng capture (issue 26's budget: < 5 ms).
fn pcap_stress(c: &mut Criterion) {
    let scenario = presets::by_name("stress").unwrap();
    let trace = synack::run(&scenario);
    c.bench_function("pcapng/stress-1028-segments", |b| {
        b.iter(|| {
            synack::explain::pcapng(black_box(&trace), scenario.mss)
                .unwrap()
                .len()
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(2)).warm_up_time(std::time::Duration::from_millis(500));
    targets = presets_run, stress_layout, load_100k, drill_100, compare_four, pcap_stress
}
criterion_main!(benches);
