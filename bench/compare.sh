#!/usr/bin/env bash
# pmbook vs a general static-site generator plus a search indexer, on the
# same generated archive, in one run: Hugo (Debian's package) with five
# taxonomies and minimal templates, then Pagefind 1.6 (npm) over its output;
# and `pmbook build` (every index page, charts, feeds and the search index).
# Runs alternate (Hugo+Pagefind, pmbook, Hugo+Pagefind, ...) so that the
# machine's state affects both alike; the median of RUNS runs is reported.
#
#   [PROFILE=varied] bench/compare.sh [N ...]  (default: 1000 10000; RUNS=3)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
runs=${RUNS:-3}
work=${BENCH_DIR:-/tmp/pmbook-bench}
# PROFILE=varied: archives of `pmbook generate --profile varied` (longer
# bodies with code and tables, 20–60 timeline events, three times the
# terms, a third without front matter), kept apart from the default ones.
profile=${PROFILE:-default}
case $profile in default) suffix= ;; varied) suffix=-varied ;; *) echo "PROFILE must be default or varied"; exit 2 ;; esac
mkdir -p "$work"

# Tools: Hugo from Debian, Pagefind from npm (pinned), both only if missing.
if ! command -v hugo >/dev/null; then
  echo "installing hugo (Debian package)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hugo >/dev/null
fi
pagefind=$work/npm/node_modules/.bin/pagefind
if [ ! -x "$pagefind" ]; then
  echo "installing pagefind 1.6 (npm)"
  npm install --silent --no-audit --no-fund --prefix "$work/npm" pagefind@1.6.0 >/dev/null
fi
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (Debian package: time)"; exit 1; }
cargo build --release --quiet
bin=$PWD/target/release/pmbook
# Outputs left by an interrupted run are removed, and removals settle
# before anything is measured (see bench/settle.sh).
. bench/settle.sh
shopt -s nullglob
remove_outputs "$work"/out-*
wait_settled
outputs=()

# timed CMD...: "wall_seconds peak_rss_kb" of one run. The page cache's
# dirty data is written out first, untimed: otherwise the previous tool's
# gigabytes of output are flushed to disk during this one's run and billed
# to it (pmbook runs right after Pagefind, Pagefind right after Hugo).
timed() {
  sync
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >"$work/out.txt" 2>"$work/err.txt" || { tail -20 "$work/err.txt"; exit 1; }
  cat "$work/time.txt"
}

