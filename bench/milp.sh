#!/bin/sh
# bench/milp.sh: kytos-milp against known optima and beside the annealer.
#
#   BIN=build/bin bench/milp.sh         (make bench runs it so)
#   TIME=60 CTIME=30 bench/milp.sh      time limits: QUBOs, generated clusters
#
# 1. OptaPlanner's three smallest cloud-balancing instances, converted by
#    bench/cloudbalancing-to-cluster, solved with --objective pack (node
#    cost only: -w cost=1 -w desire=0), against the optimum found by
#    exhaustive search, and the anneal pipeline (SA and PT) on the same
#    model's QUBO.
# 2. The benchmark QUBOs of up to 250 variables (all maximisations) against
#    best_known.csv.
# 3. Generated clusters (rebalance, objective balance): the MILP's energy,
#    bound, gap and seconds beside the annealer's plan on kytos-qubo's
#    QUBO of the same model (kytos-decode's objective).
# 4. The clusters of bench/kytos.sh (bench/gen-cluster, SIZES, K, READS,
#    SEED as there): the MILP's plan beside the anneal pipeline's, both
#    scored by kytos-decode.
# Generated files go to bench/out/.
set -u
BIN=${BIN:-build/bin}
TIME=${TIME:-60}
CTIME=${CTIME:-30}
top=$(cd "$(dirname "$0")/.." && pwd)
data=${SHARED:-$top/../shared/data}
[ -d "$data" ] || data=/work/shared/data
out=$top/bench/out
mkdir -p "$out"
PATH=$BIN:$PATH
export PATH

now() { date +%s.%N; }
secs() { echo "$1 $2" | awk '{ printf "%.2f", $2 - $1 }'; }

# A cluster row: the MILP's sample beside the anneal pipeline's objective.
cluster_row() {	# name width milp.json milp-objective anneal anneal-seconds
	jq -r --arg c "$1" --arg mt "$4" --arg a "$5" --arg asec "$6" \
	    '[$c, .stats.variables, ($mt | tonumber * 1000 | round / 1000),
	    (.bound * 1000 | round / 1000), (.gap * 10000 | round / 10000),
	    .status, (.stats.seconds * 100 | round / 100),
	    ($a | tonumber * 1000 | round / 1000), $asec] | @tsv' "$3" |
		awk -F '\t' -v w="$2" '{ printf "%-" w "s %6s %10s %10s %7s " \
		    "%8s %6s %10s %8s\n", $1, $2, $3, $4, $5, $6, $7, $8, $9 }'
}

echo "## cloud balancing (--objective pack -w cost=1 -w desire=0)"
echo
printf '%-24s %8s %10s %8s %8s %10s %10s\n' instance optimum milp status \
	seconds anneal-sa anneal-pt
for n in 2computers-6processes 3computers-9processes 4computers-12processes
do
	f=$data/cloudbalancing/$n.json
	c=$out/$n.cluster.json
	python3 "$top/bench/cloudbalancing-to-cluster" "$f" >"$c"
	opt=$(python3 "$top/bench/cloudbalancing-to-cluster" --brute "$f")
	t0=$(now)
	kytos-milp -m placement --objective pack -w cost=1 -w desire=0 \
		"$c" >"$out/$n.milp.json"
	t1=$(now)
	kytos-qubo -m placement --objective pack -w cost=1 -w desire=0 \
		"$c" >"$out/$n.qubo"
	sa=$(kytos-anneal -r 64 -s 1 "$out/$n.qubo" | jq .energy)
	pt=$(kytos-anneal -a pt -r 64 -s 1 "$out/$n.qubo" | jq .energy)
	printf '%-24s %8s %10s %8s %8s %10s %10s\n' "$n" "$opt" \
		"$(jq .energy "$out/$n.milp.json")" \
		"$(jq -r .status "$out/$n.milp.json")" "$(secs "$t0" "$t1")" \
		"$sa" "$pt"
done

echo
echo "## QUBOs up to 250 variables (-x, -t $TIME)"
echo
printf '%-16s %5s %10s %10s %12s %10s %9s %8s\n' file vars best-known energy \
	bound gap status seconds
