//! SVG charts rendered at build time: no JavaScript is needed to see them.
//! Each chart has a title, a description for screen readers, axes and a
//! legend; colours come from CSS classes so themes and dark mode apply.

use std::fmt::Write as _;

use crate::datetime::human_duration;
use crate::highlight::escape;
use crate::index::stats::{MIN_FOR_SPREAD, Spread};

const W: f64 = 760.0;
const H: f64 = 260.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 34.0;
const BOTTOM: f64 = 48.0;

fn open(out: &mut String, id: &str, title: &str, desc: &str, height: f64) {
    let _ = write!(
        out,
        r#"<svg class="chart" id="{id}" viewBox="0 0 {W} {height}" role="img" aria-labelledby="{id}-t {id}-d" xmlns="http://www.w3.org/2000/svg"><title id="{id}-t">{}</title><desc id="{id}-d">{}</desc><text class="chart-title" x="{LEFT}" y="20">{}</text>"#,
        escape(title),
        escape(desc),
        escape(title)
    );
}

/// A "nice" axis maximum and tick step for `max`.
fn nice(max: f64) -> (f64, f64) {
    if max <= 0.0 {
        return (1.0, 1.0);
    }
    let raw = max / 4.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * mag).find(|s| *s >= raw).unwrap_or(10.0 * mag);
    ((max / step).ceil() * step, step)
}

/// Axis for counts: whole-number steps only (no "0.5 incidents").
fn nice_count(max: f64) -> (f64, f64) {
    let (_, step) = nice(max);
    let step = if step < 1.0 {
        1.0
    } else if step.fract() != 0.0 {
        step.ceil()
    } else {
        step
    };
    ((max.max(1.0) / step).ceil() * step, step)
}

/// Axis for durations in seconds: steps of whole minutes, hours or days
/// (1, 2, 5, 10, 15, 30 min; 1, 2, 3, 6, 12 h; 1, 2, 7 d), so ticks read
/// "30m", "1h", "2h" rather than "1h 23m".
fn nice_duration(max: f64) -> (f64, f64) {
    const STEPS: &[f64] =
        &[60.0, 120.0, 300.0, 600.0, 900.0, 1800.0, 3600.0, 7200.0, 10800.0, 21600.0, 43200.0, 86400.0, 172800.0, 604800.0];
    if max <= 0.0 {
        return (60.0, 60.0);
    }
    let raw = max / 4.0;
    let step = STEPS.iter().copied().find(|s| *s >= raw).unwrap_or_else(|| (raw / 604800.0).ceil() * 604800.0);
    ((max / step).ceil() * step, step)
}

fn y_axis(out: &mut String, top: f64, step: f64, label: impl Fn(f64) -> String) {
    let plot_h = H - TOP - BOTTOM;
    let mut v = 0.0;
    while v <= top + 1e-9 {
        let y = H - BOTTOM - v / top * plot_h;
        let _ = write!(
            out,
            r#"<line class="grid" x1="{LEFT}" x2="{}" y1="{y:.1}" y2="{y:.1}"/><text class="tick" x="{}" y="{:.1}" text-anchor="end">{}</text>"#,
            W - RIGHT,
            LEFT - 6.0,
            y + 4.0,
            escape(&label(v))
        );
        v += step;
    }
    let _ = write!(
        out,
        r#"<line class="axis" x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{}"/><line class="axis" x1="{LEFT}" x2="{}" y1="{}" y2="{}"/>"#,
        H - BOTTOM,
        W - RIGHT,
        H - BOTTOM,
        H - BOTTOM
    );
}

