# A simulated day: 96 rounds of caspian-loop, one every 15 minutes of a fake
# clock (--now) over 2023-06-01, with the real KR and JP-TK carbon series
# and 24 jobs arriving through the day.  kubectl is a fake that logs what
# it is given; it refuses the next two applies to the JP context after
# 07:30, and the planner
# is made to fail for one round, to check that failed rounds lose nothing
# and dispatch nothing twice.  Checks: every job dispatched exactly once,
# finishing by its deadline, in an allowed region, through its region's
# context; the metrics file complete after every round.
here=$(pwd)
loop=$here/../../scripts/caspian-loop
real_plan=$(command -v caspian-plan) || { echo "no caspian-plan"; exit 1; }
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
shared=$(cd "$SHARED" && pwd)
mkdir -p "$t/queue" "$t/arrivals" "$t/bin"
# Two days of each series keep the rounds quick.
for z in KR JP-TK; do
	awk -F, 'NR == 1 || $1 ~ /^2023-06-0[12] /' \
	    "$shared/carbon/${z}_2023_hourly.csv" >"$t/$z.csv"
done
cat >"$t/config.json" <<CFG
{"queue": "queue", "state": "state", "metrics": "metrics/caspian.prom",
 "slot_seconds": 900, "horizon_slots": 16, "api": "v1beta2",
 "namespace": "batch", "carbon_files": ["KR.csv", "JP-TK.csv"],
 "regions": [
   {"name": "KR", "zone": "KR", "context": "kr-ctx",
    "capacity": {"cpu": 8, "mem_gb": 32, "gpu": 0}},
   {"name": "JP", "zone": "JP-TK", "context": "jp-ctx",
    "capacity": {"cpu": 8, "mem_gb": 32, "gpu": 1}}],
 "defaults": {"image": "quay.io/project-codeflare/busybox:1.36"},
 "costs": {"watt_cpu": 30, "lambda_plan_dev": 100},
 "network_costs": {"KR": {"JP": 0.05}, "JP": {"KR": 0.05}}}
