//! Timeline entries that describe a symptom: what users or graphs saw
//! when the service was hurt. `Error rate spiked to 40%`, `p99 latency
//! climbed above 2s`, `Requests to the API were timing out`, `Checkout is
//! returning 500 errors`, `Users are unable to log in`, `All requests
//! begin to take 10+ seconds`. Each marks `impact`; the first of them is
//! where impact began. Read only when no phrase of [`super::phrases`]
//! names the entry's kind, so a detection, an alert or a recovery worded
//! with a symptom (`We noticed elevated errors`, `Error rate back to
//! normal`) keeps its kind.

use crate::model::EventKind;

use super::phrases::NEGATIONS;

/// What is measured when a service hurts.
const MEASURES: &[&str] = &[
    "error",
    "errors",
    "latency",
    "latencies",
    "p50",
    "p90",
    "p95",
    "p99",
    "5xx",
    "5xxs",
    "500s",
    "502s",
    "503s",
    "504s",
    "timeouts",
    "failures",
    "retries",
];

/// A measure going up (not `exceeded`: `Max retries exceeded` is an
/// error message, not a graph).
const RISES: &[&str] = &[
    "spiked",
    "spikes",
    "spiking",
    "climbed",
    "climbs",
    "climbing",
    "rose",
    "rises",
    "rising",
    "increased",
    "increases",
    "increasing",
    "jumped",
    "jumps",
    "surged",
    "surges",
    "soared",
    "skyrocketed",
    "doubled",
    "tripled",
];

/// Words that may stand between a measure and its rise.
const BETWEEN: &[&str] =
    &["rate", "rates", "ratio", "count", "counts", "is", "are", "was", "were", "has", "have", "had", "sharply", "suddenly"];

/// Who is hurt when they cannot do something.
const PEOPLE: &[&str] = &["users", "customers", "clients", "people", "merchants", "developers", "visitors", "players", "members"];

/// Verbs of beginning (`begin to take`, `started timing out`).
const BEGIN: &[&str] = &["begin", "begins", "began", "beginning", "start", "starts", "started", "starting"];

/// Verbs of failing that mark impact once something begins to do them.
const FAIL: &[&str] = &[
    "fail",
    "failing",
    "error",
    "erroring",
    "crash",
    "crashing",
    "hang",
    "hanging",
    "stall",
    "stalling",
    "timeout",
    "reject",
    "rejecting",
    "throw",
    "throwing",
    "degrade",
    "degrading",
];

/// A measure that beginning to fall or rise marks impact, by which way is
/// bad for it: `Success rate starts dropping`, `Queue depth starts
/// climbing`; but `Launch success begins to climb` is recovery.
const FALL: &[&str] = &["drop", "dropping", "fall", "falling", "decline", "declining"];
const RISE: &[&str] = &["climb", "climbing", "rise", "rising", "spike", "spiking", "grow", "growing"];
/// Measures that are good when high.
const GOOD_HIGH: &[&str] = &[
    "success",
    "successful",
    "throughput",
    "availability",
    "uptime",
    "healthy",
    "hit",
    "launches",
    "deliveries",
    "completions",
    "traffic",
    "orders",
    "logins",
    "signups",
    "conversions",
];

/// Verbs of a measure falling (`availability drops`).
const FALLS: &[&str] =
    &["drops", "dropped", "drop", "falls", "fell", "dips", "dipped", "plummets", "plummeted", "plunges", "plunged", "declines", "declined"];

