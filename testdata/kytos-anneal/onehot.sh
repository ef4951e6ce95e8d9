# Group moves keep every onehot group at exactly one member and every
# atmostone group at one or none, even at a hot fixed temperature where the
# single-flip energies (all -10) would switch on everything.  Printed: the
# distinct [members on in 0-2, in 3-4, in 5-7, 8 on] over 50 samples.
{
	echo 'c onehot 0 1 2'
	echo 'c onehot 3 4'
	echo 'c atmostone 5 6 7'
	echo 'p qubo 0 9 9 0'
	for i in 0 1 2 3 4 5 6 7 8; do echo "$i $i -10"; done
} | kytos-anneal -r 50 -n 3 -k 50 --beta-range 0.0001,0.0001 |
	jq -c '[.samples[].ones | [(map(select(. <= 2)) | length),
	    (map(select(. == 3 or . == 4)) | length),
	    (map(select(. >= 5 and . <= 7)) | length), (index(8) != null)]] |
	    unique'
