# man page EXAMPLES: the replica counts of the autoscale services
kytos-qubo -m autoscale autoscale-priority.json |
	kytos-anneal -r 8 -s 1 | jq -c .names
