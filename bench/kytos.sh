#!/bin/sh
# kytos rebalance benchmark: generated clusters (nodes x pods), the current
# placement, a kube-scheduler-style greedy re-placement and the kytos
# pipeline (kytos-qubo --candidates | kytos-anneal [| kytos-decode]), all
# scored with the same model objective.  See bench/kytos.md.
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

row() {	# instance method score.json seconds
	jq -r --arg i "$1" --arg m "$2" --arg s "$4" '[$i, $m,
	    (if .objective == null then "infeasible"
	     else (.objective * 100 | round / 100 | tostring) end),
	    (.cpu_util_max * 1000 | round / 1000),
	    (.cpu_util_stddev * 1000 | round / 1000),
	    (.mem_util_max * 1000 | round / 1000),
	    (.mem_util_stddev * 1000 | round / 1000),
	    .nodes_used, .migrations, .anti_affinity_violations,
	    .capacity_violations, $s, (.check // "")] | @tsv' "$3"
}

printf 'instance\tmethod\tobjective\tcpu_max\tcpu_sd\tmem_max\tmem_sd\t'
printf 'nodes\tmigr\taa_viol\tcap_viol\tseconds\tcheck\n'
for size in $SIZES; do
	n=${size%x*} p=${size#*x}
	c=$out/cluster-$size.json q=$out/rebalance-$size.qubo
	"$here/gen-cluster" --nodes "$n" --pods "$p" --seed "$SEED" >"$c"
	t=$(now)
	"$BIN/kytos-qubo" -q -m rebalance --candidates "$K" "$c" >"$q"
	tq=$(since "$t")
	"$here/greedy" --current "$c" "$q" >"$out/current-$size.json"
	"$here/score" "$c" "$q" "$out/current-$size.json" >"$out/s.json"
	row "$size" current "$out/s.json" 0
	t=$(now)
	"$here/greedy" "$c" "$q" >"$out/greedy-$size.json"
	tg=$(since "$t")
	"$here/score" "$c" "$q" "$out/greedy-$size.json" >"$out/s.json"
	row "$size" greedy "$out/s.json" "$tg"
	if [ ! -x "$BIN/kytos-anneal" ]; then
		printf '%s\tkytos\t(no %s/kytos-anneal)\n' "$size" "$BIN"
		continue
	fi
	t=$(now)
	"$BIN/kytos-anneal" -q -r "$READS" -s "$SEED" "$q" \
	    >"$out/anneal-$size.json"
	ta=$(since "$t")
	"$here/score" "$c" "$q" "$out/anneal-$size.json" >"$out/s.json"
	row "$size" "kytos K=$K" "$out/s.json" \
	    "$(awk -v a="$tq" -v b="$ta" 'BEGIN { print a + b }')"
	if [ -x "$BIN/kytos-decode" ]; then
		"$BIN/kytos-decode" "$c" <"$out/anneal-$size.json" \
		    >"$out/plan-$size.json" &&
		    jq -c --arg i "$size" '{instance: $i, feasible,
		    objective: .objective.total, after}' "$out/plan-$size.json"
	fi
	echo "# $size: $(grep -c '^c var' "$q") variables," \
	    "$(sed -n 's/^p qubo 0 [0-9]* [0-9]* //p' "$q") couplers," \
	    "qubo ${tq}s, anneal ${ta}s" >&2
done
