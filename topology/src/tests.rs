//! Nova's own tables from `VCPUTopologyTest` in
//! `nova/tests/unit/virt/test_hardware.py`, case for case, then property
//! tests.

use std::collections::BTreeMap;

use proptest::prelude::*;

use super::*;

fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

fn t(sockets: i64, cores: i64, threads: i64) -> Topology {
    Topology::new(sockets, cores, threads)
}

type Kind = &'static str;

/// test_validate_config: flavor specs, image properties, and either
/// (preferred, maximum) or the name of the error.
#[allow(clippy::type_complexity)]
const VALIDATE_CONFIG: &[(
    &[(&str, &str)],
    &[(&str, &str)],
    Result<([i64; 3], [i64; 3]), Kind>,
)] = &[
    // Flavor sets preferred topology only
    (
        &[
            ("hw:cpu_sockets", "8"),
            ("hw:cpu_cores", "2"),
            ("hw:cpu_threads", "1"),
        ],
        &[],
        Ok(([8, 2, 1], [65536, 65536, 65536])),
    ),
    // Image topology overrides flavor
    (
        &[
            ("hw:cpu_sockets", "8"),
            ("hw:cpu_cores", "2"),
            ("hw:cpu_threads", "1"),
            ("hw:cpu_max_threads", "2"),
        ],
        &[
            ("hw_cpu_sockets", "4"),
            ("hw_cpu_cores", "2"),
            ("hw_cpu_threads", "2"),
        ],
        Ok(([4, 2, 2], [65536, 65536, 2])),
    ),
    // Partial image topology overrides flavor
    (
        &[
            ("hw:cpu_sockets", "8"),
            ("hw:cpu_cores", "2"),
            ("hw:cpu_threads", "1"),
        ],
        &[("hw_cpu_sockets", "2")],
        Ok(([2, 0, 0], [65536, 65536, 65536])),
    ),
    // Restrict use of threads
    (
        &[("hw:cpu_max_threads", "2")],
        &[("hw_cpu_max_threads", "1")],
        Ok(([0, 0, 0], [65536, 65536, 1])),
    ),
    // Force use of at least two sockets
    (
        &[("hw:cpu_max_cores", "8"), ("hw:cpu_max_threads", "1")],
        &[],
        Ok(([0, 0, 0], [65536, 8, 1])),
    ),
    // Image limits reduce flavor
    (
        &[("hw:cpu_max_cores", "8"), ("hw:cpu_max_threads", "1")],
        &[("hw_cpu_max_cores", "4")],
        Ok(([0, 0, 0], [65536, 4, 1])),
    ),
    // Image limits kill flavor preferred
    (
        &[
            ("hw:cpu_sockets", "2"),
            ("hw:cpu_cores", "8"),
            ("hw:cpu_threads", "1"),
        ],
        &[("hw_cpu_max_cores", "4")],
        Ok(([0, 0, 0], [65536, 4, 65536])),
    ),
    // Image limits cannot exceed flavor
    (
        &[("hw:cpu_max_cores", "8"), ("hw:cpu_max_threads", "1")],
        &[("hw_cpu_max_cores", "16")],
        Err("ImageVCPULimitsRangeExceeded"),
    ),
    // Image preferred cannot exceed flavor
    (
        &[("hw:cpu_max_cores", "8"), ("hw:cpu_max_threads", "1")],
        &[("hw_cpu_cores", "16")],
        Err("ImageVCPUTopologyRangeExceeded"),
    ),
];

#[test]
fn test_validate_config() {
    for (i, (specs, props, expect)) in VALIDATE_CONFIG.iter().enumerate() {
        let specs = map(specs);
        let flavor = Flavor {
            vcpus: 16,
            extra_specs: &specs,
        };
        let got = get_cpu_topology_constraints(&flavor, &map(props));
        match expect {
            Ok((p, m)) => assert_eq!(
                got,
                Ok((t(p[0], p[1], p[2]), t(m[0], m[1], m[2]))),
                "case {i}"
            ),
            Err(name) => assert_eq!(got.map_err(|e| e.name()), Err(*name), "case {i}"),
        }
    }
}

