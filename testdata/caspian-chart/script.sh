# The gnuplot script: per region the carbon steps (the last one drawn to
# the end of its slot) and the jobs as bars, centre and half-width in
# slots, stacked in lanes (j2 overlaps j1 so takes lane 2; j3 starts after
# j1 ends so reuses lane 1).
PATH=../../scripts:$PATH
caspian-chart --gnuplot plan.json input.json
