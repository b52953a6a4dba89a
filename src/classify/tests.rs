//! Tests of the factor rules on made-up sentences, one family at a time,
//! each with a negated twin.

use std::path::Path;

use crate::config::Config;
use crate::content::SourceDoc;
use crate::datetime::ZoneTable;

fn understand(cfg: &Config, text: &str) -> crate::model::Incident {
    let doc = SourceDoc { path: "t.md".into(), display: "t.md".into(), text: text.to_string() };
    let zones = ZoneTable::new(&cfg.time.zones);
    crate::understand::understand(&doc, Path::new("t.md"), cfg, &zones).document.expect("document").incident
}

fn factors(text: &str) -> Vec<String> {
    let cfg = Config::defaults_at(Path::new("."));
    understand(&cfg, text).contributing_factors
}

fn rc(sentence: &str) -> Vec<String> {
    factors(&format!("# Outage\n\n## Root cause\n\n{sentence}\n"))
}

#[test]
fn each_family_is_recognised_in_a_root_cause() {
    let cases: &[(&str, &str)] = &[
        ("A misconfigured load-balancer rule dropped half the traffic.", "config-change"),
        ("The bad deploy of version 4.2 contained a broken migration path.", "bad-deploy"),
        ("A race condition in the scheduler let two workers take the same job.", "software-bug"),
        ("The schema migration locked the orders table for twenty minutes.", "schema-migration"),
        ("The workers ran out of memory and were OOM-killed.", "capacity-exhaustion"),
        ("A sudden spike in traffic after the newsletter overwhelmed the API.", "load-surge"),
        ("Our payment vendor had an outage that lasted two hours.", "dependency-failure"),
        ("An AWS outage in us-east-1 took the queue down.", "cloud-provider"),
        ("A BGP route leak sent traffic to the wrong region.", "network-dns"),
        ("The TLS certificate expired on Saturday morning.", "certificate-expiry"),
        ("An attacker used a leaked token to push a malicious package.", "security-compromise"),
        ("A DDoS against the login page saturated the edge.", "malicious-traffic"),
        ("There was no alert on queue depth, so nobody was paged.", "missing-alerting"),
        ("We had no monitoring of the replication lag.", "monitoring-gap"),
        ("The change was never tested against a production-sized dataset.", "insufficient-testing"),
        ("The runbook was out of date and pointed at the old cluster.", "documentation-gap"),
        ("An engineer accidentally ran the cleanup command against production.", "human-error"),
        ("The autoscaler unexpectedly terminated the whole node group.", "automation"),
        ("Client retries turned it into a cascading failure across the fleet.", "cascading-failure"),
        ("The single database instance was a single point of failure.", "single-point-of-failure"),
        ("A bug corrupted the index and we lost data for three customers.", "data-loss"),
        ("A leap second made the clocks jump and locks expired early.", "time-clock"),
        ("A disk failure on the primary took the volume offline.", "hardware-failure"),
        ("The network change was not communicated to the teams that depended on it.", "communication-gap"),
        ("The Kubernetes upgrade to 1.27 removed a deprecated API.", "upgrade"),
    ];
    for (sentence, slug) in cases {
        let got = rc(sentence);
        assert!(got.iter().any(|g| g == slug), "{slug} not found in {sentence:?}: {got:?}");
    }
}

#[test]
fn negated_twins_are_not_filed() {
    let cases: &[(&str, &str)] = &[
        ("This was not a DNS issue; the resolvers answered normally.", "network-dns"),
        ("We found no evidence of a compromised account.", "security-compromise"),
        ("The certificate had not expired, and was not the problem.", "certificate-expiry"),
        ("There was no configuration change in the week before.", "config-change"),
        ("It was lock contention rather than a bug in the planner.", "software-bug"),
        ("A longer outage could have caused data loss.", "data-loss"),
        ("The memory leak in the agent was unrelated.", "security-compromise"),
        ("The alert fired within a minute and paged the on-call.", "missing-alerting"),
        ("We deployed a fix at 10:30 and errors stopped.", "bad-deploy"),
    ];
    for (sentence, slug) in cases {
        let got = rc(sentence);
        assert!(!got.iter().any(|g| g == slug), "{slug} wrongly found in {sentence:?}: {got:?}");
    }
}

#[test]
fn weak_sections_need_more_evidence_and_provenance_is_recorded() {
    // One passing mention in a summary is not enough.
    let one = factors("# Outage\n\n## Summary\n\nThe release went out at noon and checkout failed.\n");
    assert!(!one.contains(&"bad-deploy".to_string()), "{one:?}");
    let cfg = Config::defaults_at(Path::new("."));
    let inc = understand(&cfg, "# Outage\n\n## Root cause\n\nA misconfigured proxy dropped requests.\n");
    let i = inc.inferred.iter().find(|i| i.value == "config-change").expect("inferred");
    assert_eq!((i.matched.as_str(), i.line), ("misconfigured", Some(5)));
    assert_eq!(inc.provenance["contributing_factors"].from, "inferred");
}

