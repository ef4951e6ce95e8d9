# Recovery: the dead node's high-priority pod takes s2 whole; the two
# low-priority pods share what is left on s1 (room for one).
kytos-qubo -m recovery recovery.json | kytos-anneal -s 1 -r 16 |
	kytos-decode recovery.json
