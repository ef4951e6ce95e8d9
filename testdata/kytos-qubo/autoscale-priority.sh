# Room for 4 of the 9 replicas wanted: checkout (priority 3) gets two, the
# badly under-served search (1 of 6) two, feed (5 of 6) none.
kytos-qubo -m autoscale autoscale-priority.json | kytos-anneal -r 8 -s 1 |
	jq -c '.energy, .names'
