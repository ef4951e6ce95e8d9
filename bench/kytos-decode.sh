#!/bin/sh
# kytos-decode under stress: badly infeasible samples of the rebalance
# QUBOs of bench/kytos.sh, decoded and repaired: "random" sets each moving
# pod on 0 to 3 of its candidate nodes at random, "crowd" sets every
# moving pod on the largest node (over the unpruned model, candidates=0),
# which overloads it many times over.  Prints per
# instance and sample the repairs by kind, the pods left unplaced, the
# capacity violations left (must be 0), the objective before and after,
# and the seconds.  See bench/kytos-decode.md.
#
#   BIN=build/bin sh bench/kytos-decode.sh
set -eu
BIN=${BIN:-build/bin}
SIZES=${SIZES:-"20x200 50x500 100x1000"}
K=${K:-4}
SEED=${SEED:-1}
here=$(cd "$(dirname "$0")" && pwd)
out=$here/out
mkdir -p "$out"

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }

printf 'instance\tsample\tmultiple\tnone\toverload\tmade_room\tpreempted\t'
printf 'unplaced\tcap_viol\tobjective_before\tobjective_after\tseconds\n'
for size in $SIZES; do
	n=${size%x*} p=${size#*x}
	c=$out/cluster-$size.json q=$out/rebalance-$size.qubo
	"$here/gen-cluster" --nodes "$n" --pods "$p" --seed "$SEED" >"$c"
	"$BIN/kytos-qubo" -q -m rebalance --candidates "$K" "$c" >"$q"
	for kind in random crowd; do
	s=$out/$kind-$size.json
	if [ "$kind" = crowd ]; then
		jq --arg meta "$(sed -n 's/^c kytos //p' "$q" | tr '\n' ' ')" '
		    (.nodes | max_by(.cpu_capacity) | .id) as $big |
		    ($meta | split(" ") | map(select(. != "") | split("=")
		     | {(.[0]): .[1]})
		     | add + {candidates: "0"}) as $kytos |
		    [.pods[] | select(.movable != false and .current_node)
		     | "place \(.id) \($big)"] as $n |
		    {solver: "crowd", energy: 0, ones: [range($n | length)],
		     names: $n, meta: {kytos: $kytos}}' "$c" >"$s"
	else
	# Random place variables of the QUBO, 0 to 3 per pod.
	awk -v seed="$SEED" -v kind="$kind" '
	    /^c kytos / { for (i = 3; i <= NF; i++) {
		split($i, kv, "="); meta[kv[1]] = kv[2]; keys[++nk] = kv[1] } }
	    /^c var [0-9]+ place / { pod = $5; n[pod]++; v[pod, n[pod]] = $3
		name[$3] = $4 " " $5 " " $6; if (n[pod] == 1) pods[++np] = pod }
	    END {
		srand(seed); m = 0
		for (i = 1; i <= np; i++) {
			pod = pods[i]
			k = int(rand() * 4)
			for (j = 1; j <= n[pod] && k > 0; j++)
				if (rand() < k / (n[pod] - j + 1)) {
					one[++m] = v[pod, j]; k--
				}
		}
		printf "{\"solver\": \"%s\", \"energy\": 0, \"ones\": [", kind
		for (i = 1; i <= m; i++)
			printf "%s%d", (i > 1 ? ", " : ""), one[i]
		printf "], \"names\": ["
		for (i = 1; i <= m; i++)
			printf "%s\"%s\"", (i > 1 ? ", " : ""), name[one[i]]
		printf "], \"meta\": {\"kytos\": {"
		for (i = 1; i <= nk; i++)
			printf "%s\"%s\": \"%s\"", (i > 1 ? ", " : ""), keys[i],
			    meta[keys[i]]
		printf "}}}\n"
	    }' "$q" >"$s"
	fi
	t=$(now)
	"$BIN/kytos-decode" -q "$c" "$s" >"$out/$kind-plan-$size.json"
	ts=$(since "$t")
	jq -r --arg i "$size" --arg k "$kind" --arg s "$ts" '
	    def count(re): [.repairs[] | select(.why | test(re))] | length;
	    def r2: . * 100 | round / 100;
	    [$i, $k, count("^on [0-9]+ nodes"), count("^on no node"),
	     count(" over "), count("^made room"), count("^preempted"),
	     (.unplaced | length), .after.capacity_violations,
	     (.before.objective.total | r2), (.objective.total | r2), $s]
	    | @tsv' "$out/$kind-plan-$size.json"
	done
done