#[test]
fn test_invalid_flavor_values() {
    let valid = [
        ("hw:cpu_sockets", "8"),
        ("hw:cpu_cores", "2"),
        ("hw:cpu_threads", "1"),
        ("hw:cpu_max_sockets", "8"),
        ("hw:cpu_max_cores", "2"),
        ("hw:cpu_max_threads", "1"),
    ];
    for (key, _) in valid {
        let mut specs = map(&valid);
        specs.insert(key.to_owned(), "foo".to_owned());
        let flavor = Flavor {
            vcpus: 16,
            extra_specs: &specs,
        };
        let err = get_cpu_topology_constraints(&flavor, &BTreeMap::new()).unwrap_err();
        assert_eq!(err.name(), "InvalidRequest", "{key}");
        assert_eq!(
            err.to_string(),
            "Invalid flavor extra spec. Error: invalid literal for int() with base 10: 'foo'"
        );
    }
}

/// test_possible_topologies: allow_threads, vcpus, maximum, expected list or
/// the error.
#[allow(clippy::type_complexity)]
const POSSIBLE: &[(bool, i64, [i64; 3], Result<&[[i64; 3]], Kind>)] = &[
    (
        true,
        8,
        [8, 8, 2],
        Ok(&[
            [8, 1, 1],
            [4, 2, 1],
            [2, 4, 1],
            [1, 8, 1],
            [4, 1, 2],
            [2, 2, 2],
            [1, 4, 2],
        ]),
    ),
    (
        false,
        8,
        [8, 8, 2],
        Ok(&[[8, 1, 1], [4, 2, 1], [2, 4, 1], [1, 8, 1]]),
    ),
    (
        true,
        8,
        [1024, 1024, 2],
        Ok(&[
            [8, 1, 1],
            [4, 2, 1],
            [2, 4, 1],
            [1, 8, 1],
            [4, 1, 2],
            [2, 2, 2],
            [1, 4, 2],
        ]),
    ),
    (true, 8, [1024, 1, 2], Ok(&[[8, 1, 1], [4, 1, 2]])),
    (true, 7, [8, 8, 2], Ok(&[[7, 1, 1], [1, 7, 1]])),
    (true, 8, [2, 1, 1], Err("ImageVCPULimitsRangeImpossible")),
    (false, 8, [2, 1, 4], Err("ImageVCPULimitsRangeImpossible")),
];

fn triples(list: &[Topology]) -> Vec<[i64; 3]> {
    list.iter()
        .map(|t| [t.sockets, t.cores, t.threads])
        .collect()
}

#[test]
fn test_possible_topologies() {
    for (i, (threads, vcpus, max, expect)) in POSSIBLE.iter().enumerate() {
        let got = get_possible_cpu_topologies(*vcpus, t(max[0], max[1], max[2]), *threads);
        match expect {
            Ok(list) => assert_eq!(triples(&got.unwrap()), list.to_vec(), "case {i}"),
            Err(name) => assert_eq!(got.map_err(|e| e.name()).err(), Some(*name), "case {i}"),
        }
    }
}

/// test_sorting_topologies: allow_threads, vcpus, maximum, preferred (Nova's
/// -1 is "unset"), expected order.
#[allow(clippy::type_complexity)]
const SORTING: &[(bool, i64, [i64; 3], [i64; 3], &[[i64; 3]])] = &[
    (
        true,
        8,
        [8, 8, 2],
        [4, 2, 1],
        &[
            [4, 2, 1],
            [8, 1, 1],
            [2, 4, 1],
            [1, 8, 1],
            [4, 1, 2],
            [2, 2, 2],
            [1, 4, 2],
        ],
    ),
    (
        true,
        8,
        [1024, 1024, 2],
        [-1, 4, -1],
        &[
            [2, 4, 1],
            [1, 4, 2],
            [8, 1, 1],
            [4, 2, 1],
            [1, 8, 1],
            [4, 1, 2],
            [2, 2, 2],
        ],
    ),
    (true, 8, [1024, 1, 2], [-1, -1, 2], &[[4, 1, 2], [8, 1, 1]]),
    (false, 8, [1024, 1, 2], [-1, -1, 2], &[[8, 1, 1]]),
];

#[test]
fn test_sorting_topologies() {
    for (i, (threads, vcpus, max, want, expect)) in SORTING.iter().enumerate() {
        let possible =
            get_possible_cpu_topologies(*vcpus, t(max[0], max[1], max[2]), *threads).unwrap();
        let sorted = sort_possible_cpu_topologies(&possible, &t(want[0], want[1], want[2]));
        assert_eq!(triples(&sorted), expect.to_vec(), "case {i}");
    }
}

