//! Event kinds from wording, one assertion per family of phrasing.

use super::*;

#[test]
fn phrases_from_real_timelines() {
    assert_eq!(classify("Prow's bump PR is merged. **Outage begins.**"), Some(EventKind::Impact));
    assert_eq!(classify("**Detection:** We received a lot of alerts"), Some(EventKind::Detection));
    assert_eq!(classify("Alert triggered on Slack."), Some(EventKind::Alert));
    assert_eq!(classify("Rollback performed."), Some(EventKind::Mitigation));
    assert_eq!(classify("Everything is back to normal and verified working."), Some(EventKind::Resolution));
    assert_eq!(classify("bucket hits the quota, media stops loading"), Some(EventKind::Impact));
    assert_eq!(classify("the Public Information Officer posted a notice that services had been restored."), Some(EventKind::Comms));
    assert_eq!(classify("media cache rebuilt, everything looks normal"), Some(EventKind::Resolution));
    assert_eq!(classify("Helm chart rollback, KIAM service restored"), Some(EventKind::Resolution));
    assert_eq!(classify("Launch success drops to zero."), Some(EventKind::Impact));
    assert_eq!(classify("The chain stalled at height 4779033."), Some(EventKind::Impact));
    assert_eq!(classify("Operations attempted to restart the stalled CI"), None);
    // Phrases start at a word: `scrollback` says no rollback, `reinstalled at` no stall.
    assert_eq!(classify("Details got missed in the scrollback"), None);
    assert_eq!(classify("Package reinstalled at 10:02"), None);
    assert_eq!(classify("Alarms went off in the NOC"), Some(EventKind::Alert));
    assert_eq!(classify("Scaled the dev container down"), None);
    assert_eq!(classify("Traffic shifted to us-west-2"), Some(EventKind::Mitigation));
    assert_eq!(classify("Feature flag disabled"), Some(EventKind::Mitigation));
    assert_eq!(classify("Deployed the fix to production"), Some(EventKind::Mitigation));
    assert_eq!(classify("Error rates returned to baseline"), Some(EventKind::Resolution));
    assert_eq!(classify("Monitoring confirmed recovery"), Some(EventKind::Resolution));
}

#[test]
fn incident_nouns_with_start_and_end_states() {
    assert_eq!(classify("Checkout degradation begun"), Some(EventKind::Impact));
    assert_eq!(classify("Checkout degradation becomes noticeable, slow pages detected"), Some(EventKind::Impact));
    assert_eq!(classify("**Outage officially resolved**"), Some(EventKind::Resolution));
    assert_eq!(classify("Cache flushed and the issue goes away"), Some(EventKind::Resolution));
    assert_eq!(classify("The hotfix is merged, bringing the outage to an end."), Some(EventKind::Resolution));
    assert_eq!(classify("Queue drains and everything returns to normal"), Some(EventKind::Resolution));
    assert_eq!(classify("Errors did not go away after the restart"), None);
    assert_eq!(classify("The issue is still not resolved"), None);
    assert_eq!(classify("Latency is once again going up"), None);
    assert_eq!(classify("Team told of the issue and the SRE team started rebuilding"), None);
    assert_eq!(classify("Service is restored, user pods start running again."), Some(EventKind::Resolution));
    assert_eq!(classify("The backlog is reduced to zero"), Some(EventKind::Resolution));
    assert_eq!(classify("Autoscaler kicks in. Everything is fine and builds are working again."), Some(EventKind::Resolution));
    assert_eq!(classify("Network outage occurred and connectivity loss detected"), Some(EventKind::Impact));
    assert_eq!(classify("Nacks stop, and the backlog starts to decrease"), None);
    assert_eq!(classify("A routine version bump is deployed."), Some(EventKind::Trigger));
    assert_eq!(classify("Hotfix 6 is released to stable **<START OF OUTAGE>**"), Some(EventKind::Impact));
    assert_eq!(classify("Gateways stop fulfilling requests. Function execution is failing."), Some(EventKind::Impact));
    // Recovery with `again` before its state or after a `can`, and
    // `back up` as a state, not a verb.
    assert_eq!(classify("All servers are again reachable."), Some(EventKind::Resolution));
    assert_eq!(classify("Bruno can access phrases again"), Some(EventKind::Resolution));
    assert_eq!(classify("Attack traffic ceases, all network metrics return to normal operation"), Some(EventKind::Resolution));
    assert_eq!(classify("Script is mistakenly executed, marking 40 nodes unschedulable."), Some(EventKind::Trigger));
    assert_eq!(classify("An engineer accidentally deleted the production bucket."), Some(EventKind::Trigger));
    assert_eq!(classify("Bruno cannot access phrases again"), None);
    assert_eq!(classify("The site is now back up."), Some(EventKind::Resolution));
    assert_eq!(classify("We back up the database nightly"), None);
    // The trouble coming back is impact; the service coming back is not.
    assert_eq!(classify("Reopened Failures are back up. Investigating."), Some(EventKind::Impact));
    assert_eq!(classify("The issue came back after the restart"), Some(EventKind::Impact));
    assert_eq!(classify("Errors returned to normal levels"), Some(EventKind::Resolution));
    assert_eq!(classify("The service is back up."), Some(EventKind::Resolution));
    assert_eq!(classify("Block 25283302 is committed and the chain starts moving again."), Some(EventKind::Resolution));
    assert_eq!(classify("This persisted until 7:04am ET when we manually terminated the server."), Some(EventKind::Resolution));
    assert_eq!(classify("He immediately dropped the database. Downtime ensued."), Some(EventKind::Impact));
    assert_eq!(classify("Our primary web server started to experience network connectivity loss"), Some(EventKind::Impact));
    assert_eq!(classify("starting 14:13 UTC our AWS us-east-1 cluster experienced a significant outage"), Some(EventKind::Impact));
    assert_eq!(classify("The region suffered a partial network disruption"), Some(EventKind::Impact));
    assert_eq!(classify("We never experienced an outage of this kind"), None);
}