# A Hugo site over the same Markdown files: taxonomies for contributing
# factors, services, teams, tags and severity; one minimal template per
# page kind; Pagefind filters for factor, service and team.
hugo_site() {
  local archive=$1 site=$2
  rm -rf "$site"; mkdir -p "$site/layouts/_default"
  ln -s "$archive/content" "$site/content"
  cat >"$site/hugo.toml" <<'TOML'
baseURL = "http://localhost/"
languageCode = "en"
title = "Post-mortems"
disableKinds = ["sitemap", "robotsTXT"]
[taxonomies]
  contributing_factor = "contributing_factors"
  service = "services"
  team = "teams"
  tag = "tags"
  severity = "severity"
[markup.goldmark.renderer]
  unsafe = true
TOML
  cat >"$site/layouts/_default/baseof.html" <<'HTML'
<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><nav><a href="/">Home</a> {{ range .Site.Taxonomies }}{{ end }}</nav>{{ block "main" . }}{{ end }}</body></html>
HTML
  cat >"$site/layouts/_default/single.html" <<'HTML'
{{ define "main" }}<main data-pagefind-body><h1>{{ .Title }}</h1>
<p>{{ .Date.Format "2 Jan 2006" }} · {{ .Params.severity }} · {{ .Params.status }}</p>
{{ range .Params.contributing_factors }}<span data-pagefind-filter="factor">{{ . }}</span> {{ end }}
{{ range .Params.services }}<span data-pagefind-filter="service">{{ . }}</span> {{ end }}
{{ range .Params.teams }}<span data-pagefind-filter="team">{{ . }}</span> {{ end }}
{{ with .Params.summary }}<p>{{ . }}</p>{{ end }}
<ol>{{ range .Params.timeline }}<li>{{ .at }} {{ .text }}</li>{{ end }}</ol>
<ul>{{ range .Params.action_items }}<li>{{ .title }} ({{ .owner }}, {{ .status }})</li>{{ end }}</ul>
{{ .Content }}</main>{{ end }}
HTML
  cat >"$site/layouts/_default/list.html" <<'HTML'
{{ define "main" }}<main><h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2006-01-02" }}</li>{{ end }}</ul></main>{{ end }}
HTML
  cp "$site/layouts/_default/list.html" "$site/layouts/_default/terms.html"
  cp "$site/layouts/_default/list.html" "$site/layouts/_default/taxonomy.html"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "pmbook $($bin --version | awk '{print $2}'), $(hugo version | awk '{print $2}'), pagefind $($pagefind --version 2>/dev/null | awk '{print $2}'), $(nproc) cores, $(date -u +"%F %H:%M UTC"), profile $profile, load $(cut -d" " -f1-3 /proc/loadavg), median of $runs runs"
printf '%-7s %-18s %9s %9s %9s\n' N tool "wall (s)" "RSS (MB)" pages
for n in "${sizes[@]}"; do
  archive=$work/archive-$n$suffix
  [ -d "$archive/content" ] || "$bin" generate "$archive" --count "$n" --seed 7 --profile "$profile" >/dev/null
  site=$work/hugo-$n$suffix
  hugo_site "$archive" "$site"
  : >"$work/h.txt"; : >"$work/p.txt"; : >"$work/m.txt"
  # Every build writes into a new, empty folder, as a CI job on a fresh
  # checkout does. Outputs are removed only at the end, after every N
  # (see bench/settle.sh for why).
  out=$work/out-$n$suffix
  mkdir -p "$out"
  outputs+=("$out")
  for r in $(seq "$runs"); do
    read -r hw hr < <(timed hugo --quiet -s "$site" -d "$out/hugo-$r")
    read -r pw pr < <(timed "$pagefind" --site "$out/hugo-$r" --quiet)
    echo "$hw $hr $pw $pr" >>"$work/h.txt"
    read -r mw mr < <(timed "$bin" -C "$archive" build --quiet --dest "$out/pmbook-$r")
    echo "$mw $mr" >>"$work/m.txt"
  done
  hugo_w=$(cut -d' ' -f1 "$work/h.txt" | median); hugo_r=$(cut -d' ' -f2 "$work/h.txt" | median)
  pf_w=$(cut -d' ' -f3 "$work/h.txt" | median); pf_r=$(cut -d' ' -f4 "$work/h.txt" | median)
  both_w=$(awk '{print $1+$3}' "$work/h.txt" | median); both_r=$(awk '{print ($2>$4)?$2:$4}' "$work/h.txt" | median)
  pm_w=$(cut -d' ' -f1 "$work/m.txt" | median); pm_r=$(cut -d' ' -f2 "$work/m.txt" | median)
  hp=$(find "$out/hugo-1" -name '*.html' | wc -l); pp=$(find "$out/pmbook-1" -name '*.html' | wc -l)
  printf '%-7s %-18s %9s %9s %9s\n' "$n" hugo "$hugo_w" "$((hugo_r / 1024))" "$hp"
  printf '%-7s %-18s %9s %9s %9s\n' "$n" pagefind "$pf_w" "$((pf_r / 1024))" ""
  printf '%-7s %-18s %9s %9s %9s\n' "$n" "hugo + pagefind" "$both_w" "$((both_r / 1024))" ""
  printf '%-7s %-18s %9s %9s %9s\n' "$n" pmbook "$pm_w" "$((pm_r / 1024))" "$pp"
  awk -v a="$pm_w" -v b="$both_w" -v ra="$pm_r" -v rb="$both_r" -v n="$n" \
    'BEGIN { printf "%-7s pmbook / (hugo + pagefind): time %.2f, peak memory %.2f\n", n, a / b, ra / rb }'
done
remove_outputs "${outputs[@]}"
