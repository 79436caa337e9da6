//! The stack topology: a layered SVG graph of resources and dependencies.
//!
//! [`layout`] is a small Sugiyama-style layered layout: longest-path
//! layers from left to right (a resource sits one layer right of
//! everything it depends on), dummy slots where an edge spans several
//! layers (so lines never cross a box), and a few barycenter sweeps to
//! order each layer. Cycles (Heat refuses them, but the graph must not
//! hang) are broken by leaving out the DFS back edges when layering.

use leptos::prelude::*;

use super::status::{in_progress, status_text};
use crate::i18n::{tr_dynamic, tr_dynamic_args};

/// The size of a resource box, in SVG units (pixels).
pub const NODE_W: f64 = 200.0;
pub const NODE_H: f64 = 60.0;
/// Between layers (horizontal) and between boxes of a layer (vertical).
const LAYER_GAP: f64 = 64.0;
const ROW_GAP: f64 = 20.0;
const MARGIN: f64 = 12.0;
/// Barycenter sweeps: down, up, down.
const SWEEPS: usize = 3;

/// One resource in the graph.
#[derive(Debug, Clone, PartialEq)]
pub struct GraphNode {
    pub name: String,
    /// The resource type, e.g. `OS::Nova::Server`.
    pub kind: String,
    /// `CREATE_COMPLETE`, `DELETE_IN_PROGRESS`…
    pub status: String,
    /// Where a click goes: the resource's detail.
    pub href: String,
    /// The group (nested stack) this resource is a member of.
    pub parent: Option<usize>,
}

/// An edge as drawn: the line's points, from the source box's right side
/// to the target box's left side.
#[derive(Debug, Clone, PartialEq)]
pub struct EdgePath {
    pub from: usize,
    pub to: usize,
    pub points: Vec<(f64, f64)>,
    /// An edge left out of the layering to break a cycle.
    pub back: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// The layer of each node, 0 for those that depend on nothing.
    pub layers: Vec<usize>,
    /// The top-left corner of each node's box.
    pub positions: Vec<(f64, f64)>,
    pub edges: Vec<EdgePath>,
    pub width: f64,
    pub height: f64,
}