for f in bqpqka_10 bqp50_1 bqp50_2 bqpqka_1 bqpqka_2 bqp100_1 bqp250_1; do
	q=$data/qubo/$f.qubo
	bk=$(grep "^$f.qubo," "$data/qubo/best_known.csv" | cut -d, -f3)
	kytos-milp -x -t "$TIME" "$q" >"$out/$f.milp.json"
	jq -r --arg f "$f" --arg bk "$bk" '[$f, .num_variables, $bk, .energy,
	    (.bound * 1000 | round / 1000), (.gap * 10000 | round / 10000),
	    .status, (.stats.seconds * 100 | round / 100)] | @tsv' \
		"$out/$f.milp.json" |
		awk -F '\t' '{ printf "%-16s %5s %10s %10s %12s %10s %9s %8s\n",
		    $1, $2, $3, $4, $5, $6, $7, $8 }'
done

echo
echo "## generated clusters (rebalance, objective balance, -t $CTIME)"
echo
printf '%-14s %6s %10s %10s %7s %8s %6s %10s %8s\n' cluster cols milp bound \
	gap status s anneal s
for spec in 3:8:1 4:12:2 5:16:3 6:20:4 8:24:5; do
	IFS=: read -r nn np seed <<EOT
$spec
EOT
	c=$out/gen-$nn-$np.json
	python3 - "$nn" "$np" "$seed" >"$c" <<'PY'
import json, random, sys
nn, np_, seed = map(int, sys.argv[1:])
rnd = random.Random(seed)
nodes = [{"id": "node-%d" % i, "cpu_capacity": 4000,
          "mem_capacity": 16384} for i in range(nn)]
svcs = ["web", "api", "db", "cache"]
pods = []
for i in range(np_):
    # Skewed: every pod starts on the first half of the nodes.
    pods.append({"id": "pod-%d" % i,
                 "cpu_request": rnd.choice([100, 250, 500, 750]),
                 "mem_request": rnd.choice([256, 512, 1024, 2048]),
                 "current_node": "node-%d" % rnd.randrange(max(1, nn // 2)),
                 "service": rnd.choice(svcs)})
json.dump({"nodes": nodes, "pods": pods}, sys.stdout)
PY
	kytos-milp -t "$CTIME" -m rebalance "$c" >"$out/gen-$nn-$np.milp.json"
	t0=$(now)
	a=$(kytos-qubo -m rebalance "$c" | kytos-anneal -r 64 -s 1 |
		kytos-decode -q "$c" | jq .objective.total)
	t1=$(now)
	cluster_row "gen-$nn-$np" 14 "$out/gen-$nn-$np.milp.json" \
		"$(jq .energy "$out/gen-$nn-$np.milp.json")" "$a" \
		"$(secs "$t0" "$t1")"
done

# The clusters of bench/kytos.sh (bench/gen-cluster, same seed, --candidates
# K, kytos-anneal -r READS): the MILP beside the anneal pipeline, both
# plans scored by kytos-decode.
SIZES=${SIZES:-"20x200 50x500"}
K=${K:-4}
READS=${READS:-8}
SEED=${SEED:-1}
echo
echo "## bench/kytos.sh clusters (rebalance, --candidates $K, -t $CTIME; anneal -r $READS)"
echo
printf '%-8s %6s %10s %10s %7s %8s %6s %10s %8s\n' cluster cols milp bound \
	gap status s anneal s
for size in $SIZES; do
	n=${size%x*} p=${size#*x}
	c=$out/kytos-$size.json
	"$top/bench/gen-cluster" --nodes "$n" --pods "$p" --seed "$SEED" >"$c"
	kytos-milp -q -t "$CTIME" --candidates "$K" -m rebalance "$c" \
		>"$out/kytos-$size.milp.json"
	mt=$(kytos-decode -q "$c" <"$out/kytos-$size.milp.json" |
		jq '.objective.total')
	t0=$(now)
	kytos-qubo -q -m rebalance --candidates "$K" "$c" |
		kytos-anneal -q -r "$READS" -s "$SEED" |
		kytos-decode -q "$c" >"$out/kytos-$size.anneal-plan.json"
	t1=$(now)
	at=$(jq '.objective.total' "$out/kytos-$size.anneal-plan.json")
	cluster_row "$size" 8 "$out/kytos-$size.milp.json" "$mt" "$at" \
		"$(secs "$t0" "$t1")"
done
