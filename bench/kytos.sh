#!/bin/sh
# kytos rebalance benchmark: generated clusters (nodes x pods), the current
# placement, a kube-scheduler-style greedy re-placement and the kytos
# pipeline (kytos-qubo --candidates | kytos-anneal | kytos-decode), every
# row scored by kytos-decode with the same model.  See bench/kytos.md.
#
#   BIN=build/bin sh bench/kytos.sh
#   SIZES="20x200" K=4 READS=8 sh bench/kytos.sh
set -eu
BIN=${BIN:-build/bin}
SIZES=${SIZES:-"20x200 50x500 100x1000"}
K=${K:-4}
READS=${READS:-8}
SEED=${SEED:-1}
here=$(cd "$(dirname "$0")" && pwd)
out=$here/out
mkdir -p "$out"

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }

# One row from a plan of kytos-decode: its "before" or "after" state.
row() {	# instance method plan.json before|after seconds
	jq -r --arg i "$1" --arg m "$2" --arg w "$4" --arg s "$5" '
	    def r3: . * 1000 | round / 1000;
	    .[$w] as $x | [$i, $m, ($x.objective.total * 100 | round / 100),
	    ($x.cpu_util_max | r3), ($x.cpu_util_stddev | r3),
	    ($x.mem_util_max | r3), ($x.mem_util_stddev | r3),
	    $x.nodes_used,
	    (if $w == "before" then 0
	     else [.moves[] | select(.temporary | not)] | length end),
	    $x.anti_affinity_violations, $x.capacity_violations, $s,
	    (if $w == "before" then "-" else (.repairs | length) end),
	    (if $w == "before" then "-" else .feasible end)] | @tsv' "$3"
}

# bench/greedy's {"assign": {pod: node}} as a sample kytos-decode reads:
# the same variable names over the unpruned model (candidates=0), since
# greedy may use any node where the pod fits.  kytos-decode maps names,
# not indices; the energy is not a QUBO energy.
greedy_sample() {	# greedy.json anneal-sample.json
	jq --slurpfile s "$2" '
	    [.assign | to_entries[] | select(.value != null) |
	     "place \(.key) \(.value)"] as $n |
	    {solver: "greedy", status: "ok", energy: 0,
	     ones: [range($n | length)], names: $n,
	     meta: {kytos: ($s[0].meta.kytos + {candidates: "0"})}}' "$1"
}

printf 'instance\tmethod\tobjective\tcpu_max\tcpu_sd\tmem_max\tmem_sd\t'
printf 'nodes\tmigr\taa_viol\tcap_viol\tseconds\trepairs\tfeasible\n'
verdicts=
for size in $SIZES; do
	n=${size%x*} p=${size#*x}
	c=$out/cluster-$size.json q=$out/rebalance-$size.qubo
	s=$out/anneal-$size.json plan=$out/plan-$size.json
	"$here/gen-cluster" --nodes "$n" --pods "$p" --seed "$SEED" >"$c"
	t=$(now)
	"$BIN/kytos-qubo" -q -m rebalance --candidates "$K" "$c" >"$q"
	tq=$(since "$t")
	t=$(now)
	"$BIN/kytos-anneal" -q -r "$READS" -s "$SEED" "$q" >"$s"
	ta=$(since "$t")
	t=$(now)
	"$BIN/kytos-decode" -q "$c" <"$s" >"$plan"
	td=$(since "$t")
	tk=$(awk -v a="$tq" -v b="$ta" -v d="$td" 'BEGIN { print a + b + d }')

	t=$(now)
	"$here/greedy" "$c" "$q" >"$out/greedy-$size.json"
	tg=$(since "$t")
	greedy_sample "$out/greedy-$size.json" "$s" \
	    >"$out/greedy-sample-$size.json"
	"$BIN/kytos-decode" -q "$c" "$out/greedy-sample-$size.json" \
	    >"$out/greedy-plan-$size.json"

	row "$size" current "$plan" before 0
	row "$size" greedy "$out/greedy-plan-$size.json" after "$tg"
	row "$size" "kytos K=$K" "$plan" after "$tk"
	verdicts="$verdicts$(jq -r --arg i "$size" --arg t "$tk" \
	    --slurpfile g "$out/greedy-plan-$size.json" '
	    def pct: . * 1000 | round / 10;
	    (1 - .after.cpu_util_stddev / .before.cpu_util_stddev) as $cut |
	    "# \($i): objective \(.objective.total * 100 | round / 100)" +
	    " vs greedy \($g[0].objective.total * 100 | round / 100)" +
	    " (\(if .objective.total < $g[0].objective.total then "beats"
	        else "LOSES" end)); cpu_sd cut \($cut | pct)% (" +
	    "\(if $cut >= 0.3 then "ok" else "UNDER 30%" end)); " +
	    "capacity violations \(.after.capacity_violations); " +
	    "\($t) s (\(if ($t | tonumber) < 20 then "ok" else "OVER 20 s"
	        end))"' "$plan")
"
	echo "# $size: $(grep -c '^c var' "$q") variables," \
	    "$(sed -n 's/^p qubo 0 [0-9]* [0-9]* //p' "$q") couplers;" \
	    "qubo ${tq}s, anneal ${ta}s, decode ${td}s" >&2
done
printf '%s' "$verdicts"
