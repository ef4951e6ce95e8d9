# OR-Library bqp50.1 and bqp50.2 (maximisation) solved exactly: the best-known
# values of best_known.csv, proven (bound = energy).
for f in bqp50_1 bqp50_2; do
	kytos-milp -x $SHARED/qubo/$f.qubo | jq -c '{status, energy, bound, gap}'
	grep "^$f.qubo," $SHARED/qubo/best_known.csv | cut -d, -f3
done
