#!/bin/sh
# kytos-state on large synthetic clusters: the honeycomb NodeList and
# PodList replicated (N nodes, 30 pods a node), timed end to end.
# Generated inputs go to bench/out/.  Prints a table.
set -eu
BIN=${BIN:-build/bin}
data=${SHARED:-../shared/data}/k8s
out=bench/out
mkdir -p "$out"
printf '%7s %7s %9s %9s %9s\n' nodes pods "input MB" seconds "MB/s"
for n in 100 1000; do
	nodes=$out/state-nodes-$n.json pods=$out/state-pods-$n.json
	jq --argjson n "$n" '.items as $i | .items = [range($n) as $k |
		$i[$k % 2] | .metadata.name = "node-\($k)"]' \
		"$data/eks-honeycomb-nodes.json" >"$nodes"
	jq --argjson n "$n" '.items as $i | .items = [range($n * 30) as $k |
		$i[$k % 11] | .metadata.name = "pod-\($k)" |
		.spec.nodeName = "node-\($k % $n)"]' \
		"$data/eks-honeycomb-pods.json" >"$pods"
	bytes=$(cat "$nodes" "$pods" | wc -c)
	best=
	for r in 1 2 3; do
		s=$(date +%s.%N)
		"$BIN/kytos-state" -q "$nodes" "$pods" >/dev/null
		e=$(date +%s.%N)
		best=$(echo "$s $e ${best:-}" | awk '{ t = $2 - $1;
			if ($3 != "" && $3 < t) t = $3; printf "%.3f", t }')
	done
	echo "$n $((n * 30)) $bytes $best" | awk '{ printf "%7d %7d %9.1f %9.3f %9.1f\n",
		$1, $2, $3 / 1e6, $4, $3 / 1e6 / ($4 > 0 ? $4 : 1e-9) }'
done
