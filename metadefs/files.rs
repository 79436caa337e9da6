// The namespace files that the demo cloud serves and the client embeds as
// its built-in copy, by file name, in load order (Glance's tie-break when
// sorting). Both crates `include!` this list, so a new namespace is added here
// once.
&[
    ("compute-cpu-mode.json", include_str!("compute-cpu-mode.json")),
    ("compute-cpu-pinning.json", include_str!("compute-cpu-pinning.json")),
    (
        "compute-guest-memory-backing.json",
        include_str!("compute-guest-memory-backing.json"),
    ),
    ("compute-quota.json", include_str!("compute-quota.json")),
    ("compute-vcputopology.json", include_str!("compute-vcputopology.json")),
    ("compute-watchdog.json", include_str!("compute-watchdog.json")),
]
