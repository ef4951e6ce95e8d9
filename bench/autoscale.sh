#!/bin/sh
# kytos autoscale benchmark: generated clusters of N autoscale services
# (bench/gen-autoscale, the headroom binding), solved by the annealer
# (kytos-qubo -m autoscale | kytos-anneal | kytos-decode) and exactly
# (kytos-milp -m autoscale | kytos-decode); one row per method with the
# time, the plan's objective, and the agreement with the MILP's counts.
# See bench/autoscale.md.
#
#   BIN=build/bin sh bench/autoscale.sh
#   SERVICES="20 100" READS=8 SWEEPS=4000 SEED=1 ALGOS="sa tabu" \
#	sh bench/autoscale.sh
set -eu
: "${BIN:=build/bin}" "${SERVICES:=20 100}" "${READS:=8}" "${SWEEPS:=4000}"
: "${SEED:=1}" "${ALGOS:=sa tabu}"
out=$(cd "$(dirname "$0")" && pwd)/out
gen=$out/../gen-autoscale
mkdir -p "$out"

# Run a pipeline (sh -c text) and print its wall seconds.
timed() {
	t0=$(date +%s.%N)
	sh -c "$1" || exit 1
	echo "$t0 $(date +%s.%N)" | awk '{ printf "%.2f", $2 - $1 }'
}

# instance method plan.json seconds reference-plan.json
row() {
	jq -r --arg i "$1" --arg m "$2" --arg s "$4" --slurpfile ref "$5" '
	    ($ref[0].objective.total) as $best |
	    [.scaling, $ref[0].scaling] | transpose |
	    map(select(.[0].recommended == .[1].recommended)) | length
	    as $same | input | [$i, $m, $s,
	    (.objective.total * 100 | round / 100),
	    (if $best > 0 then ((.objective.total - $best) / $best * 10000 |
	     round / 100 | tostring) + "%" else "-" end),
	    .feasible, (.repairs | length),
	    (.after.headroom.cpu * 1000 | round / 1000),
	    (.after.headroom.mem * 1000 | round / 1000),
	    "\($same)/\(.scaling | length)"] | @tsv' "$3" "$3"
}

printf 'instance\tmethod\tseconds\tobjective\tvs_milp\tfeasible\trepairs\t'
printf 'cpu_free\tmem_free\tsame_counts\n'
for n in $SERVICES; do
	c=$out/autoscale-$n.json p=$out/autoscale-$n
	"$gen" --services "$n" --seed "$SEED" >"$c"
	tm=$(timed "'$BIN/kytos-milp' -m autoscale '$c' >'$p.milp.json' &&
	    '$BIN/kytos-decode' '$c' '$p.milp.json' >'$p.milp.plan.json'")
	row "$n services" "milp" "$p.milp.plan.json" "$tm" "$p.milp.plan.json"
	for al in $ALGOS; do
		ta=$(timed "'$BIN/kytos-qubo' -m autoscale '$c' |
		    '$BIN/kytos-anneal' -a $al -r $READS -n $SWEEPS -s $SEED \
		    >'$p.$al.json' &&
		    '$BIN/kytos-decode' '$c' '$p.$al.json' >'$p.$al.plan.json'")
		row "$n services" "anneal -a $al r=$READS n=$SWEEPS" \
		    "$p.$al.plan.json" "$ta" "$p.milp.plan.json"
	done
	# The QUBO energy of each answer: the same number when they agree.
	jq -r --arg n "$n" '"# \($n) services: milp \(.status), " +
	    "\(.stats.variables) columns, energy \(.energy), bound \(.bound)"' \
	    "$p.milp.json"
done