CFG
# The planner, failing when told to.
cat >"$t/bin/caspian-plan" <<SH
#!/bin/sh
[ -f "$t/planner-fails" ] && { echo "caspian-plan: injected failure" >&2; exit 1; }
exec "$real_plan" "\$@"
SH
chmod +x "$t/bin/caspian-plan"
# 24 jobs: job i released at 00:00 + 40 min * i, file arriving 30 minutes
# before; runtime 1-4 slots; deadline 2-6 hours after the earliest end;
# every 5th only in JP, every 7th only in KR.
day=1685577600
awk -v day=$day -v dir="$t/arrivals" 'BEGIN {
	for (i = 0; i < 24; i++) {
		rel = day + i * 2400; rt = i % 4 + 1
		dl = rel + rt * 900 + (2 + i % 5) * 3600
		aff = ""
		if (i % 5 == 0) aff = ", \"affinity_regions\": [\"JP\"]"
		else if (i % 7 == 3) aff = ", \"affinity_regions\": [\"KR\"]"
		f = sprintf("%s/%d-job-%02d.json", dir, rel - 1800, i)
		printf "{\"job_id\": \"job-%02d\", \"cpu\": %d, \"mem_gb\": %d, " \
		    "\"runtime_slots\": %d, \"release\": %d, \"deadline\": %d%s}\n",
		    i, 2 + i % 3, 4 * (1 + i % 2), rt, rel, dl, aff >f
		close(f)
	}
}'
cat "$t"/arrivals/*.json >"$t/all-jobs.jsonl"
export KUBECTL="$here/fake-kubectl" FAKE_KUBECTL_LOG="$t/kubectl.log"
export FAKE_KUBECTL_FAIL=jp-ctx FAKE_KUBECTL_FAILS="$t/kubectl-fails"
: >"$FAKE_KUBECTL_LOG"
want='caspian_plan_co2_kg caspian_baseline_co2_kg caspian_plan_saving_pct
caspian_plan_penalty caspian_solve_seconds caspian_plan_status
caspian_jobs_queued caspian_jobs_unscheduled caspian_jobs_dispatched_total
caspian_jobs_expired_total caspian_jobs_rejected_total
caspian_migrations_total caspian_rounds_total caspian_round_failures_total
caspian_last_round_success caspian_last_round_timestamp_seconds'
complete=0 failed=0 round=0
while [ $round -lt 96 ]; do
	now=$((day + round * 900))
	for f in "$t"/arrivals/*.json; do
		[ -f "$f" ] || continue
		at=${f##*/}; at=${at%%-*}
		[ "$at" -le "$now" ] && mv "$f" "$t/queue/${f##*/[0-9]*[0-9]-}"
	done
	[ $round -eq 30 ] && echo 2 >"$t/kubectl-fails"
	[ $round -eq 50 ] && : >"$t/planner-fails"
	FAKE_NOW=$now PATH="$t/bin:$PATH" \
	    "$loop" -c "$t/config.json" --now $now 2>>"$t/loop.err" ||
	    failed=$((failed + 1))
	rm -f "$t/planner-fails"
	# Complete: every metric has HELP, TYPE and a sample, and the round's
	# clock is the one written.
	ok=$(awk -v want="$want" -v now=$now '
		/^# HELP / { help[$3] = 1; next }
		/^# TYPE / { type[$3] = 1; next }
		{ n = $1; sub(/\{.*/, "", n)
		  if ($2 ~ /^-?[0-9.e+-]+$/) sample[n] = 1
		  if ($1 == "caspian_last_round_timestamp_seconds" && $2 == now)
			clock = 1 }
		END { k = split(want, w, /[ \n]+/); ok = clock
		  for (i = 1; i <= k; i++)
			if (w[i] != "" && !(help[w[i]] && type[w[i]] && sample[w[i]]))
				ok = 0
		  print ok }' "$t/metrics/caspian.prom")
	[ $ok = 1 ] && complete=$((complete + 1))
	round=$((round + 1))
done
echo "rounds $round, failed $failed (injected: kubectl 2, planner 1)"
echo "kubectl refusals left: $(cat "$t/kubectl-fails")"
echo "metrics complete after $complete of $round rounds"
echo "kubectl refusals logged: $(grep -c FAILED "$t/kubectl.log")"
grep -v FAILED "$t/kubectl.log" >"$t/applied.log"
# Per job: times applied, finishing by the deadline, allowed region, the
# region's own context.
jq -r '"\(.job_id) \(.runtime_slots) \(.deadline) \(.affinity_regions // [] | join(","))"' \
    "$t/all-jobs.jsonl" | sort >"$t/jobs.txt"
awk '
	NR == FNR { rt[$1] = $2; dl[$1] = $3; aff[$1] = $4; n++; next }
	{ seen[$3]++; if ($1 + rt[$3] * 900 <= dl[$3]) ontime[$3] = 1
	  if (aff[$3] == "" || index("," aff[$3] ",", "," $4 ",")) allowed[$3] = 1
	  if ($2 == tolower($4) "-ctx") ctx[$3] = 1
	  if ($5 != "AppWrapper") bad++ }
	END {
		for (j in rt) {
			if (seen[j] == 1) once++
			if (seen[j] >= 1) any++
			if (ontime[j]) ot++; if (allowed[j]) al++; if (ctx[j]) cx++
		}
		printf "jobs %d, dispatched %d, exactly once %d, by the deadline %d, " \
		    "allowed region %d, right context %d, not AppWrapper %d\n",
		    n, any, once, ot, al, cx, bad
	}' "$t/jobs.txt" "$t/applied.log"
echo "queue left $(ls "$t/queue" | wc -l), dispatched files $(ls "$t/state/dispatched" | wc -l)"
grep -E '^caspian_(jobs_dispatched_total|rounds_total|round_failures_total|jobs_expired_total|jobs_queued) ' \
    "$t/metrics/caspian.prom"
# The refused JP jobs were applied again later; nothing was lost.
grep -c "injected failure" "$t/loop.err" | sed 's/^/planner failures reported: /'
grep -c "kubectl failed, its jobs stay queued" "$t/loop.err" |
    sed 's/^/kubectl failures reported: /'
