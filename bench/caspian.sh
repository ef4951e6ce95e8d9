#!/bin/sh
# caspian-plan on generated instances (bench/gen-jobs: diurnal carbon, tight
# capacity, 30% of jobs in prev_plan, a fifth with affinity): 100 jobs x 3
# regions x 24 slots with a 1 s limit, and 2000 x 8 x 96 with 60 s.
# Prints one row per run; bench/caspian.md explains the columns and results.
set -eu
BIN=${BIN:-build/bin}
here=$(cd "$(dirname "$0")" && pwd)
out=$here/out
mkdir -p "$out"

# True optima, from one-off exact runs (bench/caspian.md): HiGHS 1.15 on
# the --mps export.  "above" is the plan's excess over them.
optimum() {	# jobs regions slots seed
	case $1-$2-$3-$4 in
	100-3-24-1)	echo 6599.589 ;;
	100-3-24-2)	echo 9856.5551 ;;
	100-3-24-3)	echo 10508.7052 ;;
	*)		echo null ;;
	esac
}

run() {	# jobs regions slots seed time-limit
	f=$out/jobs-$1-$2-$3-$4.json
	[ -s "$f" ] || python3 "$here/gen-jobs" "$1" "$2" "$3" "$4" >"$f"
	"$BIN/caspian-plan" -t "$5" "$f" >"$out/plan-$1-$2-$3-$4.json"
	jq -r --arg j "$1" --arg r "$2" --arg s "$3" --arg seed "$4" \
	    --argjson opt "$(optimum "$1" "$2" "$3" "$4")" '
	    [$j, $r, $s, $seed, .stats.variables,
	     (.stats.seconds * 100 | round / 100), .solver_status,
	     (.objective * 100 | round / 100), (.bound * 100 | round / 100),
	     ((.gap * 10000 | round) / 100 | tostring) + "%",
	     (.co2_estimate_kg * 1000 | round / 1000),
	     ((.baseline.savings_pct * 100 | round) / 100 | tostring) + "%",
	     (.unscheduled | length),
	     (if $opt == null then "unknown" else
	      (((.objective - $opt) / $opt * 1e5 | round) / 1000 | tostring)
	      + "%" end)] | @tsv' "$out/plan-$1-$2-$3-$4.json"
}

{
	printf 'jobs\tregions\tslots\tseed\tvariables\tseconds\tstatus\t'
	printf 'objective\tbound\tgap\tco2_kg\tsaving\tunscheduled\tabove\n'
	for seed in 1 2 3; do
		run 100 3 24 "$seed" 1
	done
	run 2000 8 96 1 60
} | column -t -s "$(printf '\t')"
