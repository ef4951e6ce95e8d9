# The cluster given to decode must hold a valid autoscale model.
kytos-qubo -m autoscale ../kytos-qubo/autoscale-tight.json |
	kytos-anneal -r 1 -s 1 |
	kytos-decode ../kytos-qubo/autoscale-no-target.json