/// test_best_config: allow_threads, vcpus, flavor specs, image properties,
/// the threads of each NUMA cell with a CPU topology, expected best.
#[allow(clippy::type_complexity)]
const BEST: &[(
    bool,
    i64,
    &[(&str, &str)],
    &[(&str, &str)],
    &[i64],
    [i64; 3],
)] = &[
    // Flavor sets preferred topology only
    (
        true,
        16,
        &[
            ("hw:cpu_sockets", "8"),
            ("hw:cpu_cores", "2"),
            ("hw:cpu_threads", "1"),
        ],
        &[],
        &[],
        [8, 2, 1],
    ),
    // Image topology overrides flavor
    (
        true,
        16,
        &[
            ("hw:cpu_sockets", "8"),
            ("hw:cpu_cores", "2"),
            ("hw:cpu_threads", "1"),
            ("hw:cpu_maxthreads", "2"),
        ],
        &[
            ("hw_cpu_sockets", "4"),
            ("hw_cpu_cores", "2"),
            ("hw_cpu_threads", "2"),
        ],
        &[],
        [4, 2, 2],
    ),
    // Image topology overrides flavor, threads not allowed
    (
        false,
        16,
        &[
            ("hw:cpu_sockets", "8"),
            ("hw:cpu_cores", "2"),
            ("hw:cpu_threads", "1"),
            ("hw:cpu_maxthreads", "2"),
        ],
        &[
            ("hw_cpu_sockets", "4"),
            ("hw_cpu_cores", "2"),
            ("hw_cpu_threads", "2"),
        ],
        &[],
        [8, 2, 1],
    ),
    // Partial image topology overrides flavor
    (
        true,
        16,
        &[
            ("hw:cpu_sockets", "8"),
            ("hw:cpu_cores", "2"),
            ("hw:cpu_threads", "1"),
        ],
        &[("hw_cpu_sockets", "2")],
        &[],
        [2, 8, 1],
    ),
    // Restrict use of threads
    (
        true,
        16,
        &[("hw:cpu_max_threads", "1")],
        &[],
        &[],
        [16, 1, 1],
    ),
    // Force use of at least two sockets
    (
        true,
        16,
        &[("hw:cpu_max_cores", "8"), ("hw:cpu_max_threads", "1")],
        &[],
        &[],
        [16, 1, 1],
    ),
    // Image limits reduce flavor
    (
        true,
        16,
        &[
            ("hw:cpu_max_sockets", "8"),
            ("hw:cpu_max_cores", "8"),
            ("hw:cpu_max_threads", "1"),
        ],
        &[("hw_cpu_max_sockets", "4")],
        &[],
        [4, 4, 1],
    ),
    // Image limits kill flavor preferred
    (
        true,
        16,
        &[
            ("hw:cpu_sockets", "2"),
            ("hw:cpu_cores", "8"),
            ("hw:cpu_threads", "1"),
        ],
        &[("hw_cpu_max_cores", "4")],
        &[],
        [16, 1, 1],
    ),
    // NUMA needs threads, only cores requested by flavor
    (
        true,
        4,
        &[("hw:cpu_cores", "2")],
        &[("hw_cpu_max_cores", "2")],
        &[2],
        [1, 2, 2],
    ),
    // NUMA needs threads, but more than requested by flavor: the least
    // amount of threads wins
    (true, 4, &[("hw:cpu_threads", "2")], &[], &[4], [2, 1, 2]),
    // NUMA needs threads, but more than the flavor's limit: the least amount
    // of threads that divides into the vCPU count wins
    (
        true,
        4,
        &[
            ("hw:cpu_max_sockets", "5"),
            ("hw:cpu_max_cores", "2"),
            ("hw:cpu_max_threads", "3"),
        ],
        &[],
        &[4],
        [2, 1, 2],
    ),
    // NUMA needs threads, but the thread count does not divide into the
    // vCPU count, so it is reduced to the closest divisor
    (true, 6, &[], &[], &[4], [2, 1, 3]),
    // NUMA needs different threads per cell: the least amount wins
    (true, 8, &[], &[], &[2, 4], [4, 1, 2]),
];

