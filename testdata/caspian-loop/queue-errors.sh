# Files that are not jobs, and a second file for one job_id, are set aside
# (state/rejected) with a warning; a job whose deadline has passed goes to
# state/expired; the round still plans the rest.  dry_run false: no
# --dry-run flag.
here=$(pwd)
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
shared=$(cd "$SHARED" && pwd)
mkdir "$t/queue"
cat >"$t/config.json" <<CFG
{"slot_seconds": 3600, "horizon_slots": 4, "dry_run": false,
 "carbon_files": ["$shared/carbon/KR_2023_hourly.csv"],
 "regions": [{"name": "KR", "context": "kr",
   "capacity": {"cpu": 4, "mem_gb": 16}}],
 "defaults": {"image": "busybox:1.36"}}
CFG
echo '{"job_id": "ok", "cpu": 1, "runtime_slots": 1, "deadline": "2023-06-01T01:00:00Z"}' >"$t/queue/a.json"
echo '{"job_id": "ok", "cpu": 2, "runtime_slots": 1, "deadline": "2023-06-01T02:00:00Z"}' >"$t/queue/b.json"
echo '{"job_id": "late", "cpu": 1, "runtime_slots": 2, "deadline": "2023-06-01T01:00:00Z"}' >"$t/queue/c.json"
echo '{"job_id": "no-deadline", "cpu": 1, "runtime_slots": 1}' >"$t/queue/d.json"
echo 'not json' >"$t/queue/e.json"
KUBECTL="$here/fake-kubectl" FAKE_KUBECTL_LOG="$t/kubectl.log" FAKE_NOW=now \
    ../../scripts/caspian-loop -c "$t/config.json" --now 1685577600 2>&1 |
    sed "s|$t|T|g"
echo "exit $?"
cat "$t/kubectl.log"
for d in queue state/dispatched state/rejected state/expired; do
	echo "$d: $(ls "$t/$d" | tr '\n' ' ')"
done
grep -E '^caspian_jobs_(rejected|expired|dispatched)_total ' "$t/caspian.prom"
