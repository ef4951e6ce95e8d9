# Placement: api talks to db (zone za) and its image is cached on a.
kytos-qubo -m placement placement.json | kytos-anneal -s 1 -r 16 |
	kytos-decode placement.json