#[test]
fn test_best_config() {
    for (i, (threads, vcpus, specs, props, numa, expect)) in BEST.iter().enumerate() {
        let specs = map(specs);
        let flavor = Flavor {
            vcpus: *vcpus,
            extra_specs: &specs,
        };
        let best = get_best_cpu_topology(&flavor, &map(props), *threads, numa).unwrap();
        assert_eq!(best, t(expect[0], expect[1], expect[2]), "case {i}");
    }
}

#[test]
fn the_surprise_from_the_issue() {
    // 4 vCPUs with image hw_cpu_threads=2: sockets beat cores.
    let specs = BTreeMap::new();
    let flavor = Flavor {
        vcpus: 4,
        extra_specs: &specs,
    };
    let best = get_best_cpu_topology(&flavor, &map(&[("hw_cpu_threads", "2")]), true, &[]);
    assert_eq!(best, Ok(t(2, 1, 2)));
}

#[test]
fn messages_are_novas() {
    let specs = map(&[("hw:cpu_max_cores", "8"), ("hw:cpu_max_threads", "1")]);
    let flavor = Flavor {
        vcpus: 16,
        extra_specs: &specs,
    };
    let err = get_cpu_topology_constraints(&flavor, &map(&[("hw_cpu_max_cores", "16")]));
    assert_eq!(
        err.unwrap_err().to_string(),
        "Image vCPU topology limits (sockets=0, cores=16, threads=0) exceeds the limits of \
         the flavor (sockets=0, cores=8, threads=1)"
    );
    let err = get_cpu_topology_constraints(&flavor, &map(&[("hw_cpu_cores", "16")]));
    assert_eq!(
        err.unwrap_err().to_string(),
        "Image vCPU topology (sockets=0, cores=16, threads=0) exceeds the limits of the \
         flavor or image (sockets=65536, cores=8, threads=1)"
    );
    let err = get_possible_cpu_topologies(8, t(2, 1, 1), true).unwrap_err();
    assert_eq!(
        err.to_string(),
        "Requested vCPU limits 2:1:1 are impossible to satisfy for vcpus count 8"
    );
}

#[test]
fn python_int_parsing() {
    for (text, want) in [
        ("8", Some(8)),
        (" 8 ", Some(8)),
        ("+8", Some(8)),
        ("-1", Some(-1)),
        ("1_0", Some(10)),
        ("", None),
        ("foo", None),
        ("1.5", None),
        ("_1", None),
        ("1__0", None),
        ("0x10", None),
    ] {
        assert_eq!(parse_int(text), want, "{text:?}");
    }
}

#[test]
fn preview_says_where_the_preference_came_from() {
    let specs = map(&[("hw:cpu_sockets", "2"), ("hw:cpu_cores", "8")]);
    let flavor = Flavor {
        vcpus: 16,
        extra_specs: &specs,
    };
    let p = preview(&flavor, &BTreeMap::new()).unwrap();
    assert_eq!(p.constraints.source, PreferenceSource::Flavor);
    assert_eq!(p.best(), Some(t(2, 8, 1)));
    assert_eq!(p.ranked[0].score, 2);
    let p = preview(&flavor, &map(&[("hw_cpu_max_cores", "4")])).unwrap();
    assert_eq!(p.constraints.source, PreferenceSource::FlavorDropped);
    let p = preview(&flavor, &map(&[("hw_cpu_threads", "2")])).unwrap();
    assert_eq!(p.constraints.source, PreferenceSource::Image);
    assert_eq!(p.best(), Some(t(8, 1, 2)));
}

#[test]
fn the_issue_scenario() {
    // 8 vCPUs with hw:cpu_max_threads=2: 8×1×1 first; an image asking for 2
    // sockets gives 2×4×1.
    let specs = map(&[("hw:cpu_max_threads", "2")]);
    let flavor = Flavor {
        vcpus: 8,
        extra_specs: &specs,
    };
    let p = preview(&flavor, &BTreeMap::new()).unwrap();
    assert_eq!(p.best(), Some(t(8, 1, 1)));
    let p = preview(&flavor, &map(&[("hw_cpu_sockets", "2")])).unwrap();
    assert_eq!(p.best(), Some(t(2, 4, 1)));
}

