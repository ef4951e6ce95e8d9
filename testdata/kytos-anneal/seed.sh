# The default seed is fixed (1): runs repeat; another seed gives other reads.
a=$(kytos-anneal -r 3 -n 5 -k 3 "$SHARED/qubo/bqp250_1.qubo" | jq -c .samples)
b=$(kytos-anneal -r 3 -n 5 -k 3 -s 1 "$SHARED/qubo/bqp250_1.qubo" | jq -c .samples)
c=$(kytos-anneal -r 3 -n 5 -k 3 -s 2 "$SHARED/qubo/bqp250_1.qubo" | jq -c .samples)
[ "$a" = "$b" ] && echo "default is seed 1"
[ "$a" != "$c" ] && echo "seed 2 differs"
