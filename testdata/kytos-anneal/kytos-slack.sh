# The README pipeline with default options on the bundled cluster's exact
# QUBO (69 slack bits): the plan of kytos-milp's optimum, 56.08, feasible.
kytos-qubo -m rebalance ../../examples/cluster.json | kytos-anneal |
	kytos-decode ../../examples/cluster.json |
	jq -c '{feasible, total: .after.objective.total,
	    repairs: (.repairs | length)}'
