# man page EXAMPLES: the exact replica counts, and the same state and
# energy from the annealer on the QUBO and from kytos-milp on that QUBO
# (the QUBO's ground state is the MILP's optimum).
cd ../kytos-qubo
kytos-milp -m autoscale autoscale-priority.json | jq -c '[.energy, .ones]'
kytos-qubo -m autoscale autoscale-priority.json |
	kytos-anneal -r 8 -s 3 | jq -c '[.energy, .ones]'
kytos-qubo -m autoscale autoscale-priority.json | kytos-milp |
	jq -c '[.energy, .ones]'
