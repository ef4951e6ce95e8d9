# kytos-anneal(1) EXAMPLES: the same result on one thread as on two, with
# the default options.
kytos-anneal -j 1 -m "$SHARED/qubo/bqp100_1.qubo" | jq 'del(.stats)' >a.tmp
kytos-anneal -j 2 -m "$SHARED/qubo/bqp100_1.qubo" | jq 'del(.stats)' >b.tmp
cmp a.tmp b.tmp && jq -c '{status, energy}' a.tmp
rm -f a.tmp b.tmp