#[test]
fn field_checks() {
    let issues = check_fields(
        &map(&[
            ("hw:cpu_sockets", "4"),
            ("hw:cpu_max_sockets", "2"),
            ("hw:cpu_cores", "x"),
            ("hw:cpu_threads", "0"),
            ("hw:cpu_max_threads", "2"),
        ]),
        &map(&[("hw_cpu_max_threads", "4"), ("hw_cpu_sockets", "3")]),
    );
    let got: Vec<_> = issues
        .iter()
        .map(|i| (i.side, i.field, i.problem))
        .collect();
    assert_eq!(
        got,
        vec![
            (Side::Flavor, "cpu_cores", FieldProblem::NotInteger),
            (Side::Flavor, "cpu_threads", FieldProblem::BelowOne),
            (
                Side::Flavor,
                "cpu_sockets",
                FieldProblem::AboveMax { max: 2 }
            ),
            (
                Side::Image,
                "cpu_sockets",
                FieldProblem::AboveMax { max: 2 }
            ),
            (
                Side::Image,
                "cpu_max_threads",
                FieldProblem::AboveFlavorMax { max: 2 }
            ),
        ]
    );
    assert!(check_fields(&map(&[("hw:cpu_max_threads", "2")]), &BTreeMap::new()).is_empty());
}

/// Nova's loop, literally, to check the divisor walk against.
fn possible_by_loops(vcpus: i64, max: Topology, allow_threads: bool) -> Vec<Topology> {
    let ms = vcpus.min(max.sockets);
    let mc = vcpus.min(max.cores);
    let mt = if allow_threads {
        vcpus.min(max.threads)
    } else {
        1
    };
    let mut out = Vec::new();
    for s in 1..=ms {
        for c in 1..=mc {
            for th in 1..=mt {
                if s * c * th == vcpus {
                    out.push(t(s, c, th));
                }
            }
        }
    }
    out.sort_by_key(|t| std::cmp::Reverse((t.sockets * t.cores, t.sockets, t.threads)));
    out
}

fn spec() -> impl Strategy<Value = Option<i64>> {
    prop_oneof![Just(None), (1i64..=16).prop_map(Some)]
}

proptest! {
    #[test]
    fn every_topology_multiplies_out_and_respects_the_maximums(
        vcpus in 1i64..=64,
        flavor_max in [spec(), spec(), spec()],
        image_max in [spec(), spec(), spec()],
        flavor_pref in [spec(), spec(), spec()],
        image_pref in [spec(), spec(), spec()],
        allow_threads in any::<bool>(),
    ) {
        let mut specs = BTreeMap::new();
        let mut props = BTreeMap::new();
        for (i, field) in FIELDS.iter().enumerate() {
            let (f, im) = if i < 3 { (flavor_pref[i], image_pref[i]) } else { (flavor_max[i - 3], image_max[i - 3]) };
            if let Some(v) = f { specs.insert(format!("hw:{field}"), v.to_string()); }
            if let Some(v) = im { props.insert(format!("hw_{field}"), v.to_string()); }
        }
        let flavor = Flavor { vcpus, extra_specs: &specs };
        if let Ok((_, max)) = get_cpu_topology_constraints(&flavor, &props) {
            if let Ok(all) = get_desirable_cpu_topologies(&flavor, &props, allow_threads, &[]) {
                prop_assert!(!all.is_empty());
                for top in &all {
                    prop_assert_eq!(top.vcpus(), vcpus);
                    prop_assert!(top.sockets <= max.sockets && top.cores <= max.cores && top.threads <= max.threads);
                    prop_assert!(allow_threads || top.threads == 1);
                }
                // Sorting only reorders.
                let mut a = triples(&all);
                let mut b = triples(&get_possible_cpu_topologies(vcpus, max, allow_threads).unwrap());
                a.sort();
                b.sort();
                prop_assert_eq!(a, b);
            }
        }
    }

    #[test]
    fn the_divisor_walk_equals_novas_loop(
        vcpus in 1i64..=48,
        max in [1i64..=50, 1i64..=50, 1i64..=50],
        allow_threads in any::<bool>(),
    ) {
        let max = t(max[0], max[1], max[2]);
        let want = possible_by_loops(vcpus, max, allow_threads);
        match get_possible_cpu_topologies(vcpus, max, allow_threads) {
            Ok(got) => prop_assert_eq!(got, want),
            Err(_) => prop_assert!(want.is_empty()),
        }
    }
}
