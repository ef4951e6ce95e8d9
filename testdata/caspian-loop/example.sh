# One round with examples/caspian (the man page's example): what kubectl is
# given, where the jobs went, and the metrics (solve time left out).
here=$(pwd)
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
cp -r ../../examples/caspian/. "$t/"
rm -rf "$t/state" "$t/metrics"
shared=$(cd "$SHARED" && pwd)
jq --arg d "$shared/carbon" '.carbon_files |= map("\($d)/\(sub(".*/"; ""))")' \
    ../../examples/caspian/config.json >"$t/config.json"
export KUBECTL="$here/fake-kubectl" FAKE_KUBECTL_LOG="$t/kubectl.log"
# 2023-06-01 00:05 UTC: the round of the 00:00 slot.
FAKE_NOW=1685577900 ../../scripts/caspian-loop -c "$t/config.json" --now 1685577900
echo "exit $?"
cat "$t/kubectl.log"
echo "queue: $(ls "$t/queue" | tr '\n' ' ')"
echo "dispatched: $(ls "$t/state/dispatched" | tr '\n' ' ')"
jq -c '.plans[] | [.job_id, .region, .start_slot, .end_slot]' "$t/state/plan.json"
grep -v '^caspian_solve_seconds ' "$t/metrics/caspian.prom"
# The next round, 15 minutes later: the plan is shifted by one slot.
FAKE_NOW=1685578500 ../../scripts/caspian-loop -c "$t/config.json" --now 1685578500
echo "exit $?"
jq -c '.' "$t/state/state.json"
wc -l <"$t/kubectl.log"
# The man page's chart of the kept plan: a PNG.
../../scripts/caspian-chart --start "$(jq .t0 "$t/state/state.json")" \
    "$t/state/plan.json" "$t/state/input.json" |
    od -An -tx1 -N8 | tr -d ' \n'; echo