/// Lays out `nodes` with `edges` as `(dependency, dependent)` index pairs.
/// Out-of-range indices, self loops and repeats are ignored.
pub fn layout(nodes: &[GraphNode], edges: &[(usize, usize)]) -> Layout {
    let n = nodes.len();
    let mut clean: Vec<(usize, usize)> = Vec::new();
    for &(a, b) in edges {
        if a < n && b < n && a != b && !clean.contains(&(a, b)) {
            clean.push((a, b));
        }
    }
    let back = back_edges(n, &clean);
    let forward: Vec<(usize, usize)> = clean
        .iter()
        .zip(&back)
        .filter(|(_, b)| !**b)
        .map(|(e, _)| *e)
        .collect();
    let layers = longest_path(n, &forward);

    // Slots: the nodes, then one dummy per layer crossed by a long edge.
    let mut slot_layer = layers.clone();
    let mut chains: Vec<Vec<usize>> = Vec::with_capacity(forward.len());
    for &(a, b) in &forward {
        let mut chain = vec![a];
        for layer in layers[a] + 1..layers[b] {
            chain.push(slot_layer.len());
            slot_layer.push(layer);
        }
        chain.push(b);
        chains.push(chain);
    }
    let slots = slot_layer.len();
    let mut preds: Vec<Vec<usize>> = vec![Vec::new(); slots];
    let mut succs: Vec<Vec<usize>> = vec![Vec::new(); slots];
    for chain in &chains {
        for w in chain.windows(2) {
            preds[w[1]].push(w[0]);
            succs[w[0]].push(w[1]);
        }
    }
    let layer_count = slot_layer.iter().max().map_or(0, |m| m + 1);
    let mut order: Vec<Vec<usize>> = vec![Vec::new(); layer_count];
    for (slot, &layer) in slot_layer.iter().enumerate() {
        order[layer].push(slot);
    }
    let mut pos = vec![0usize; slots];
    let renumber = |order: &[Vec<usize>], pos: &mut [usize]| {
        for layer in order {
            for (i, &s) in layer.iter().enumerate() {
                pos[s] = i;
            }
        }
    };
    renumber(&order, &mut pos);
    for sweep in 0..SWEEPS {
        let down = sweep % 2 == 0;
        let sequence: Vec<usize> = if down {
            (1..layer_count).collect()
        } else {
            (0..layer_count.saturating_sub(1)).rev().collect()
        };
        for l in sequence {
            let neighbours = if down { &preds } else { &succs };
            let mut keyed: Vec<(f64, usize)> = order[l]
                .iter()
                .map(|&s| {
                    let ns = &neighbours[s];
                    let bary = if ns.is_empty() {
                        pos[s] as f64
                    } else {
                        ns.iter().map(|&p| pos[p] as f64).sum::<f64>() / ns.len() as f64
                    };
                    (bary, s)
                })
                .collect();
            // Stable: ties keep their current order.
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
            order[l] = keyed.into_iter().map(|(_, s)| s).collect();
            for (i, &s) in order[l].iter().enumerate() {
                pos[s] = i;
            }
        }
    }

    // Coordinates: layers left to right, each centred vertically.
    let span = |count: usize| {
        if count == 0 {
            0.0
        } else {
            count as f64 * NODE_H + (count - 1) as f64 * ROW_GAP
        }
    };
    let tallest = order.iter().map(|l| span(l.len())).fold(0.0, f64::max);
    let mut xy = vec![(0.0, 0.0); slots];
    for (l, layer) in order.iter().enumerate() {
        let top = MARGIN + (tallest - span(layer.len())) / 2.0;
        for (i, &s) in layer.iter().enumerate() {
            xy[s] = (
                MARGIN + l as f64 * (NODE_W + LAYER_GAP),
                top + i as f64 * (NODE_H + ROW_GAP),
            );
        }
    }
    let mid = |s: usize| xy[s].1 + NODE_H / 2.0;
    let mut paths = Vec::with_capacity(clean.len());
    let mut chain_iter = chains.into_iter();
    for (&(a, b), &is_back) in clean.iter().zip(&back) {
        let points = if is_back {
            // Under both boxes, back to the left.
            let below = xy[a].1.max(xy[b].1) + NODE_H + ROW_GAP / 2.0;
            vec![
                (xy[a].0 + NODE_W / 2.0, xy[a].1 + NODE_H),
                ((xy[a].0 + xy[b].0 + NODE_W) / 2.0, below),
                (xy[b].0 + NODE_W / 2.0, xy[b].1 + NODE_H),
            ]
        } else {
            let chain = chain_iter.next().unwrap_or_default();
            let mut pts = vec![(xy[a].0 + NODE_W, mid(a))];
            for &d in &chain[1..chain.len().saturating_sub(1)] {
                pts.push((xy[d].0, mid(d)));
                pts.push((xy[d].0 + NODE_W, mid(d)));
            }
            pts.push((xy[b].0, mid(b)));
            pts
        };
        paths.push(EdgePath {
            from: a,
            to: b,
            points,
            back: is_back,
        });
    }
    let width = if layer_count == 0 {
        2.0 * MARGIN
    } else {
        2.0 * MARGIN + layer_count as f64 * NODE_W + (layer_count - 1) as f64 * LAYER_GAP
    };
    Layout {
        layers,
        positions: xy[..n].to_vec(),
        edges: paths,
        width,
        // Room under the lowest box for a back edge's detour.
        height: 2.0 * MARGIN + tallest + if back.contains(&true) { ROW_GAP } else { 0.0 },
    }
}

/// Which edges close a cycle: those a depth-first search finds pointing
/// back to a node still on its path. Without them the graph is acyclic.
fn back_edges(n: usize, edges: &[(usize, usize)]) -> Vec<bool> {
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, &(a, _)) in edges.iter().enumerate() {
        out[a].push(i);
    }
    // 0 unseen, 1 on the current path, 2 finished.
    let mut state = vec![0u8; n];
    let mut back = vec![false; edges.len()];
    for root in 0..n {
        if state[root] != 0 {
            continue;
        }
        state[root] = 1;
        let mut stack = vec![(root, 0usize)];
        while let Some(top) = stack.last_mut() {
            let u = top.0;
            match out[u].get(top.1) {
                Some(&e) => {
                    top.1 += 1;
                    let v = edges[e].1;
                    match state[v] {
                        0 => {
                            state[v] = 1;
                            stack.push((v, 0));
                        }
                        1 => back[e] = true,
                        _ => {}
                    }
                }
                None => {
                    state[u] = 2;
                    stack.pop();
                }
            }
        }
    }
    back
}