/// `impact` if `lower` (a lower-cased timeline entry) describes a symptom.
pub fn symptom(lower: &str) -> Option<EventKind> {
    let words: Vec<&str> = lower.split(|c: char| !(c.is_alphanumeric() || c == '+' || c == '\'')).filter(|w| !w.is_empty()).collect();
    let negated = |i: usize| negated(&words, i);
    let at = |i: usize| words.get(i).copied().unwrap_or("");
    let is_errors = |i: usize| errors_at(&words, i);
    // The opening of a long entry says what it is about; what it goes on
    // to quote (`Max retries exceeded`) or find out is not its kind.
    let found = (0..words.len().min(30)).any(|i| {
        let w = words[i];
        // `error rate spiked`, `p99 latency climbed`, `5xx errors increased
        // sharply`, `APNs 429 rate climbs above 60%`.
        let rising = measure_at(&words, i) && {
            let mut j = i + 1;
            while j < words.len() && j <= i + 3 && (BETWEEN.contains(&words[j]) || MEASURES.contains(&words[j])) {
                j += 1;
            }
            RISES.contains(&at(j)) && !negated(j)
        };
        // `elevated error rates`, `high latency`, `increased 5xx`; not
        // what someone did (`we increased timeouts`).
        let actor = i > 0 && matches!(words[i - 1], "we" | "i" | "they" | "team" | "engineers" | "on-call" | "oncall" | "sre" | "sres");
        let elevated = matches!(w, "elevated" | "high" | "higher" | "increased") && MEASURES.contains(&at(i + 1)) && !negated(i) && !actor;
        // `requests were timing out`, `checkout is returning 500 errors`.
        let failing = (w == "timing" && at(i + 1) == "out"
            || matches!(w, "returning" | "returned" | "serving" | "throwing") && is_errors(i + 1))
            && !negated(i);
        // `users are unable to log in`, `customers could not pay`.
        let blocked = PEOPLE.contains(&w) && {
            let rest = words[i + 1..(i + 4).min(words.len())].join(" ");
            ["unable to", "could not", "couldn't", "cannot", "can't", "were not able", "are not able"].iter().any(|p| rest.contains(p))
        };
        // `partial outage of search`, `service degraded for EU customers`.
        let outage = matches!(w, "partial" | "full" | "major" | "complete" | "total") && matches!(at(i + 1), "outage" | "downtime")
            || w == "degraded"
                && !negated(i)
                && i > 0
                && matches!(words[i - 1], "service" | "services" | "is" | "are" | "was" | "were" | "became")
            || w == "degraded" && matches!(at(i + 1), "performance" | "service");
        // `writes failing ("could not write …")`, `logins erroring`: terse
        // notes name what fails first.
        let terse = (1..=2).contains(&i) && matches!(w, "failing" | "erroring") && !negated(i);
        // `First 502s on eu-west apps`, `First failed logins`: the onset.
        let first = w == "first"
            && (errors_at(&words, i + 1)
                || at(i + 1).starts_with("fail")
                || measure_at(&words, (i + 1).min(words.len().saturating_sub(1))) && i + 1 < words.len());
        // `availability drops to 40%`, `a significant drop in availability`,
        // `uptime dipped`: what should stay high falls.
        let good = |k: usize| matches!(at(k), "availability" | "uptime" | "throughput" | "success");
        let falls = |k: usize| FALLS.contains(&at(k)) && !negated(k);
        let falling = good(i) && (falls(i + 1) || matches!(at(i + 1), "rate" | "percentage") && falls(i + 2))
            || matches!(w, "drop" | "dip" | "fall" | "decline" | "plunge")
                && matches!(at(i + 1), "in" | "of")
                && (good(i + 2) || matches!(at(i + 2), "in" | "the") && good(i + 3));
        // `our cluster experienced a significant outage`, `suffered a
        // partial disruption`: what befell the service.
        let befell = matches!(w, "experienced" | "experiences" | "experiencing" | "suffered" | "suffers" | "suffering")
            && !negated(i)
            && words[i + 1..(i + 5).min(words.len())].iter().any(|x| {
                matches!(*x, "outage" | "outages" | "disruption" | "degradation" | "downtime" | "interruption" | "failures" | "failure")
            });
        rising || elevated || failing || blocked || outage || terse || first || falling || befell || onset(&words, i)
    });
    found.then_some(EventKind::Impact)
}

/// Whether `words[i]` is a measure: one of [`MEASURES`], a class of
/// status codes (`4xx`, `429s`), or a status code counted (`429 rate`,
/// `503 responses`).
fn measure_at(words: &[&str], i: usize) -> bool {
    let w = words[i];
    let code = |c: &str| c.len() == 3 && c.starts_with(['4', '5']) && c[1..].chars().all(|x| x.is_ascii_digit() || x == 'x');
    MEASURES.contains(&w)
        || w.strip_suffix('s').is_some_and(code)
        || code(w)
            && (w.ends_with("xx") || words.get(i + 1).is_some_and(|n| matches!(*n, "rate" | "rates" | "ratio" | "errors" | "responses")))
}

/// `Delivery latency back under 5 seconds`, `error rate back below 1%`,
/// `success rate back above 99%`: a measure back within its bounds, the
/// end of impact.
pub fn recovered(lower: &str) -> bool {
    let words: Vec<&str> = lower.split(|c: char| !(c.is_alphanumeric() || c == '%')).filter(|w| !w.is_empty()).collect();
    words.windows(2).enumerate().any(|(k, p)| {
        let before = k.saturating_sub(4)..k;
        // `latency back under 5 s`; `login success rate back above 99%`.
        let bad_down = matches!(p[1], "under" | "below" | "within")
            && before.clone().any(|i| measure_at(&words, i) || matches!(words[i], "queue" | "backlog" | "lag"));
        let good_up = matches!(p[1], "above" | "over") && before.clone().any(|i| GOOD_HIGH.contains(&words[i]));
        p[0] == "back" && (bad_down || good_up) && !negated(&words, k)
    }) || working_again(&words)
        || {
            // `writes ok, api 5xx < 1%`: terse notes say what works again.
            let ok = words.iter().take(3).position(|w| matches!(*w, "ok" | "okay"));
            ok.is_some_and(|k| k > 0 && !negated(&words, k))
        }
}