/// Labels under the bars. Months (`2024-03`) read `Mar 2024`; when they
/// are too many to label each, every 2nd, 3rd, 6th or 12th month is
/// labelled, starting from January, so ticks fall on quarters and years.
fn x_labels(out: &mut String, labels: &[String], slot: f64) {
    let every = ((labels.len() as f64 * 60.0) / (W - LEFT - RIGHT)).ceil().max(1.0) as usize;
    let month = |l: &str| l.len() == 7 && l.as_bytes()[4] == b'-' && l[5..].parse::<usize>().is_ok_and(|m| (1..=12).contains(&m));
    if labels.iter().all(|l| month(l)) {
        let every = [1, 2, 3, 6, 12].into_iter().find(|e| *e >= every).unwrap_or(12 * every.div_ceil(12));
        let mut first = true;
        for (i, l) in labels.iter().enumerate() {
            let m: usize = l[5..].parse().unwrap_or(1);
            if !(m - 1).is_multiple_of(every) {
                continue;
            }
            const NAMES: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
            // The year on January, and on the first label.
            let text = if m == 1 || first { format!("{} {}", NAMES[m - 1], &l[..4]) } else { NAMES[m - 1].to_string() };
            first = false;
            let text = if every == 12 { l[..4].to_string() } else { text };
            let x = LEFT + slot * (i as f64 + 0.5);
            let _ = write!(out, r#"<text class="tick" x="{x:.1}" y="{}" text-anchor="middle">{}</text>"#, H - BOTTOM + 16.0, escape(&text));
        }
        return;
    }
    for (i, l) in labels.iter().enumerate().filter(|(i, _)| i % every == 0) {
        let x = LEFT + slot * (i as f64 + 0.5);
        let _ = write!(out, r#"<text class="tick" x="{x:.1}" y="{}" text-anchor="middle">{}</text>"#, H - BOTTOM + 16.0, escape(l));
    }
}

/// Stacked bars: one bar per category, one segment per series.
pub fn stacked_bars(id: &str, title: &str, categories: &[String], series: &[String], classes: &[String], values: &[Vec<usize>]) -> String {
    let totals: Vec<usize> = values.iter().map(|v| v.iter().sum()).collect();
    let max = totals.iter().copied().max().unwrap_or(0) as f64;
    let desc = format!(
        "{title}: {} periods from {} to {}; {} incidents in all.",
        categories.len(),
        categories.first().map_or("", String::as_str),
        categories.last().map_or("", String::as_str),
        totals.iter().sum::<usize>()
    );
    let mut out = String::new();
    open(&mut out, id, title, &desc, H);
    let (top, step) = nice_count(max);
    y_axis(&mut out, top, step, |v| format!("{v}"));
    let plot_h = H - TOP - BOTTOM;
    let slot = (W - LEFT - RIGHT) / categories.len().max(1) as f64;
    let bar = (slot * 0.75).max(1.0);
    for (i, (cat, vals)) in categories.iter().zip(values).enumerate() {
        let x = LEFT + slot * i as f64 + (slot - bar) / 2.0;
        let mut y = H - BOTTOM;
        for (k, v) in vals.iter().enumerate().filter(|(_, v)| **v > 0) {
            let h = *v as f64 / top * plot_h;
            y -= h;
            let _ = write!(
                out,
                r#"<rect class="{}" x="{x:.1}" y="{y:.1}" width="{bar:.1}" height="{h:.1}"><title>{}: {} {}</title></rect>"#,
                escape(&classes[k]),
                escape(cat),
                v,
                escape(&series[k])
            );
        }
    }
    x_labels(&mut out, categories, slot);
    legend(&mut out, series, classes);
    out.push_str("</svg>");
    out
}

fn legend(out: &mut String, series: &[String], classes: &[String]) {
    let mut x = LEFT;
    for (s, c) in series.iter().zip(classes) {
        let _ = write!(
            out,
            r#"<rect class="{}" x="{x:.1}" y="{}" width="10" height="10"/><text class="tick" x="{:.1}" y="{}">{}</text>"#,
            escape(c),
            H - 14.0,
            x + 14.0,
            H - 5.0,
            escape(s)
        );
        x += 24.0 + s.len() as f64 * 7.0;
    }
}

/// Median bars with a p90 whisker per period, for one duration metric. A
/// period with fewer than [`MIN_FOR_SPREAD`] incidents shows each value as a
/// point instead: a median of two is not a statistic. Every period has its
/// `n` under its label.
pub fn spreads(id: &str, title: &str, periods: &[(String, Option<Spread>)]) -> String {
    let max = periods.iter().filter_map(|(_, s)| s.as_ref().map(|s| s.p90.max(s.few.iter().copied().max().unwrap_or(0)))).max().unwrap_or(0)
        as f64;
    let known = periods.iter().filter(|(_, s)| s.is_some()).count();
    let few = periods.iter().filter(|(_, s)| s.as_ref().is_some_and(|s| !s.few.is_empty())).count();
    let mut desc = format!("{title}: median (bar) and 90th percentile (line) per quarter, for {known} quarter(s) with data");
    if few > 0 {
        desc.push_str(&format!("; {few} quarter(s) with fewer than {MIN_FOR_SPREAD} incidents show each incident as a point instead"));
    }
    desc.push('.');
    let mut out = String::new();
    open(&mut out, id, title, &desc, H);
    let (top, step) = nice_duration(max);
    y_axis(&mut out, top, step, |v| tick_duration(v as i64));
    let plot_h = H - TOP - BOTTOM;
    let labels: Vec<String> = periods.iter().map(|(p, _)| p.clone()).collect();
    let slot = (W - LEFT - RIGHT) / periods.len().max(1) as f64;
    let bar = (slot * 0.5).max(1.0);
    let y_of = |v: i64| H - BOTTOM - v as f64 / top * plot_h;
    for (i, (p, s)) in periods.iter().enumerate() {
        let x = LEFT + slot * i as f64 + (slot - bar) / 2.0;
        let cx = x + bar / 2.0;
        let n = s.as_ref().map_or(0, |s| s.n);
        let _ = write!(out, r#"<text class="tick n" x="{cx:.1}" y="{}" text-anchor="middle">n={n}</text>"#, H - BOTTOM + 28.0);
        let Some(s) = s else { continue };
        if !s.few.is_empty() {
            let _ = write!(
                out,
                r#"<g><title>{}: {} incident(s), too few for a median: {}</title>"#,
                escape(p),
                s.n,
                s.few.iter().map(|v| human_duration(*v)).collect::<Vec<_>>().join(", ")
            );
            for (k, v) in s.few.iter().enumerate() {
                // Equal values side by side rather than on top of each other.
                let dx = (k as f64 - (s.few.len() as f64 - 1.0) / 2.0) * 7.0;
                let _ = write!(out, r#"<circle class="c-point" cx="{:.1}" cy="{:.1}" r="3.5"/>"#, cx + dx, y_of(*v));
            }
            out.push_str("</g>");
            continue;
        }
        let y = y_of(s.median);
        let h = H - BOTTOM - y;
        let y90 = y_of(s.p90);
        let _ = write!(
            out,
            r#"<g><title>{}: median {}, p90 {}, n={}</title><rect class="c-median" x="{x:.1}" y="{y:.1}" width="{bar:.1}" height="{h:.1}"/><line class="c-p90" x1="{cx:.1}" x2="{cx:.1}" y1="{y:.1}" y2="{y90:.1}"/><line class="c-p90" x1="{:.1}" x2="{:.1}" y1="{y90:.1}" y2="{y90:.1}"/></g>"#,
            escape(p),
            human_duration(s.median),
            human_duration(s.p90),
            s.n,
            cx - bar / 3.0,
            cx + bar / 3.0
        );
    }
    x_labels(&mut out, &labels, slot);
    let mut keys = Vec::new();
    if known > few {
        keys.push(("median".to_string(), "c-median".to_string()));
        keys.push(("90th percentile".to_string(), "c-p90-key".to_string()));
    }
    if few > 0 {
        keys.push((format!("one incident (quarters with n < {MIN_FOR_SPREAD})"), "c-point".to_string()));
    }
    let (names, classes): (Vec<String>, Vec<String>) = keys.into_iter().unzip();
    legend(&mut out, &names, &classes);
    out.push_str("</svg>");
    out
}

/// A duration tick: the axis steps are whole minutes, hours or days, so a
/// tick reads `30m`, `2h` or `1d` (not `2h 00m`).
fn tick_duration(secs: i64) -> String {
    match secs {
        0 => "0".into(),
        s if s % 86400 == 0 => format!("{}d", s / 86400),
        s if s % 3600 == 0 => format!("{}h", s / 3600),
        s if s % 60 == 0 => format!("{}m", s / 60),
        s => human_duration(s),
    }
}

/// Horizontal bars with links: (label, href, value).
pub fn hbars(id: &str, title: &str, items: &[(String, String, usize)]) -> String {
    let row = 22.0;
    let height = TOP + row * items.len() as f64 + 16.0;
    let max = items.iter().map(|i| i.2).max().unwrap_or(0) as f64;
    let desc = format!("{title}: {}.", items.iter().map(|(l, _, v)| format!("{l} {v}")).collect::<Vec<_>>().join(", "));
    let mut out = String::new();
    open(&mut out, id, title, &desc, height);
    let label_w = 200.0;
    let plot_w = W - label_w - RIGHT - 40.0;
    for (i, (label, href, v)) in items.iter().enumerate() {
        let y = TOP + row * i as f64;
        let w = if max > 0.0 { *v as f64 / max * plot_w } else { 0.0 };
        let _ = write!(
            out,
            r#"<a href="{}"><text class="tick label" x="{:.1}" y="{:.1}" text-anchor="end">{}</text><rect class="c-bar" x="{label_w}" y="{:.1}" width="{w:.1}" height="{:.1}"/><text class="tick" x="{:.1}" y="{:.1}">{v}</text></a>"#,
            escape(href),
            label_w - 8.0,
            y + 14.0,
            escape(label),
            y + 3.0,
            row - 6.0,
            label_w + w + 6.0,
            y + 14.0
        );
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charts_are_accessible_and_escaped() {
        let svg = stacked_bars(
            "m",
            "Incidents <per> month",
            &["2024-01".into(), "2024-02".into()],
            &["SEV-1".into()],
            &["c-sev-1".into()],
            &[vec![2], vec![0]],
        );
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("role=\"img\"") && svg.contains("<title id=\"m-t\">Incidents &lt;per&gt; month</title>"));
        let bars = hbars("f", "Top", &[("<script>".into(), "factors/x/".into(), 3)]);
        assert!(!bars.contains("<script>"));
        assert_eq!(nice(7.0), (8.0, 2.0));
        assert_eq!(nice_count(2.0), (2.0, 1.0));
        assert_eq!(nice_count(3.0), (3.0, 1.0));
        assert_eq!(nice_count(9.0), (9.0, 3.0));
        assert_eq!(nice_count(0.0), (1.0, 1.0));
        assert_eq!(nice_duration(5000.0), (5400.0, 1800.0));
        assert_eq!(nice_duration(4.0 * 3600.0), (4.0 * 3600.0, 3600.0));
    }

    #[test]
    fn few_values_are_points_and_every_period_has_its_n() {
        let many = crate::index::stats::spread(&mut [60, 120, 180, 240, 300, 360]);
        let few = crate::index::stats::spread(&mut [600, 1200]);
        let svg = spreads("d", "Time to detect", &[("2024 Q1".into(), many), ("2024 Q2".into(), few), ("2024 Q3".into(), None)]);
        assert_eq!(svg.matches("</title><rect class=\"c-median\"").count(), 1, "one median bar, for the quarter with 6");
        assert_eq!(svg.matches("class=\"c-point\" cx").count(), 2, "two points for the quarter with 2");
        assert!(svg.contains(">n=6<") && svg.contains(">n=2<") && svg.contains(">n=0<"));
        assert!(svg.contains("too few for a median") && svg.contains("fewer than 5 incidents"));
    }

    #[test]
    fn duration_ticks_are_short() {
        assert_eq!([0, 1800, 7200, 172800, 5400].map(tick_duration), ["0", "30m", "2h", "2d", "90m"]);
    }

    #[test]
    fn month_ticks_fall_on_quarters_and_years() {
        let months: Vec<String> = (0..36).map(|i| format!("{}-{:02}", 2023 + i / 12, i % 12 + 1)).collect();
        let svg = stacked_bars("m", "t", &months, &["a".into()], &["c".into()], &vec![vec![1]; 36]);
        assert!(svg.contains(">Jan 2024<") && svg.contains(">Jul<") && !svg.contains(">Feb<"), "{svg}");
        assert!(!svg.contains(">2023-02<"));
    }
}