/// Each node's layer: one more than the deepest of its dependencies.
/// `edges` must be acyclic.
fn longest_path(n: usize, edges: &[(usize, usize)]) -> Vec<usize> {
    let mut indegree = vec![0usize; n];
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(a, b) in edges {
        indegree[b] += 1;
        out[a].push(b);
    }
    let mut layer = vec![0usize; n];
    let mut ready: std::collections::VecDeque<usize> =
        (0..n).filter(|&v| indegree[v] == 0).collect();
    while let Some(u) = ready.pop_front() {
        for &v in &out[u] {
            layer[v] = layer[v].max(layer[u] + 1);
            indegree[v] -= 1;
            if indegree[v] == 0 {
                ready.push_back(v);
            }
        }
    }
    layer
}

/// `OS::Nova::Server` → `Nova::Server`; a provider template's URL → its
/// file name.
pub fn short_type(kind: &str) -> String {
    if let Some(rest) = kind
        .strip_prefix("OS::")
        .or_else(|| kind.strip_prefix("AWS::"))
    {
        return rest.to_string();
    }
    if kind.contains('/') {
        return kind
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or(kind)
            .to_string();
    }
    kind.to_string()
}

/// At most `max` characters, with an ellipsis when cut.
fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

/// The colour of a resource box and of its status line, with the same
/// meaning as [`super::status::status_class`]: green done, amber working,
/// red failed, grey anything else.
pub fn node_classes(status: &str) -> (&'static str, &'static str) {
    if status.ends_with("_FAILED") {
        ("fill-red-50 stroke-red-600", "fill-red-800")
    } else if in_progress(status) {
        ("fill-amber-50 stroke-amber-500", "fill-amber-800")
    } else if status.ends_with("_COMPLETE")
        && !status.starts_with("DELETE")
        && !status.starts_with("INIT")
    {
        ("fill-green-50 stroke-green-600", "fill-green-800")
    } else {
        ("fill-slate-50 stroke-slate-400", "fill-slate-700")
    }
}

