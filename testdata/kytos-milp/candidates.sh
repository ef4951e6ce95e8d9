# --candidates 1: each pod keeps its current node and one other, so the
# variables are fewer (and named as kytos-qubo names them); the optimum over
# them can only be worse or equal.
kytos-milp -m rebalance affinity.json | jq -c '[.energy, .num_variables]'
kytos-milp -m rebalance --candidates 1 affinity.json | jq -c '[.energy, .num_variables]'
kytos-qubo -m rebalance --candidates 1 affinity.json | grep -c '^c var .* place '
