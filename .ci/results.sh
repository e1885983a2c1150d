#!/usr/bin/env bash
# The true totals of a `dotnet test` run, read from its TRX file: one UnitTestResult per test, counted by outcome
# (xunit leaves the TRX Counters' notExecuted at 0, so skips are counted here, not read from there).
# Usage: .ci/results.sh RESULTS.trx [ALLOWED-SKIPS]
# Prints, for each skipped test, its name and reason, then 'N passed, M failed, K skipped' as the last line. Exits 1 when the counts do
# not add up, and under CI when a test was skipped that the allow-list (.ci/allowed-skips) does not excuse on this
# machine: an entry excuses a skip only while its check command succeeds here.
set -uo pipefail
trx=$1
allowed=${2:-$(dirname "$0")/allowed-skips}
[ -s "$trx" ] || { echo "no test results at '$trx'"; exit 1; }

results=$(grep -o '<UnitTestResult [^>]*>' "$trx")
count() { grep -c "outcome=\"$1\"" <<<"$results"; }
total=$(grep -c . <<<"$results")
passed=$(count Passed)
skipped=$(count NotExecuted)
failed=$(( total - passed - skipped )) # Failed, Error, Timeout, Aborted, Inconclusive…: anything that did not pass or skip
status=0

declared=$(grep -o '<Counters [^>]*>' "$trx" | sed -n 's/.* total="\([0-9]*\)".*/\1/p' | head -n 1)
if [ -n "$declared" ] && [ "$declared" -ne "$total" ]; then
  echo "results: the TRX declares $declared tests but holds $total results"
  status=1
fi

# name<TAB>reason for each skipped test (the reason is the result's message).
skips=$(perl -0777 -ne 'while (/<UnitTestResult [^>]*testName="([^"]*)"[^>]*outcome="NotExecuted"(.*?)(?:<\/UnitTestResult>|\/>)/sg) {
  my ($name, $body) = ($1, $2); my ($reason) = $body =~ /<Message>(.*?)<\/Message>/s; $reason //= "(no reason)";
  $reason =~ s/\s+/ /g; print "$name\t$reason\n" }' "$trx")
while IFS=$'\t' read -r name reason; do
  [ -n "$name" ] || continue
  excuse=""
  if [ -f "$allowed" ]; then
    while IFS='|' read -r prefix why check; do
      prefix=$(xargs <<<"$prefix"); why=$(xargs -0 <<<"$why" | sed 's/^ *//;s/ *$//'); check=$(sed 's/^ *//' <<<"$check")
      case "$prefix" in ''|'#'*) continue ;; esac
      if [[ "$name" == "$prefix"* ]] && bash -c "$check" >/dev/null 2>&1; then excuse="$why"; break; fi
    done < "$allowed"
  fi
  if [ -n "$excuse" ]; then
    echo "skipped (allowed: $excuse): $name — $reason"
  else
    echo "skipped: $name — $reason"
    if [ "${CI:-}" != "" ] && [ "${CI:-}" != "false" ] && [ "${CI:-}" != "0" ]; then
      echo "  under CI every test must run: this skip is not in $(basename "$allowed") with a check that holds here"
      status=1
    fi
  fi
done <<<"$skips"
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit $status