/// The graph as inline SVG; each box links to its resource's detail.
/// The `<desc>` lists every resource, its status and its dependencies,
/// for screen readers.
#[component]
pub fn TopologyGraph(nodes: Vec<GraphNode>, edges: Vec<(usize, usize)>) -> impl IntoView {
    // Members hang off their group, drawn dashed.
    let mut all = edges.clone();
    let mut member_edges = Vec::new();
    for (i, node) in nodes.iter().enumerate() {
        if let Some(p) = node.parent.filter(|p| *p < nodes.len()) {
            if !all.contains(&(p, i)) {
                all.push((p, i));
                member_edges.push((p, i));
            }
        }
    }
    let lay = layout(&nodes, &all);
    let (width, height) = (lay.width, lay.height);
    let names: Vec<String> = nodes.iter().map(|n| n.name.clone()).collect();
    let desc_nodes = nodes.clone();
    let desc_edges = edges.clone();
    let description = move || {
        if desc_nodes.is_empty() {
            return tr_dynamic("topology-graph-empty");
        }
        desc_nodes
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let deps: Vec<&str> = desc_edges
                    .iter()
                    .filter(|(_, to)| *to == i)
                    .filter_map(|(from, _)| desc_nodes.get(*from).map(|d| d.name.as_str()))
                    .collect();
                let line = tr_dynamic_args(
                    "topology-graph-node",
                    &[
                        ("name", n.name.clone()),
                        ("type", short_type(&n.kind)),
                        ("status", status_text(&n.status)),
                    ],
                );
                if deps.is_empty() {
                    line
                } else {
                    format!(
                        "{line} {}",
                        tr_dynamic_args("topology-graph-depends", &[("names", deps.join(", "))])
                    )
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let edge_views = lay
        .edges
        .iter()
        .map(|e| {
            let points = e
                .points
                .iter()
                .map(|(x, y)| format!("{x:.1},{y:.1}"))
                .collect::<Vec<_>>()
                .join(" ");
            let member = member_edges.contains(&(e.from, e.to));
            let class = if e.back {
                "stroke-red-400"
            } else {
                "stroke-slate-400"
            };
            let from = names.get(e.from).cloned().unwrap_or_default();
            let to = names.get(e.to).cloned().unwrap_or_default();
            view! {
                <polyline points=points fill="none" class=class stroke-width="1.5"
                    stroke-dasharray=(member || e.back).then_some("5 4")
                    marker-end="url(#topology-arrow)" data-from=from data-to=to/>
            }
        })
        .collect_view();
    let node_views = nodes
        .into_iter()
        .zip(lay.positions.iter().copied())
        .zip(lay.layers.iter().copied())
        .map(|((n, (x, y)), layer)| {
            let (box_class, status_class) = node_classes(&n.status);
            let kind = short_type(&n.kind);
            let status = n.status.clone();
            let full = format!("{} ({})", n.name, n.kind);
            // The outer <g> makes the macro build an SVG <a>, not an HTML one.
            view! {
                <g><a href=n.href class="focus:outline-none [&:focus-visible>g>rect]:stroke-sky-600 [&:focus-visible>g>rect]:stroke-[3px]">
                    <g data-testid="topology-node" data-name=n.name.clone() data-status=n.status.clone()
                        data-layer=layer.to_string()
                        transform=format!("translate({x:.1},{y:.1})") class="cursor-pointer">
                        <title>{full}</title>
                        <rect width=NODE_W height=NODE_H rx="8" class=box_class stroke-width="1.5"/>
                        <text x="10" y="19" class="fill-slate-900 text-sm font-semibold">{clip(&n.name, 24)}</text>
                        <text x="10" y="36" class="fill-slate-600 text-xs">{clip(&kind, 30)}</text>
                        <text x="10" y="52" class=format!("{status_class} text-xs font-medium")>
                            {move || clip(&status_text(&status), 30)}
                        </text>
                    </g>
                </a></g>
            }
        })
        .collect_view();
    view! {
        <div class="overflow-auto rounded-lg border border-slate-200 bg-white p-2" data-testid="topology">
            <svg role="img" aria-labelledby="topology-title topology-desc"
                width=format!("{width:.0}") height=format!("{height:.0}")
                viewBox=format!("0 0 {width:.0} {height:.0}")
                // Shrinks to fit the page, to no less than two thirds of its
                // size so the names stay readable; wider graphs scroll.
                class="h-auto max-w-full" style=format!("min-width: {:.0}px", width * 2.0 / 3.0)>
                <title id="topology-title">{move || tr_dynamic("topology-graph-title")}</title>
                <desc id="topology-desc">{description}</desc>
                <defs>
                    <marker id="topology-arrow" viewBox="0 0 10 10" refX="10" refY="5"
                        markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path d="M 0 0 L 10 5 L 0 10 z" class="fill-slate-500"/>
                    </marker>
                </defs>
                <g>{edge_views}</g>
                <g>{node_views}</g>
            </svg>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nodes(n: usize) -> Vec<GraphNode> {
        (0..n)
            .map(|i| GraphNode {
                name: format!("r{i}"),
                kind: "OS::Nova::Server".into(),
                status: "CREATE_COMPLETE".into(),
                href: String::new(),
                parent: None,
            })
            .collect()
    }

    fn overlap(a: (f64, f64), b: (f64, f64)) -> bool {
        a.0 < b.0 + NODE_W && b.0 < a.0 + NODE_W && a.1 < b.1 + NODE_H && b.1 < a.1 + NODE_H
    }

    fn assert_no_overlap(l: &Layout) {
        for i in 0..l.positions.len() {
            for j in i + 1..l.positions.len() {
                assert!(
                    !overlap(l.positions[i], l.positions[j]),
                    "{i} and {j} overlap: {:?}",
                    l.positions
                );
            }
            let (x, y) = l.positions[i];
            assert!(x >= 0.0 && y >= 0.0);
            assert!(x + NODE_W <= l.width && y + NODE_H <= l.height, "inside");
        }
    }

    #[test]
    fn a_diamond_has_three_layers() {
        let l = layout(&nodes(4), &[(0, 1), (0, 2), (1, 3), (2, 3)]);
        assert_eq!(l.layers, [0, 1, 1, 2]);
        assert_no_overlap(&l);
        assert_eq!(l.edges.len(), 4);
        // Every edge runs from its source's right side to its target's left.
        for e in &l.edges {
            let first = e.points[0];
            let last = e.points[e.points.len() - 1];
            assert_eq!(first.0, l.positions[e.from].0 + NODE_W);
            assert_eq!(last.0, l.positions[e.to].0);
            assert!(!e.back);
        }
    }

    #[test]
    fn a_chain_goes_left_to_right() {
        let l = layout(&nodes(4), &[(2, 3), (1, 2), (0, 1)]);
        assert_eq!(l.layers, [0, 1, 2, 3]);
        assert!(l.positions.windows(2).all(|w| w[0].0 < w[1].0));
        // Straight: all in one row.
        assert!(l.positions.iter().all(|p| p.1 == l.positions[0].1));
        assert_no_overlap(&l);
    }

    #[test]
    fn independent_nodes_share_the_first_layer() {
        let l = layout(&nodes(3), &[]);
        assert_eq!(l.layers, [0, 0, 0]);
        assert!(l.edges.is_empty());
        assert_no_overlap(&l);
        let empty = layout(&[], &[]);
        assert!(empty.positions.is_empty() && empty.width > 0.0);
    }

    #[test]
    fn a_cycle_does_not_hang() {
        let l = layout(&nodes(3), &[(0, 1), (1, 2), (2, 0), (1, 1), (0, 9)]);
        assert_eq!(l.layers, [0, 1, 2]);
        // The self loop and the unknown node are dropped; one edge is back.
        assert_eq!(l.edges.len(), 3);
        assert_eq!(l.edges.iter().filter(|e| e.back).count(), 1);
        assert_no_overlap(&l);
    }

    #[test]
    fn long_edges_pass_through_their_own_slots() {
        // 0 → 1 → 2 and 0 → 2: the long edge bends through layer 1.
        let l = layout(&nodes(3), &[(0, 1), (1, 2), (0, 2)]);
        assert_eq!(l.layers, [0, 1, 2]);
        let long = l.edges.iter().find(|e| (e.from, e.to) == (0, 2)).unwrap();
        assert_eq!(long.points.len(), 4);
        // Its dummy slot sits in layer 1 but not on node 1.
        let (dx, dy) = (long.points[1].0, long.points[1].1 - NODE_H / 2.0);
        assert_eq!(dx, l.positions[1].0);
        assert!(!overlap((dx, dy), l.positions[1]));
    }

    #[test]
    fn barycenters_untangle_crossings() {
        // 0 → 3 and 1 → 2: ordering layer 1 by its predecessors puts 3 first.
        let l = layout(&nodes(4), &[(0, 3), (1, 2)]);
        assert!(l.positions[3].1 < l.positions[2].1);
    }

    #[test]
    fn types_are_shortened() {
        assert_eq!(short_type("OS::Nova::Server"), "Nova::Server");
        assert_eq!(short_type("AWS::EC2::Instance"), "EC2::Instance");
        assert_eq!(short_type("http://x/templates/web.yaml"), "web.yaml");
        assert_eq!(short_type("My::Custom"), "My::Custom");
        assert_eq!(clip("abcdef", 4), "abc…");
        assert_eq!(clip("abc", 4), "abc");
    }

    #[test]
    fn colours_follow_the_status() {
        assert!(node_classes("CREATE_FAILED").0.contains("red"));
        assert!(node_classes("DELETE_IN_PROGRESS").0.contains("amber"));
        assert!(node_classes("CREATE_COMPLETE").0.contains("green"));
        assert!(node_classes("INIT_COMPLETE").0.contains("slate"));
    }
}
