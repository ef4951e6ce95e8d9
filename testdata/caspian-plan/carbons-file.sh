# --carbons replaces the input's carbons: make KR the cleanest region.
jq '{carbons: [.carbons[] | .ci_gco2_per_kwh = (if .region == "KR" then 50 else 500 end)]}' synthetic.json >carbons.tmp
caspian-plan --carbons carbons.tmp synthetic.json | jq -c '[.plans[].region], .co2_estimate_kg'
rm -f carbons.tmp
