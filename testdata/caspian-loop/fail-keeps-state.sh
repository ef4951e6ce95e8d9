# A round whose planner fails and a round whose kubectl fails change
# nothing but the counters: same queue, same plan and t0, exit 1.  The
# config's time_limit and gap reach the planner.
here=$(pwd)
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
shared=$(cd "$SHARED" && pwd)
mkdir "$t/queue" "$t/bin"
cat >"$t/config.json" <<CFG
{"slot_seconds": 3600, "horizon_slots": 4, "time_limit": 30, "gap": 0.001,
 "carbon_files": ["$shared/carbon/KR_2023_hourly.csv"],
 "regions": [{"name": "KR", "context": "kr",
   "capacity": {"cpu": 4, "mem_gb": 16}}],
 "defaults": {"image": "busybox:1.36"}}
CFG
echo '{"job_id": "j1", "cpu": 1, "runtime_slots": 1, "deadline": "2023-06-01T01:00:00Z"}' >"$t/queue/j1.json"
export KUBECTL="$here/fake-kubectl" FAKE_KUBECTL_LOG="$t/kubectl.log" FAKE_NOW=now
printf '#!/bin/sh\necho "caspian-plan: broken (options: $*)" >&2\nexit 1\n' >"$t/bin/caspian-plan"
chmod +x "$t/bin/caspian-plan"
PATH="$t/bin:$PATH" ../../scripts/caspian-loop -c "$t/config.json" --now 1685577600 2>&1
echo "exit $?"
ls "$t/queue"; jq -c . "$t/state/state.json" "$t/state/plan.json"
grep -E '^caspian_(last_round_success|round_failures_total|rounds_total) ' "$t/caspian.prom"
echo 1 >"$t/fails"
FAKE_KUBECTL_FAIL=kr FAKE_KUBECTL_FAILS="$t/fails" \
    ../../scripts/caspian-loop -c "$t/config.json" --now 1685577600 2>&1
echo "exit $?"
ls "$t/queue"
jq -c '.plans[] | [.job_id, .start_slot]' "$t/state/plan.json"
# The next round dispatches it, once.
../../scripts/caspian-loop -c "$t/config.json" --now 1685577700
echo "exit $?"
echo "queue: $(ls "$t/queue")"
echo "dispatched: $(ls "$t/state/dispatched")"
cat "$t/kubectl.log"
