# OptaPlanner's cloud-balancing instances as clusters (bench/
# cloudbalancing-to-cluster): with node cost as the only objective, the
# proven optimum equals the converter's exhaustive search and the published
# OptaPlanner scores (0hard/-5460soft, 0hard/-7410soft).
for n in 2computers-6processes 3computers-9processes 4computers-12processes; do
	f=$SHARED/cloudbalancing/$n.json
	python3 ../../bench/cloudbalancing-to-cluster "$f" |
		kytos-milp -m placement --objective pack -w cost=1 -w desire=0 |
		jq -c --arg n "$n" '[$n, .status, .energy, .bound]'
	python3 ../../bench/cloudbalancing-to-cluster --brute "$f"
done
