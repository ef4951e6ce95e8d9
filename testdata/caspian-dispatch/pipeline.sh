# The man pages' pipeline end to end: real carbon data for KR and Tokyo,
# caspian-plan, then caspian-dispatch of each slot, every object valid;
# each planned job comes out exactly once, at its planned slot and region.
d=$SHARED/carbon
caspian-carbon -r JP=JP-TK --start 2023-06-01T00:00Z --slots 6 \
    $d/KR_2023_hourly.csv $d/JP-TK_2023_hourly.csv >carbons.tmp
caspian-plan --carbons carbons.tmp <pipeline-jobs.json >plan.tmp || exit 1
jq -r '.solver_status, (.plans[] | "plan \(.job_id) \(.region) \(.start_slot)")' plan.tmp
for slot in 0 1 2 3 4 5; do
	caspian-dispatch --slot $slot --defaults defaults.json pipeline-jobs.json \
	    <plan.tmp >list.tmp || exit 1
	python3 ../../tests/validate-appwrapper.py "$SHARED/appwrapper" list.tmp >/dev/null ||
	    echo "slot $slot: invalid objects"
	jq -r --argjson s $slot '.items[] | "dispatched \(.metadata.annotations["caspian-job-id"]) \(.metadata.labels["caspian-region"]) \($s)"' list.tmp
done >dispatched.tmp
cat dispatched.tmp
# The same lines, from the plan and from the dispatches.
jq -r '.plans[] | "\(.job_id) \(.region) \(.start_slot)"' plan.tmp | sort >a.tmp
sed 's/^dispatched //' dispatched.tmp | sort >b.tmp
cmp a.tmp b.tmp && echo "every planned job dispatched once, where and when planned"
rm -f carbons.tmp plan.tmp list.tmp dispatched.tmp a.tmp b.tmp
