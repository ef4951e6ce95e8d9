# One round of one tangent per load term: the MILP under-estimates the load
# term, so the solution is feasible but not proven optimal (exit 3 with -e);
# energy is the true objective of that solution, bound the MILP's.
kytos-milp -e --rounds 1 --pieces 1 -m rebalance tiny.json |
	jq -c '{status, energy, bound, gap, rounds: .stats.rounds}'
echo "exit $?"
kytos-milp -e --rounds 1 --pieces 1 -m rebalance tiny.json >/dev/null
echo "exit $?"