#[test]
fn front_matter_wins() {
    let f = factors("---\ncontributing_factors: [human-error]\n---\n\n## Root cause\n\nA misconfigured proxy dropped requests.\n");
    assert_eq!(f, ["human-error"]);
}

#[test]
fn services_and_owners_from_the_vocabulary() {
    let cfg = Config::parse(
        "[[service]]\nname = \"checkout-api\"\naliases = [\"checkout service\"]\nowner = \"payments\"\n\n[[service]]\nname = \"search\"\nmatch = [\"search cluster\"]\n",
        Path::new("book.toml"),
    )
    .unwrap();
    let inc = understand(
        &cfg,
        "# Checkout service 500s\n\n## Root cause\n\nThe search cluster was not involved; a bad config reached the checkout service.\n",
    );
    assert_eq!(inc.services, ["checkout-api"]);
    assert_eq!(inc.teams, ["payments"]);
    assert!(inc.inferred.iter().any(|i| i.field == "teams" && i.rule.contains("owner of service")));
}

#[test]
fn severity_from_prose() {
    let cfg = Config::defaults_at(Path::new("."));
    let inc = understand(&cfg, "# Outage\n\nWe declared a Sev 2 at 10:04.\n");
    assert_eq!(inc.severity.as_deref(), Some("SEV-2"));
    assert_eq!(inc.provenance["severity"].from, "inferred");
}

#[test]
fn book_toml_factors_take_over_default_ones_by_name_or_alias() {
    let cfg = Config::parse(
        "[[factor]]\nname = \"missing-alert\"\naliases = [\"missing-alerting\"]\n\n[[factor]]\nname = \"flag-flip\"\nmatch = [\"flag (flip|flipped)\"]\n",
        Path::new("book.toml"),
    )
    .unwrap();
    let inc = understand(&cfg, "# Outage\n\n## Root cause\n\nA flag flipped in production, and there was no alert on the error rate.\n");
    assert_eq!(inc.contributing_factors, ["missing-alert", "flag-flip"]);
    let replaced = Config::parse(
        "[classify]\ntaxonomy = \"replace\"\n\n[[factor]]\nname = \"flag-flip\"\nmatch = [\"flag flipped\"]\n",
        Path::new("book.toml"),
    )
    .unwrap();
    assert_eq!(
        understand(&replaced, "# Outage\n\n## Root cause\n\nA flag flipped, and there was no alert.\n").contributing_factors,
        ["flag-flip"]
    );
}

#[test]
fn bad_rules_and_parts_are_config_errors_with_lines() {
    let err =
        Config::parse("[book]\ntitle = \"x\"\n\n[[factor]]\nname = \"x\"\nmatch = [\"(unclosed\"]\n", Path::new("book.toml")).unwrap_err();
    assert!(matches!(&err, crate::Error::Config { line: 6, message, .. } if message.contains("(unclosed")), "{err:?}");
    let err = Config::parse("[classify]\nread = [\"root-cause\"]\n", Path::new("book.toml")).unwrap_err();
    assert!(matches!(&err, crate::Error::Config { line: 2, .. }), "{err:?}");
}

#[test]
fn factor_disagreement_is_off_by_default_and_warns_when_on() {
    let text = "---\ncontributing_factors: [human-error]\n---\n\n## Root cause\n\nA misconfigured proxy dropped requests.\n\n## Contributing factors\n\nThe misconfiguration was in the load balancer config change.\n";
    let run = |cfg: &Config| {
        let doc = SourceDoc { path: "t.md".into(), display: "t.md".into(), text: text.to_string() };
        crate::understand::understand(&doc, Path::new("t.md"), cfg, &ZoneTable::new(&cfg.time.zones)).diagnostics
    };
    let off = Config::defaults_at(Path::new("."));
    assert!(!run(&off).iter().any(|d| d.code == "factor-disagreement"));
    let on = Config::parse("[check]\nfactor-disagreement = \"warn\"\n", Path::new("book.toml")).unwrap();
    let d = run(&on);
    assert!(d.iter().any(|d| d.code == "factor-disagreement" && d.message.contains("config-change")), "{d:?}");
}

#[test]
fn a_phrase_wrapped_over_two_lines_is_found_and_explained_on_one_line() {
    let inc = understand(
        &Config::defaults_at(Path::new(".")),
        "# Outage\n\n## Root cause\n\nThe proxy was\nmisconfigured and the server ran out\nof disk space.\n",
    );
    let i = inc.inferred.iter().find(|i| i.value == "capacity-exhaustion").expect("capacity");
    assert_eq!(i.matched, "out of disk");
    assert!(!i.explain().contains('\n'));
}
