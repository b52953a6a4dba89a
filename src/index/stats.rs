//! Statistics across the archive: incidents per month by severity, time to
//! detect / mitigate / resolve per quarter (median and p90), top factors, and
//! the factor × service matrix.

use std::collections::BTreeMap;

use chrono::Datelike;

use crate::model::Incident;
use crate::slug::slugify;

/// Fewest values a median and a 90th percentile are drawn from; below it,
/// charts show the values themselves.
pub const MIN_FOR_SPREAD: usize = 5;

/// A distribution summary of durations (seconds).
#[derive(Debug, Clone, PartialEq)]
pub struct Spread {
    /// How many incidents had the duration.
    pub n: usize,
    /// The values themselves, sorted, when there are fewer than
    /// [`MIN_FOR_SPREAD`] (a median of three is not a statistic); else empty.
    pub few: Vec<i64>,
    /// Median.
    pub median: i64,
    /// 90th percentile (nearest rank).
    pub p90: i64,
    /// Largest.
    pub max: i64,
}

/// Median, p90 and max of `values`; `None` when empty.
pub fn spread(values: &mut [i64]) -> Option<Spread> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let n = values.len();
    let median = if n % 2 == 1 { values[n / 2] } else { (values[n / 2 - 1] + values[n / 2]) / 2 };
    let rank = ((n as f64) * 0.9).ceil() as usize;
    let few = if n < MIN_FOR_SPREAD { values.to_vec() } else { Vec::new() };
    Some(Spread { n, few, median, p90: values[rank.clamp(1, n) - 1], max: values[n - 1] })
}

/// All statistics.
#[derive(Debug, Default)]
pub struct Stats {
    /// Severity names in scale order (and `unknown` last when present).
    pub severities: Vec<String>,
    /// (`2024-03`, counts per severity in `severities` order), every month
    /// from the first incident to the last.
    pub per_month: Vec<(String, Vec<usize>)>,
    /// (`2024 Q1`, [detect, mitigate, resolve] spreads).
    pub per_quarter: Vec<(String, [Option<Spread>; 3])>,
    /// Whole-archive [detect, mitigate, resolve] spreads.
    pub overall: [Option<Spread>; 3],
    /// (factor name, slug, incidents), most frequent first.
    pub top_factors: Vec<(String, String, usize)>,
    /// Matrix rows: top factors; columns: top services; cells: incidents.
    pub matrix_factors: Vec<(String, String)>,
    /// Matrix columns.
    pub matrix_services: Vec<(String, String)>,
    /// `matrix[f][s]`.
    pub matrix: Vec<Vec<usize>>,
    /// Incidents with a date.
    pub dated: usize,
}

/// Compute statistics; `scale` is the configured severity names in order.
pub fn compute(incidents: &[&Incident], scale: &[String]) -> Stats {
    let mut s = Stats { severities: scale.to_vec(), ..Stats::default() };
    let unknown = incidents.iter().any(|i| i.severity_rank.is_none());
    if unknown {
        s.severities.push("unknown".into());
    }
    let width = s.severities.len();
    let mut months: BTreeMap<(i32, u32), Vec<usize>> = BTreeMap::new();
    let mut quarters: BTreeMap<(i32, u32), [Vec<i64>; 3]> = BTreeMap::new();
    let mut overall: [Vec<i64>; 3] = Default::default();
    for inc in incidents {
        let Some(d) = inc.date else { continue };
        s.dated += 1;
        let col = inc.severity_rank.map_or(width - 1, |r| (r as usize - 1).min(width - 1));
        months.entry((d.year(), d.month())).or_insert_with(|| vec![0; width])[col] += 1;
        let q = quarters.entry((d.year(), (d.month() - 1) / 3 + 1)).or_default();
        let du = &inc.durations;
        for (k, v) in [du.time_to_detect, du.time_to_mitigate, du.time_to_resolve].into_iter().enumerate() {
            if let Some(v) = v.filter(|v| *v >= 0) {
                q[k].push(v);
                overall[k].push(v);
            }
        }
    }
    if let (Some((&first, _)), Some((&last, _))) = (months.first_key_value(), months.last_key_value()) {
        let (mut y, mut m) = first;
        while (y, m) <= last {
            s.per_month.push((format!("{y}-{m:02}"), months.get(&(y, m)).cloned().unwrap_or_else(|| vec![0; width])));
            (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        }
    }
    s.per_quarter = quarters
        .into_iter()
        .map(|((y, q), mut v)| (format!("{y} Q{q}"), [spread(&mut v[0]), spread(&mut v[1]), spread(&mut v[2])]))
        .collect();
    s.overall = [spread(&mut overall[0]), spread(&mut overall[1]), spread(&mut overall[2])];
    let mut factor_counts: BTreeMap<String, (String, usize)> = BTreeMap::new();
    let mut service_counts: BTreeMap<String, (String, usize)> = BTreeMap::new();
    for inc in incidents {
        for f in &inc.contributing_factors {
            factor_counts.entry(slugify(f)).or_insert_with(|| (f.clone(), 0)).1 += 1;
        }
        for sv in &inc.services {
            service_counts.entry(slugify(sv)).or_insert_with(|| (sv.clone(), 0)).1 += 1;
        }
    }
    let ranked = |m: BTreeMap<String, (String, usize)>| {
        let mut v: Vec<(String, String, usize)> = m.into_iter().map(|(slug, (name, c))| (name, slug, c)).collect();
        v.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.1.cmp(&b.1)));
        v
    };
    let factors = ranked(factor_counts);
    let services = ranked(service_counts);
    s.top_factors = factors.iter().take(15).cloned().collect();
    s.matrix_factors = factors.iter().take(12).map(|(n, sl, _)| (n.clone(), sl.clone())).collect();
    s.matrix_services = services.iter().take(10).map(|(n, sl, _)| (n.clone(), sl.clone())).collect();
    s.matrix = vec![vec![0; s.matrix_services.len()]; s.matrix_factors.len()];
    for inc in incidents {
        let fs: Vec<usize> =
            inc.contributing_factors.iter().filter_map(|f| s.matrix_factors.iter().position(|(_, sl)| *sl == slugify(f))).collect();
        let ss: Vec<usize> = inc.services.iter().filter_map(|sv| s.matrix_services.iter().position(|(_, sl)| *sl == slugify(sv))).collect();
        for &f in &fs {
            for &sv in &ss {
                s.matrix[f][sv] += 1;
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_and_p90() {
        let mut v = vec![10, 1, 5, 3, 8, 2, 9, 4, 7, 6];
        assert_eq!(spread(&mut v), Some(Spread { n: 10, few: vec![], median: 5, p90: 9, max: 10 }));
        assert_eq!(spread(&mut [42]).map(|s| (s.median, s.p90, s.few)), Some((42, 42, vec![42])));
        assert_eq!(spread(&mut []), None);
    }
}