/// `New blocks being created again`, `payments flowing again`, `site
/// loads again`: something doing its work again, early in the entry; not
/// `timeouts up again`, `killed again`, nor negated anywhere in it.
fn working_again(words: &[&str]) -> bool {
    const DOING: &[&str] = &[
        "working",
        "works",
        "work",
        "flowing",
        "flow",
        "flows",
        "loading",
        "loads",
        "load",
        "launching",
        "launch",
        "responding",
        "respond",
        "responds",
        "running",
        "runs",
        "serving",
        "serve",
        "created",
        "processed",
        "processing",
        "accepted",
        "accepting",
        "succeeding",
        "succeed",
        "succeeds",
        "available",
        "online",
        "draining",
        "syncing",
        "sync",
        "passing",
        "pass",
        "delivering",
        "delivered",
        "sending",
        "connecting",
        "connect",
        "reachable",
        "producing",
        "finalizing",
        "finalising",
        // `the chain starts moving again`.
        "moving",
        "moves",
        "progressing",
    ];
    let Some(k) = words.iter().take(12).position(|w| *w == "again") else { return false };
    // `working again`, `again reachable`, `Bruno can access phrases again`.
    let doing = (k > 0 && DOING.contains(&words[k - 1]))
        || words.get(k + 1).is_some_and(|w| DOING.contains(w))
        || words[k.saturating_sub(4)..k].iter().any(|w| matches!(*w, "can" | "could"));
    doing && !words.iter().any(|w| NEGATIONS.contains(w) || w.ends_with("n't") || w.starts_with("fail") || w.starts_with("error"))
}

/// Whether `words[i..]` names server errors: `503s`, `5xx`, `errors`,
/// `timeouts`, also after `HTTP`, `status`, `a`/`an` (`HTTP 502`, `an HTTP
/// 503`, `status 500`).
fn errors_at(words: &[&str], i: usize) -> bool {
    let skip = words[i.min(words.len())..].iter().take(3).take_while(|w| matches!(**w, "http" | "status" | "a" | "an")).count();
    words.get(i + skip).is_some_and(|w| {
        w.starts_with('5') && (w.len() == 3 || w.ends_with('s') || w.ends_with("xx"))
            || matches!(*w, "errors" | "error" | "timeouts" | "servfail" | "servfails" | "nxdomain")
    })
}

/// Whether one of the two words before `words[i]` negates it (`not`,
/// `never`, `didn't`).
fn negated(words: &[&str], i: usize) -> bool {
    words[i.saturating_sub(2)..i].iter().any(|w| NEGATIONS.contains(w) || w.ends_with("n't"))
}

/// `All requests begin to take 10+ seconds`, `builds started timing out`,
/// `the API began returning 503s`: something beginning to fail, stall or
/// slow down, whatever the subject, unless negated.
fn onset(words: &[&str], i: usize) -> bool {
    if !BEGIN.contains(&words[i]) || negated(words, i) {
        return false;
    }
    let j = if words.get(i + 1) == Some(&"to") { i + 2 } else { i + 1 };
    let (Some(verb), next) = (words.get(j).copied(), words.get(j + 1).copied().unwrap_or("")) else { return false };
    let good_high = words[..i].iter().rev().take(6).any(|w| GOOD_HIGH.contains(w));
    // `Customers begin seeing failed uploads`, `users started getting 502s`.
    let noticing =
        matches!(verb, "seeing" | "see" | "getting" | "get" | "experiencing" | "experience" | "receiving" | "receive" | "hitting")
            && (errors_at(words, j + 1)
                || words[j + 1..(j + 4).min(words.len())].iter().any(|w| {
                    w.starts_with("fail")
                        || w.starts_with("error")
                        || w.starts_with("timeout")
                        || matches!(
                            *w,
                            "slow"
                                | "stale"
                                | "degraded"
                                | "loss"
                                | "outage"
                                | "outages"
                                | "issues"
                                | "problems"
                                | "disruption"
                                | "interruptions"
                        )
                }));
    FAIL.contains(&verb)
        || noticing
        || (FALL.contains(&verb) && good_high)
        || (RISE.contains(&verb) && !good_high)
        || (matches!(verb, "time" | "timing") && next == "out")
        || (matches!(verb, "slow" | "slowing") && next == "down")
        || (matches!(verb, "return" | "returning" | "serve" | "serving") && errors_at(words, j + 1))
        // `take 10+ seconds`, `take longer`: requests slowing down.
        || (matches!(verb, "take" | "taking") && (next.starts_with(|c: char| c.is_ascii_digit()) || matches!(next, "longer" | "minutes" | "seconds" | "several")))
}

