#!/bin/sh
# caspian's I/O filters and one loop round, timed: caspian-carbon on a year
# of four zones, caspian-dispatch on a plan of N jobs, a caspian-loop round
# with Q queued jobs.  Uses $BIN (make bench sets it); writes to bench/out/.
set -eu
BIN=$(cd "${BIN:-build/bin}" && pwd)
top=$(cd "$(dirname "$0")/.." && pwd)
data=${SHARED:-$top/../shared/data}
data=$(cd "$data" && pwd)
out=$top/bench/out/caspian-io
rm -rf "$out"; mkdir -p "$out"
PATH=$BIN:$top/scripts:$PATH
export PATH

# The median of 5 wall-clock runs of a command, in milliseconds.
ms() {
	for i in 1 2 3 4 5; do
		s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N)
		echo $(((e - s) / 1000000))
	done | sort -n | sed -n 3p
}

c=$data/carbon
years="$c/KR_2023_hourly.csv $c/JP-TK_2023_hourly.csv $c/US-CAL-CISO_2023_hourly.csv $c/DE-LU_2023_hourly.csv"
printf '%-58s %8s\n' "case" "median ms"
# shellcheck disable=SC2086
printf '%-58s %8s\n' "caspian-carbon 4 zones x 8760 h -> 96 slots of 15 min" \
    "$(ms caspian-carbon -q --start 2023-06-01T00:00Z --slots 96 --slot-seconds 900 $years)"
# shellcheck disable=SC2086
printf '%-58s %8s\n' "caspian-carbon 4 zones x 8760 h -> 8760 hourly slots" \
    "$(ms caspian-carbon -q --start 2023-01-01T00:00Z --slots 8760 $years)"
# shellcheck disable=SC2086
printf '%-58s %8s\n' "caspian-carbon 4 zones x 8760 h -> 365 daily slots" \
    "$(ms caspian-carbon -q --start 2023-01-01T00:00Z --slots 365 --slot-seconds 86400 $years)"

for n in 100 1000 10000; do
	jq -n --argjson n $n '{jobs: [range($n) as $i | {job_id: "job-\($i)",
	    cpu: (1 + $i % 4), mem_gb: (2 * (1 + $i % 3)), gpu: ($i % 2)}]}' \
	    >"$out/jobs-$n.json"
	jq -n --argjson n $n '{plans: [range($n) as $i | {job_id: "job-\($i)",
	    region: (["KR", "JP", "US"][$i % 3]), start_slot: ($i % 4),
	    end_slot: ($i % 4)}]}' >"$out/plan-$n.json"
	for api in v1beta2 v1beta1; do
		printf '%-58s %8s\n' \
		    "caspian-dispatch $n planned, $((n / 4)) start now, $api" \
		    "$(ms sh -c "caspian-dispatch --api $api --defaults \
		    '$top/examples/caspian/defaults.json' '$out/jobs-$n.json' \
		    <'$out/plan-$n.json'")"
	done
done

# A loop round: Q jobs in the queue, 2 regions, 16 slots of 15 minutes,
# the planner limited to 10 s (its default is 60).
cat >"$out/fake-kubectl" <<'SH'
#!/bin/sh
cat >/dev/null
SH
chmod +x "$out/fake-kubectl"
for q in 10 50; do
	d=$out/loop-$q
	mkdir -p "$d/queue"
	jq --arg c "$c" '.carbon_files = ["\($c)/KR_2023_hourly.csv", "\($c)/JP-TK_2023_hourly.csv"] |
	    .regions[].capacity.cpu = 64 | .regions[].capacity.mem_gb = 256 |
	    .time_limit = 10' \
	    "$top/examples/caspian/config.json" >"$d/config.json"
	i=0
	while [ $i -lt $q ]; do
		echo "{\"job_id\": \"b-$i\", \"cpu\": $((1 + i % 4)), \"mem_gb\": 4,
		  \"runtime_slots\": $((1 + i % 4)), \"release\": 1685577600,
		  \"deadline\": $((1685577600 + 3600 * (2 + i % 3)))}" \
		    >"$d/queue/b-$i.json"
		i=$((i + 1))
	done
	cp -r "$d/queue" "$d/queue.orig"
	round() {
		rm -rf "$d/state" "$d/queue"; cp -r "$d/queue.orig" "$d/queue"
		KUBECTL=$out/fake-kubectl caspian-loop -c "$d/config.json" \
		    --now 1685577600
	}
	printf '%-58s %8s\n' "caspian-loop round, $q queued jobs, 2 regions x 16 slots" \
	    "$(ms round)"
done
