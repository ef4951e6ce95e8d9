# -j 1 and -j 2 give the same output byte for byte, stats apart.
kytos-anneal -m -r 9 -n 200 -k 9 -j 1 "$SHARED/qubo/bqp100_1.qubo" | jq 'del(.stats)' >j1.tmp
kytos-anneal -m -r 9 -n 200 -k 9 -j 2 "$SHARED/qubo/bqp100_1.qubo" | jq 'del(.stats)' >j2.tmp
kytos-anneal -m -a pt --replicas 4 -r 3 -n 50 -k 9 -j 1 "$SHARED/qubo/bqp100_1.qubo" | jq 'del(.stats)' >>j1.tmp
kytos-anneal -m -a pt --replicas 4 -r 3 -n 50 -k 9 -j 2 "$SHARED/qubo/bqp100_1.qubo" | jq 'del(.stats)' >>j2.tmp
kytos-anneal -m -a tabu -r 5 -n 50 -k 9 -j 1 "$SHARED/qubo/bqp100_1.qubo" | jq 'del(.stats)' >>j1.tmp
kytos-anneal -m -a tabu -r 5 -n 50 -k 9 -j 2 "$SHARED/qubo/bqp100_1.qubo" | jq 'del(.stats)' >>j2.tmp
cmp j1.tmp j2.tmp && echo same
rm -f j1.tmp j2.tmp
