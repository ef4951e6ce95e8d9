#!/bin/sh
# kytos autoscale benchmark: generated clusters of N autoscale services
# (bench/gen-autoscale, the headroom binding), solved by the annealer
# (kytos-qubo -m autoscale | kytos-anneal | kytos-decode) and exactly
# (kytos-milp -m autoscale | kytos-decode); one row per method with the
# time, the plan's objective, and the agreement with the MILP's counts.
# See bench/autoscale.md.
#
#   BIN=build/bin sh bench/autoscale.sh
#   SERVICES="20 100" READS=8 SWEEPS=4000 SEED=1 sh bench/autoscale.sh
set -eu
BIN=${BIN:-build/bin}
SERVICES=${SERVICES:-"20 100"}
READS=${READS:-8}
SWEEPS=${SWEEPS:-4000}
SEED=${SEED:-1}
here=$(cd "$(dirname "$0")" && pwd)
out=$here/out
mkdir -p "$out"

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }

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
	c=$out/autoscale-$n.json
	"$here/gen-autoscale" --services "$n" --seed "$SEED" >"$c"
	t=$(now)
	"$BIN/kytos-milp" -m autoscale "$c" >"$out/autoscale-$n.milp.json"
	"$BIN/kytos-decode" "$c" "$out/autoscale-$n.milp.json" \
	    >"$out/autoscale-$n.milp.plan.json"
	tm=$(since "$t")
	t=$(now)
	"$BIN/kytos-qubo" -m autoscale "$c" |
	    "$BIN/kytos-anneal" -r "$READS" -n "$SWEEPS" -s "$SEED" \
	    >"$out/autoscale-$n.anneal.json"
	"$BIN/kytos-decode" "$c" "$out/autoscale-$n.anneal.json" \
	    >"$out/autoscale-$n.anneal.plan.json"
	ta=$(since "$t")
	ref=$out/autoscale-$n.milp.plan.json
	row "$n services" "milp" "$out/autoscale-$n.milp.plan.json" "$tm" "$ref"
	row "$n services" "anneal r=$READS n=$SWEEPS" \
	    "$out/autoscale-$n.anneal.plan.json" "$ta" "$ref"
	# The QUBO energy of each answer: the same number when they agree.
	printf '# %s: milp %s %s energy %s bound %s; anneal energy %s\n' \
	    "$n services" \
	    "$(jq -r .status "$out/autoscale-$n.milp.json")" \
	    "$(jq -r .stats.variables "$out/autoscale-$n.milp.json")cols" \
	    "$(jq -r .energy "$out/autoscale-$n.milp.json")" \
	    "$(jq -r .bound "$out/autoscale-$n.milp.json")" \
	    "$(jq -r .energy "$out/autoscale-$n.anneal.json")"
done
