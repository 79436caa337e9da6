//! Charts as charts-rs SVG. The same functions run on the server (first
//! paint) and in WASM (live updates). Callers put the numbers in the page
//! as text too, and offer a table: a chart is never the only way to read
//! them, and colour never the only cue.

use charts_rs::{BarChart, Color, LineChart, PieChart, Series};

/// Okabe–Ito colours: told apart by colour-blind readers, and readable on
/// light and dark backgrounds.
pub const PALETTE: [&str; 7] = [
    "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#999999",
];

fn colors() -> Vec<Color> {
    PALETTE.iter().map(|c| Color::from(*c)).collect()
}

/// Used against limit as a donut. Red-ish from 90 %; the caller states the
/// numbers next to it.
pub fn donut(used: i64, limit: i64) -> String {
    let used = used.max(0) as f32;
    let free = (limit as f32 - used).max(0.0);
    let mut chart = PieChart::new(vec![
        Series::new("used".into(), vec![used]),
        Series::new("free".into(), vec![free]),
    ]);
    chart.width = 96.0;
    chart.height = 96.0;
    chart.radius = 44.0;
    chart.inner_radius = 30.0;
    chart.rose_type = Some(false);
    chart.border_radius = Some(0.0);
    // No slice labels: the numbers are in the page, translated.
    chart.min_show_label_angle = 400.0;
    chart.margin = (2.0).into();
    chart.background_color = Color::transparent();
    let over = limit > 0 && used >= limit as f32 * 0.9;
    chart.series.colors = vec![
        Color::from(if over { "#D55E00" } else { "#0072B2" }),
        Color::from("#CBD5E1"),
    ];
    chart.svg().unwrap_or_default()
}

/// A small line without axes or legend: the trend of the last samples.
/// `None` is a gap (a failed probe).
pub fn sparkline(values: &[Option<f32>], color: &str) -> String {
    if values.iter().all(Option::is_none) {
        return String::new();
    }
    let labels = (0..values.len()).map(|i| i.to_string()).collect();
    let mut series = Series::new("latency".into(), vec![]);
    series.data = values.to_vec();
    let mut chart = LineChart::new(vec![series], labels);
    chart.width = 160.0;
    chart.height = 40.0;
    chart.margin = (2.0).into();
    chart.background_color = Color::transparent();
    chart.legend.show = Some(false);
    chart.y_axis_hidden = true;
    chart.x_axis.height = 0.0;
    chart.x_axis.font.size = 0.0;
    chart.x_axis.stroke_color = Color::transparent();
    chart.grid.stroke_color = Color::transparent();
    chart.series.symbol = None;
    chart.series.stroke_width = 1.5;
    chart.series.colors = vec![Color::from(color)];
    chart.svg().unwrap_or_default()
}

/// Grouped bars: one group per category, one bar per series.
pub fn bars(categories: Vec<String>, series: Vec<(String, Vec<f32>)>) -> String {
    let series = series
        .into_iter()
        .map(|(name, data)| Series::new(name, data))
        .collect();
    let mut chart = BarChart::new(series, categories);
    chart.width = 560.0;
    chart.height = 260.0;
    chart.background_color = Color::transparent();
    chart.series.colors = colors();
    chart.svg().unwrap_or_default()
}

/// One slice per `(name, value)`; zero slices are left out.
pub fn pie(slices: Vec<(String, f32)>) -> String {
    let series: Vec<Series> = slices
        .into_iter()
        .filter(|(_, v)| *v > 0.0)
        .map(|(name, v)| Series::new(name, vec![v]))
        .collect();
    if series.is_empty() {
        return String::new();
    }
    let mut chart = PieChart::new(series);
    chart.width = 320.0;
    chart.height = 260.0;
    chart.rose_type = Some(false);
    chart.background_color = Color::transparent();
    chart.series.colors = colors();
    chart.svg().unwrap_or_default()
}

/// Lines over labelled points, e.g. days.
pub fn line(labels: Vec<String>, series: Vec<(String, Vec<f32>)>) -> String {
    let series = series
        .into_iter()
        .map(|(name, data)| Series::new(name, data))
        .collect();
    let mut chart = LineChart::new(series, labels);
    chart.width = 640.0;
    chart.height = 260.0;
    chart.background_color = Color::transparent();
    chart.series.colors = colors();
    chart.svg().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_chart_draws_svg() {
        assert!(donut(3, 10).starts_with("<svg"));
        assert!(sparkline(&[Some(1.0), None, Some(3.0)], PALETTE[0]).starts_with("<svg"));
        assert!(sparkline(&[None, None], PALETTE[0]).is_empty());
        let bars = bars(
            vec!["host-a".into(), "host-b".into()],
            vec![
                ("used".into(), vec![1.0, 2.0]),
                ("total".into(), vec![4.0, 4.0]),
            ],
        );
        assert!(bars.contains("host-a"), "{bars}");
        let slices = pie(vec![("ACTIVE".into(), 3.0), ("ERROR".into(), 0.0)]);
        assert!(
            slices.contains("ACTIVE") && !slices.contains("ERROR"),
            "{slices}"
        );
        assert!(pie(vec![]).is_empty());
        let line = line(
            vec!["d1".into(), "d2".into()],
            vec![("vCPU".into(), vec![1.0, 2.5])],
        );
        assert!(line.contains("d2"), "{line}");
    }
}