#[cfg(test)]
mod tests {
    use super::super::phrases::classify;
    use crate::model::EventKind;

    #[test]
    fn symptoms_mark_impact() {
        for text in [
            "All requests updating the index begin to take 10+ seconds",
            "Builds started timing out",
            "The API began returning 503s to a third of clients",
            "Writes start to stall on the primary",
            "Pages begin to slow down for EU users",
            "Queries started to take longer than the client timeout",
            "Error rate spiked to 40% on checkout",
            "p99 latency climbed above 2s",
            "5xx errors increased sharply",
            "Requests to the API were timing out",
            "Checkout is returning 500 errors",
            "Requests for large widths start returning HTTP 502",
            "Customers begin seeing failed uploads for large files",
            "Users started getting 502s on checkout",
            "The gateway was returning an HTTP 503 to every client",
            "Users are unable to log in",
            "writes failing (\"could not write to file pg_wal/xlogtemp\"), api 5xx ~40%",
            "First 502s on eu-west apps (14:12 UTC)",
            "First failed checkouts in eu-west",
            "Customers could not complete payments",
            "Elevated error rates on the payments API",
            "Partial outage of search",
            "Service degraded for EU customers",
            "Success rate starts dropping",
            "Queue depth for webhook-dispatch starts climbing",
            "APNs 429 rate climbs above 60%",
            "4xx errors increased",
            "Validating resolvers start returning SERVFAIL for the zone",
            "The uptime metric shows a significant drop in availability percentage",
            "Availability dropped to 62% in eu-west-1",
            "Checkout success rate plummets",
        ] {
            assert_eq!(classify(text), Some(EventKind::Impact), "{text}");
        }
    }

    #[test]
    fn other_kinds_and_non_symptoms_are_left_alone() {
        for (text, kind) in [
            ("We started to take a heap dump", None),
            ("Requests did not start to fail until the cache expired", None),
            ("On-call begins to take a look", None),
            ("The team started the rollout to 10% of hosts", None),
            ("Error rate did not increase after the restart", None),
            ("Latency decreased after the cache warmed", None),
            ("Launch success begins to climb as pods recover", None),
            ("Error rate starts dropping", None),
            ("We were unable to reproduce it locally", None),
            ("We increased timeouts to 30s", None),
            ("We noticed elevated error rates", Some(EventKind::Detection)),
            ("Alert fired: error rate spiked above 5%", Some(EventKind::Alert)),
            ("Error rates are back to normal", Some(EventKind::Resolution)),
            ("Error rates back at baseline. Status page moved to Monitoring", Some(EventKind::Resolution)),
            ("Service confirmed restored. All-staff email sent", Some(EventKind::Resolution)),
            ("Delivery latency back under 5 seconds for new notifications", Some(EventKind::Resolution)),
            ("p99 back below 300 ms", Some(EventKind::Resolution)),
            ("Login success rate is back above 99% on all realms", Some(EventKind::Resolution)),
            ("Fix applied in production. Saves work again.", Some(EventKind::Resolution)),
            ("Error rate back above 5% after the retry storm", None),
            ("The team went back under the old plan", None),
            ("We had 400 users on the call", None),
            ("Asked the provider to stop serving the legacy RRSIGs", None),
            ("Nodes stop serving traffic", Some(EventKind::Impact)),
            ("writes ok, api 5xx < 1%", Some(EventKind::Resolution)),
            ("Build not ok yet", None),
            ("Availability did not drop at all", None),
            ("With the connection fixes the reconnection errors started to be less frequent", None),
            ("New blocks being created again with a 10 minute gap", Some(EventKind::Resolution)),
            ("Payments flowing again in all regions", Some(EventKind::Resolution)),
            ("Builds failing again after the second deploy", Some(EventKind::Impact)),
            ("Trees closed again, as the problem is not fixed", None),
            ("Rollout paused; processes killed again", None),
            ("Pods launching again; we keep an eye on the hub", Some(EventKind::Resolution)),
            ("We tried again with a smaller batch", None),
            ("We planned for a drop in traffic over the holiday", None),
        ] {
            assert_eq!(classify(text), kind, "{text}");
        }
    }
}
