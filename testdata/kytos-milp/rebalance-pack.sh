# Pack: every pod on a, b stays empty (its used bit off); the ones include
# the slack bits of b's capacity, so the state has the QUBO's energy too.
kytos-milp -m rebalance --objective pack tiny.json | jq 'del(.stats.seconds)'
