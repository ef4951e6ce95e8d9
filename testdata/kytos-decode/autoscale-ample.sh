# Room to spare: every service gets its wanted count (scale-out, scale-in
# from 6 to 2, and mail kept at 10 within the 10% tolerance of raw 11).
c=../kytos-qubo/autoscale-ample.json
kytos-qubo -m autoscale $c | kytos-anneal -r 8 -s 1 | kytos-decode $c
