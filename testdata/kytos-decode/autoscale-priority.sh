# Conflicting priorities: room for 4 of the 9 replicas wanted; checkout
# (priority 3, 2 of 5) and search (1 of 6) get two each, feed (5 of 6)
# none.  Annealer and MILP decode to the same plan.
c=../kytos-qubo/autoscale-priority.json
kytos-qubo -m autoscale $c | kytos-anneal -r 8 -s 1 | kytos-decode $c |
	jq -c '.objective, .after, .scaling[]'
kytos-milp -m autoscale $c | kytos-decode $c | jq -c '.objective, .after'
