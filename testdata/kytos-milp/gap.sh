# -g 0.5 on a maximisation: lp_solve may stop within half of the optimum;
# the bound written is widened by as much, so it stays above the energy.
kytos-milp -g 0.5 -x $SHARED/qubo/bqp50_1.qubo |
	jq -c '[.status, .energy, .bound >= .energy, .gap > 0]'
